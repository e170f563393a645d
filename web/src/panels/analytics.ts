import { CandlestickSeries, createChart, HistogramSeries, IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import { ApiError } from '../api';
import { App, throttle } from '../app';
import { el, Panel, PanelHandle } from '../dom';
import { decimalsOf, fixed } from '../format';

interface Candle { openTimeMs: number; open: string; high: string; low: string; close: string; volume: string; trades: number }
interface Trade { price: string; quantity: string; timestampNs: number }

const INTERVALS: [string, number][] = [['1m', 60], ['5m', 300], ['1h', 3_600], ['1d', 86_400]];

/** Candles and volume of the selected market (lightweight-charts), with VWAP and trade count. */
export function analyticsPanel(app: App): PanelHandle & { refresh: () => void } {
  const panel = new Panel('analytics', 'Analytics', 'analytics');
  let interval = 60;
  const intervalButtons = INTERVALS.map(([label, secs]) => {
    const b = el('button', { type: 'button', class: secs === interval ? 'chip active' : 'chip', text: label });
    b.addEventListener('click', () => {
      interval = secs;
      intervalButtons.forEach((x) => x.classList.toggle('active', x === b));
      void load();
    });
    return b;
  });
  panel.tools.append(...intervalButtons);
  const chartBox = el('div', { class: 'chart' });
  const stats = el('div', { class: 'stats' });
  const attribution = el('div', { class: 'attribution' }, 'Charts by ',
    el('a', { href: 'https://www.tradingview.com/', target: '_blank', rel: 'noopener', text: 'TradingView Lightweight Charts™' }),
    ' — Copyright (c) 2025 TradingView, Inc.');
  const content = el('div', { class: 'analytics' }, stats, chartBox, attribution);
  let chart: IChartApi | null = null;
  let candles: ISeriesApi<'Candlestick'> | null = null;
  let volume: ISeriesApi<'Histogram'> | null = null;

  function ensureChart(): void {
    if (chart) return;
    chart = createChart(chartBox, {
      width: Math.max(200, chartBox.clientWidth),
      height: Math.max(160, chartBox.clientHeight),
      layout: { background: { color: '#0f141b' }, textColor: '#9aa7b4', attributionLogo: true },
      grid: { vertLines: { color: '#1b232d' }, horzLines: { color: '#1b232d' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#2a3440' },
      rightPriceScale: { borderColor: '#2a3440' },
    });
    // Follow the panel's size (grid reflows at laptop widths).
    new ResizeObserver(() => {
      if (chartBox.clientWidth > 0) chart?.resize(chartBox.clientWidth, Math.max(160, chartBox.clientHeight));
    }).observe(chartBox);
    candles = chart.addSeries(CandlestickSeries, { upColor: '#2ebd85', downColor: '#f6465d', wickUpColor: '#2ebd85', wickDownColor: '#f6465d', borderVisible: false });
    volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: 'rgba(120,144,170,0.5)' });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
  }

  function stat(label: string, value: string): HTMLElement {
    return el('div', { class: 'stat' }, el('span', { class: 'muted', text: label }), el('span', { class: 'num', text: value }));
  }

  async function load(): Promise<void> {
    const inst = app.instrument();
    if (!inst) return;
    const sym = encodeURIComponent(inst.symbol);
    try {
      const [ks, ts] = await Promise.all([
        app.api.get<Candle[]>(`/v1/candles/${sym}?interval=${interval}&limit=500`),
        app.api.get<Trade[]>(`/v1/trades/${sym}?limit=1000`),
      ]);
      if (panel.state !== 'ready') panel.ready(content);
      ensureChart();
      const pd = decimalsOf(inst.tickSize);
      const qd = decimalsOf(inst.lotSize);
      candles!.applyOptions({ priceFormat: { type: 'price', precision: pd, minMove: Number(inst.tickSize) } });
      const sorted = [...ks].sort((a, b) => a.openTimeMs - b.openTimeMs);
      candles!.setData(sorted.map((k) => ({ time: (k.openTimeMs / 1000) as UTCTimestamp, open: +k.open, high: +k.high, low: +k.low, close: +k.close })));
      volume!.setData(sorted.map((k) => ({ time: (k.openTimeMs / 1000) as UTCTimestamp, value: +k.volume,
        color: +k.close >= +k.open ? 'rgba(46,189,133,0.45)' : 'rgba(246,70,93,0.45)' })));
      let pq = 0;
      let q = 0;
      for (const t of ts) {
        pq += Number(t.price) * Number(t.quantity);
        q += Number(t.quantity);
      }
      const vol = sorted.reduce((s, k) => s + Number(k.volume), 0);
      stats.replaceChildren(
        stat('Market', inst.symbol),
        stat(`VWAP (last ${ts.length} trades)`, q > 0 ? fixed(pq / q, pd) : '—'),
        stat('Volume (shown candles)', fixed(vol, qd)),
        stat('Trades', String(sorted.reduce((s, k) => s + k.trades, 0))),
        stat('Fees maker/taker', `${inst.makerFeeBps}/${inst.takerFeeBps} bps`));
    } catch (err) {
      const e = err as ApiError;
      panel.error(e.message, () => void load());
    }
  }

  const refresh = throttle(() => void load(), 1_000);
  return { panel, load, refresh };
}
