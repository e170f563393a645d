import { ApiError } from '../api';
import { App } from '../app';
import { el, Panel, PanelHandle, table } from '../dom';

/** A panel backed by one or more list routes of a later service (escrow, pipeline, …). */
export interface ServiceSpec {
  id: string;
  title: string;
  area: string;
  sources: { label: string; route: string }[];
  needsSession?: boolean;
}

/** The routes the service panels read; a node without the service answers 404 and the panel says so. */
export const SERVICES: ServiceSpec[] = [
  { id: 'escrow', title: 'Escrow', area: 'escrow', sources: [
    { label: 'Deals (newest first)', route: '/v1/escrows' }, { label: 'Settlement activity', route: '/v1/settlement/activity' }] },
  { id: 'pipeline', title: 'Pipeline', area: 'pipeline', sources: [{ label: 'Runs by stage (S1…S6)', route: '/v1/verifications/runs' }] },
  { id: 'verification', title: 'Verification', area: 'verification', sources: [{ label: 'Evidence by CID', route: '/v1/evidence' }] },
  { id: 'reputation', title: 'Reputation', area: 'reputation', sources: [
    { label: 'Sellers', route: '/v1/reputation/sellers' }, { label: 'Attestors', route: '/v1/reputation/attestors' }] },
  { id: 'rpc', title: 'RPC Nodes', area: 'rpc', sources: [{ label: 'Per chain', route: '/v1/rpc/nodes' }] },
];

const NUMERIC = /^-?[0-9][0-9,]*(\.[0-9]+)?%?$/;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return Array.isArray(v) ? `${v.length}` : JSON.stringify(v);
  return String(v);
}

/** Renders whatever rows the route returns: one column per field, numbers right-aligned. */
function genericTable(rows: Record<string, unknown>[]): HTMLElement {
  const keys = rows.length ? Object.keys(rows[0]).slice(0, 8) : [];
  return table(rows.slice(0, 100), keys.map((k) => ({
    title: k,
    num: rows.every((r) => NUMERIC.test(cell(r[k]))),
    value: (r: Record<string, unknown>) => cell(r[k]),
  })), 'none yet');
}

export function servicePanel(app: App, spec: ServiceSpec): PanelHandle {
  const panel = new Panel(spec.id, spec.title, spec.area);
  async function load(): Promise<void> {
    panel.loading();
    const parts: HTMLElement[] = [];
    let missing = 0;
    for (const s of spec.sources) {
      try {
        const body = await app.api.get<unknown>(s.route);
        const rows = (Array.isArray(body) ? body : (body as { items?: unknown[] })?.items ?? []) as Record<string, unknown>[];
        parts.push(el('h3', { text: s.label }), genericTable(rows));
      } catch (err) {
        const e = err as ApiError;
        if (e.routeMissing) {
          // one source the node does not serve: say so there and show the others
          missing++;
          if (missing === spec.sources.length) {
            panel.unavailable(s.route);
            return;
          }
          parts.push(el('h3', { text: s.label }), el('p', { text: `Not available on this node (${s.route})` }));
          continue;
        }
        if (e.status === 401 || e.status === 403) {
          panel.signedOut(spec.title.toLowerCase());
          return;
        }
        panel.error(`${e.code}: ${e.message}`, () => void load());
        return;
      }
    }
    panel.ready(...parts);
  }
  return { panel, load };
}
