import { CandlestickSeries, createChart, HistogramSeries, IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import { ApiError } from '../api';
import { App, throttle } from '../app';
import { el, Panel, PanelHandle } from '../dom';
import { decimalsOf, duration, fixed, percent } from '../format';

interface Candle { openTimeMs: number; open: string; high: string; low: string; close: string; volume: string; trades: number }

const INTERVALS: [string, number][] = [['1m', 60], ['5m', 300], ['1h', 3_600], ['1d', 86_400]];
const WINDOWS: [string, number][] = [['1h', 3_600], ['24h', 86_400], ['7d', 604_800]];
const SUMMARY_REFRESH_MS = 10_000;

/** `GET /v1/analytics/summary` (gateway AnalyticsRoutes). */
export interface Summary {
  symbol: string; windowSec: number; trades: number; volumeLots: number; notional: string; vwap: string | null;
  escrowNotionalOpen: string | null; escrowNotionalReleased: string | null; settlementLatencyP50Ms: number | null;
  settlementLatencyP99Ms: number | null; verificationPassRate: number | null; verificationRuns: number | null;
}

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
  let windowSec = 86_400;
  const windowButtons = WINDOWS.map(([label, secs]) => {
    const b = el('button', { type: 'button', class: secs === windowSec ? 'chip active' : 'chip', text: label, title: `figures over the last ${label}` });
    b.addEventListener('click', () => {
      windowSec = secs;
      windowButtons.forEach((x) => x.classList.toggle('active', x === b));
      void load();
    });
    return b;
  });
  panel.tools.append(el('span', { class: 'muted small', text: 'candles' }), ...intervalButtons,
    el('span', { class: 'muted small', text: 'window' }), ...windowButtons);
  const chartBox = el('div', { class: 'chart' });
  const stats = el('div', { class: 'stats' });
  const attribution = el('div', { class: 'attribution' }, 'Charts by ',
    el('a', { href: 'https://www.tradingview.com/', target: '_blank', rel: 'noopener', text: 'TradingView Lightweight Charts™' }),
    ' — Copyright (c) 2025 TradingView, Inc.');
  const figures = el('div', { class: 'figures', 'data-sub': 'summary' });
  const content = el('div', { class: 'analytics' }, stats, el('div', { class: 'analytics-body' }, chartBox, figures), attribution);
  let summaryMissing = false;
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
      const [ks, summary] = await Promise.all([
        app.api.get<Candle[]>(`/v1/candles/${sym}?interval=${interval}&limit=500`),
        loadSummary(inst.symbol),
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
      stats.replaceChildren(
        stat('Market', inst.symbol),
        stat('Candles shown', String(sorted.length)),
        stat('Volume (shown candles)', fixed(sorted.reduce((s, k) => s + Number(k.volume), 0), qd)),
        stat(inst.feeModel === 'SELLER_PAYS' ? 'Fees maker/taker (seller pays)' : 'Fees maker/taker',
          `${inst.makerFeeBps}/${inst.takerFeeBps} bps`));
      renderSummary(summary, pd, qd);
    } catch (err) {
      const e = err as ApiError;
      panel.error(e.message, () => void load());
    }
  }

  /** The node's figures over the window; null when the node has no analytics route (older node). */
  async function loadSummary(symbol: string): Promise<Summary | null> {
    if (summaryMissing) return null;
    try {
      return await app.api.get<Summary>(`/v1/analytics/summary?symbol=${encodeURIComponent(symbol)}&windowSec=${windowSec}`);
    } catch (err) {
      if ((err as ApiError).routeMissing) {
        summaryMissing = true;
        return null;
      }
      throw err;
    }
  }

  function figure(label: string, value: string, hint?: string): HTMLElement {
    return el('div', { class: 'figure', title: hint ?? '' }, el('span', { class: 'muted', text: label }), el('span', { class: 'num', text: value }));
  }

  function renderSummary(s: Summary | null, pd: number, qd: number): void {
    if (!s) {
      figures.replaceChildren(el('div', { class: 'placeholder unavailable' }, el('strong', { text: 'Not available on this node. ' }),
        'The node answers 404 for /v1/analytics/summary.'));
      return;
    }
    const win = WINDOWS.find(([, secs]) => secs === s.windowSec)?.[0] ?? `${s.windowSec}s`;
    const na = 'not kept on this node';
    figures.replaceChildren(
      el('h3', { text: `Last ${win}` }),
      figure('Trades', fixed(s.trades, 0)),
      figure('Volume', fixed(s.volumeLots / 10 ** qd, qd)),
      figure('Notional', fixed(s.notional, 2)),
      figure('VWAP', s.vwap === null ? '—' : fixed(s.vwap, pd + 2)),
      figure('Escrow open', s.escrowNotionalOpen === null ? '—' : fixed(s.escrowNotionalOpen, 2), s.escrowNotionalOpen === null ? na : 'notional in open escrows now'),
      figure('Escrow released', s.escrowNotionalReleased === null ? '—' : fixed(s.escrowNotionalReleased, 2), s.escrowNotionalReleased === null ? na : undefined),
      figure('Settle p50', duration(s.settlementLatencyP50Ms), 'escrow opened → released or refunded'),
      figure('Settle p99', duration(s.settlementLatencyP99Ms)),
      figure('Verify pass', percent(s.verificationPassRate, 1), s.verificationRuns === null ? na : 'PASS / (PASS + FAIL)'),
      figure('Verify runs', s.verificationRuns === null ? '—' : fixed(s.verificationRuns, 0)));
  }

  const refresh = throttle(() => void load(), 1_000);
  // Escrow, settlement and verification figures change without a trade on this market: refresh them too.
  window.setInterval(() => {
    if (panel.state === 'ready' && document.visibilityState !== 'hidden') refresh();
  }, SUMMARY_REFRESH_MS);
  return { panel, load, refresh };
}
