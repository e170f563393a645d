import { App, throttle } from '../app';
import { el, Panel, PanelHandle } from '../dom';
import { ExecLine, ExecLog, fillLine, TradeRow } from '../execlog';
import { timeOfDay } from '../format';

const BACKFILL_TRADES = 200;

/**
 * The live Execution Log (`exec_log` channel). After a reconnect or a sequence gap it backfills
 * FILL lines from `GET /v1/trades/{symbol}`; the log drops what it already shows.
 */
export function execLogPanel(app: App): PanelHandle & { log: ExecLog } {
  const panel = new Panel('execlog', 'Execution Log', 'log');
  const log = new ExecLog(500);
  const list = el('ol', { class: 'execlog', 'aria-live': 'polite' });
  const status = el('span', { class: 'muted small' });
  panel.tools.append(status);

  function render(): void {
    const rows = log.lines().slice(0, 200).map((l) => {
      const text = l.line.startsWith(l.code) ? l.line.slice(l.code.length).trimStart() : l.line;
      const rest = text.startsWith(l.symbol) ? text.slice(l.symbol.length).trim() : text;
      return el('li', { class: `code-${l.code.toLowerCase()}`, 'data-code': l.code },
        el('span', { class: 'code', text: l.code }),
        el('span', { class: 'sym', text: l.symbol }),
        el('span', { class: 'time', text: timeOfDay(l.timestampNs) }),
        el('span', { class: 'text', text: rest }));
    });
    if (panel.state !== 'ready') panel.ready(list);
    list.replaceChildren(...(rows.length ? rows : [el('li', { class: 'empty', text: 'Waiting for activity…' })]));
  }
  const renderSoon = throttle(render, 100);

  async function backfill(): Promise<void> {
    try {
      const lines: ExecLine[] = [];
      for (const i of app.instruments) {
        const trades = await app.api.get<TradeRow[]>(`/v1/trades/${encodeURIComponent(i.symbol)}?limit=${BACKFILL_TRADES}`);
        for (const t of trades) if (t.timestampNs >= log.lastTimestampNs) lines.push(fillLine(i.symbol, t));
      }
      if (log.backfill(lines) > 0) render();
      status.textContent = `resynced ${timeOfDay(Date.now() * 1e6)}`;
    } catch (e) {
      status.textContent = `resync failed: ${(e as Error).message}`;
    }
  }

  app.stream.on('exec_log', (m) => {
    const outcome = log.add(m as unknown as ExecLine);
    if (outcome === 'gap') void backfill();
    renderSoon();
  });
  app.stream.onState((s, reconnect) => {
    if (s === 'open') {
      status.textContent = 'live';
      if (reconnect) void backfill();
    } else if (s === 'closed') status.textContent = 'reconnecting…';
  });

  async function load(): Promise<void> {
    app.stream.subscribe('exec_log');
    render();
  }
  return { panel, load, log };
}
