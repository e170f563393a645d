import { App } from '../app';
import { BookMessage, L2Book, Level } from '../book';
import { el, Panel, PanelHandle } from '../dom';
import { compareDecimal, decimalsOf, fixed } from '../format';

const LADDER_DEPTH = 12;

/**
 * The live ladder and depth chart of the selected market, from the `book.{symbol}` channel:
 * snapshot, then diffs chained by seq/prevSeq and checked by CRC32; a gap or a checksum mismatch
 * resubscribes for a fresh snapshot. A click on a level fills the order form.
 */
export function bookPanel(app: App): PanelHandle & { book: L2Book; resyncs: () => number } {
  const panel = new Panel('book', 'Order Book', 'book');
  const book = new L2Book();
  let channel: string | null = null;
  let resyncCount = 0;
  const seqBadge = el('span', { class: 'muted small' });
  panel.tools.append(seqBadge);
  const canvas = el('canvas', { class: 'depth', width: '600', height: '140', 'aria-label': 'depth chart' });

  function levelRow(side: 'bid' | 'ask', l: Level, cum: number, max: number, pd: number, qd: number): HTMLElement {
    const width = max > 0 ? Math.round((cum / max) * 100) : 0;
    const row = el('div', { class: `level ${side}`, role: 'button', tabindex: '0', 'data-price': l[0], title: 'Fill the order form at this price' },
      el('span', { class: 'bar', style: `width:${width}%` }),
      el('span', { class: 'num price', text: fixed(l[0], pd) }),
      el('span', { class: 'num', text: fixed(l[1], qd) }),
      el('span', { class: 'num muted', text: fixed(cum, qd) }));
    const pick = () => app.fillOrderForm(side === 'ask' ? 'BUY' : 'SELL', l[0], l[1]);
    row.addEventListener('click', pick);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') pick();
    });
    return row;
  }

  function render(): void {
    const inst = app.instrument();
    if (!inst) return;
    const pd = decimalsOf(inst.tickSize);
    const qd = decimalsOf(inst.lotSize);
    const bids = book.levels('bids', LADDER_DEPTH);
    const asks = book.levels('asks', LADDER_DEPTH);
    const cumulate = (ls: Level[]) => {
      let c = 0;
      return ls.map((l) => (c += Number(l[1])));
    };
    const bc = cumulate(bids);
    const ac = cumulate(asks);
    const max = Math.max(bc[bc.length - 1] ?? 0, ac[ac.length - 1] ?? 0);
    const askRows = asks.map((l, k) => levelRow('ask', l, ac[k], max, pd, qd)).reverse();
    const bidRows = bids.map((l, k) => levelRow('bid', l, bc[k], max, pd, qd));
    const spread = bids.length && asks.length ? fixed(Number(asks[0][0]) - Number(bids[0][0]), pd) : '—';
    seqBadge.textContent = `seq ${book.seq}`;
    panel.ready(
      el('div', { class: 'ladder-head' }, el('span', { text: 'Price' }), el('span', { class: 'num', text: 'Size' }), el('span', { class: 'num', text: 'Total' })),
      el('div', { class: 'ladder asks' }, ...(askRows.length ? askRows : [el('div', { class: 'empty', text: 'no asks' })])),
      el('div', { class: 'spread' }, el('span', { text: inst.symbol }), el('span', { class: 'num', text: `spread ${spread}` })),
      el('div', { class: 'ladder bids' }, ...(bidRows.length ? bidRows : [el('div', { class: 'empty', text: 'no bids' })])),
      canvas);
    drawDepth(canvas, book.levels('bids', 50), book.levels('asks', 50));
  }

  function onMessage(m: BookMessage): void {
    const outcome = book.apply(m);
    if (outcome === 'applied') render();
    else if (outcome === 'gap' || outcome === 'checksum' || outcome === 'no-snapshot') {
      resyncCount++;
      console.warn(`book ${m.channel}: ${outcome} at seq ${m.seq}, resyncing`);
      if (channel) app.stream.resubscribe(channel);
    }
  }

  let off: (() => void) | null = null;
  async function load(): Promise<void> {
    if (channel) app.stream.unsubscribe(channel);
    off?.();
    book.reset();
    panel.loading();
    if (!app.symbol) {
      panel.ready(el('div', { class: 'empty', text: 'Pick a market (Ctrl-K).' }));
      return;
    }
    channel = `book.${app.symbol}`;
    off = app.stream.on(channel, (m) => onMessage(m as unknown as BookMessage));
    app.stream.subscribe(channel);
  }

  app.stream.onState((s) => {
    if (s === 'closed' && channel) {
      book.reset();
      seqBadge.textContent = 'reconnecting';
    }
  });
  app.stream.onError((m) => {
    if (channel && m.code === 'UNKNOWN_SYMBOL') panel.error(`unknown market ${app.symbol}`);
  });
  return { panel, load, book, resyncs: () => resyncCount };
}

/** Cumulative depth: bids (green) left of mid, asks (red) right; plain canvas, no library. */
function drawDepth(canvas: HTMLCanvasElement, bids: Level[], asks: Level[]): void {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 600;
  const h = canvas.clientHeight || 140;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, w, h);
  if (!bids.length && !asks.length) return;
  const prices = [...bids, ...asks].map((l) => Number(l[0]));
  const pad = Math.max((Math.max(...prices) - Math.min(...prices)) * 0.05, Math.abs(prices[0]) * 0.01, 1e-9);
  const lo = Math.min(...prices) - pad;
  const hi = Math.max(...prices) + pad;
  const span = hi - lo;
  const x = (p: number) => 4 + ((p - lo) / span) * (w - 8);
  const cum = (ls: Level[]) => {
    let c = 0;
    return ls.map((l) => [Number(l[0]), (c += Number(l[1]))] as const);
  };
  const b = cum(bids);
  const bidPts = b;
  const a = cum([...asks].sort((p, q) => compareDecimal(p[0], q[0])));
  const maxQ = Math.max(b[b.length - 1]?.[1] ?? 0, a[a.length - 1]?.[1] ?? 0) || 1;
  const y = (q: number) => h - 2 - (q / maxQ) * (h - 8);
  const side = (pts: readonly (readonly [number, number])[], stroke: string, fill: string) => {
    if (!pts.length) return;
    ctx.beginPath();
    ctx.moveTo(x(pts[0][0]), h);
    let prevY = h;
    for (const [p, q] of pts) {
      ctx.lineTo(x(p), prevY); // a step: depth changes at each level
      ctx.lineTo(x(p), y(q));
      prevY = y(q);
    }
    ctx.lineTo(pts === bidPts ? x(lo) : x(hi), prevY);
    ctx.lineTo(pts === bidPts ? x(lo) : x(hi), h);
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = stroke;
    ctx.stroke();
  };
  side(b, '#2ebd85', 'rgba(46,189,133,0.18)');
  side(a, '#f6465d', 'rgba(246,70,93,0.18)');
}
