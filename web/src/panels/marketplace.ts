import { ApiError } from '../api';
import { App, Instrument, throttle } from '../app';
import { el, Panel, PanelHandle, table } from '../dom';
import { decimalsOf, fixed, pct, ratio } from '../format';
import { marketSellerScore, SellerRow } from '../trust';

interface Candle { openTimeMs: number; open: string; high: string; low: string; close: string; volume: string; trades: number }
interface Trade { price: string; timestampNs: number }

interface Row { i: Instrument; last: string | null; volume: number; change: number | null; seller: { account: number; score: number; lowerBound: number } | null }
interface Listing { accountId: number; instrumentId: number; quantityLots: number }

const DAY_MS = 86_400_000;

/** Instruments grouped by class with last price and 24 h volume / change (from hourly candles). */
export function marketplacePanel(app: App): PanelHandle & { refresh: () => void } {
  const panel = new Panel('marketplace', 'Marketplace', 'market');
  let rows: Row[] = [];

  async function rowFor(i: Instrument): Promise<Row> {
    const sym = encodeURIComponent(i.symbol);
    const [candles, trades] = await Promise.all([
      app.api.get<Candle[]>(`/v1/candles/${sym}?interval=3600&limit=24`),
      app.api.get<Trade[]>(`/v1/trades/${sym}?limit=1`),
    ]);
    const since = Date.now() - DAY_MS;
    const day = candles.filter((c) => c.openTimeMs >= since - 3_600_000);
    const volume = day.reduce((s, c) => s + Number(c.volume), 0);
    const first = day.length ? Number(day[0].open) : NaN;
    const last = trades.length ? trades[0].price : null;
    const change = day.length && last !== null && first > 0 ? Number(last) / first - 1 : null;
    return { i, last, volume, change, seller: null };
  }

  function render(): void {
    const byClass = new Map<string, Row[]>();
    for (const r of rows) byClass.set(r.i.class, [...(byClass.get(r.i.class) ?? []), r]);
    const groups: HTMLElement[] = [];
    for (const [cls, list] of [...byClass.entries()].sort()) {
      groups.push(el('h3', { class: 'group', text: cls.replace(/_/g, ' ') }));
      groups.push(table(list, [
        { title: 'Market', value: (r) => r.i.symbol, cls: (r) => (r.i.symbol === app.symbol ? 'selected' : '') },
        { title: 'Last', num: true, value: (r) => (r.last === null ? '—' : fixed(r.last, decimalsOf(r.i.tickSize))) },
        { title: '24h vol', num: true, value: (r) => fixed(r.volume, decimalsOf(r.i.lotSize)) },
        { title: '24h chg', num: true, value: (r) => pct(r.change), cls: (r) => (r.change === null ? '' : r.change >= 0 ? 'up' : 'down') },
        { title: 'Seller', num: true, value: (r) => (r.seller ? ratio(r.seller.lowerBound, 2) : '—') },
      ], 'no markets', (r) => app.selectMarket(r.i.symbol)));
    }
    panel.ready(...(groups.length ? groups : [el('div', { class: 'empty', text: 'This node lists no instruments yet.' })]));
  }

  async function load(): Promise<void> {
    try {
      const [list, scores] = await Promise.all([Promise.all(app.instruments.map(rowFor)), sellerScores()]);
      rows = list;
      for (const r of rows) r.seller = marketSellerScore(r.i.instrumentId, scores.listings, scores.sellers);
      render();
    } catch (e) {
      const err = e as ApiError;
      panel.error(err.message, () => void load());
    }
  }

  /** Listings and seller scores; a node without reputation (404) leaves the column empty. */
  let reputationMissing = false;
  async function sellerScores(): Promise<{ listings: Listing[]; sellers: SellerRow[] }> {
    if (reputationMissing) return { listings: [], sellers: [] };
    try {
      const [listings, body] = await Promise.all([
        app.api.get<Listing[]>('/v1/listings'),
        app.api.get<{ sellers?: SellerRow[] }>('/v1/reputation/sellers'),
      ]);
      return { listings, sellers: body.sellers ?? [] };
    } catch (e) {
      if ((e as ApiError).routeMissing) {
        reputationMissing = true; // asked again after a reload of the page
        return { listings: [], sellers: [] };
      }
      throw e;
    }
  }

  const refresh = throttle(() => void load(), 2_000);
  app.onMarket(render);
  return { panel, load, refresh };
}
