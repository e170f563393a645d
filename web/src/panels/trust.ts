import { ApiError } from '../api';
import { App } from '../app';
import { Column, el, Panel, PanelHandle, table } from '../dom';
import { combinedState, Feed, FeedSpec, listOf } from '../feed';
import { clock, duration, fixed, group, money, percent, ratio, shortId } from '../format';
import {
  ActivityRow, AttestorRow, ChainRow, disputable, EscrowRow, escrowNumber, EvidenceRow, newestFirst, prettyDocument, rpcTotals, runProgress, RunRow, SellerRow,
  sparkPath, stageCells, STAGE_NAMES, STAGES, stageTotals,
} from '../trust';

/** The routes the trust-layer panels read (a node without the service answers 404: "not available on this node"). */
export const TRUST_ROUTES = {
  escrows: '/v1/escrows?limit=100',
  activity: '/v1/settlement/activity?limit=50',
  runs: '/v1/verifications/runs?limit=100',
  evidence: '/v1/verifications/evidence?limit=100',
  sellers: '/v1/reputation/sellers',
  attestors: '/v1/reputation/attestors',
  rpc: '/v1/rpc/nodes',
} as const;

type AnyFeed = Feed<any>;

function pathOf(route: string): string {
  return route.split('?')[0];
}

/** A panel over some feeds: one state for all of them; a section whose feed is unavailable says so in place. */
function feedPanel(app: App, id: string, title: string, area: string,
  specs: FeedSpec<any>[], render: (feeds: AnyFeed[]) => (Node | string)[]): PanelHandle & { feeds: AnyFeed[]; render: () => void } {
  const panel = new Panel(id, title, area);
  const mode = el('span', { class: 'mode muted small' });
  panel.tools.append(mode);
  const feeds: AnyFeed[] = [];
  let scheduled = false;
  const draw = () => {
    scheduled = false;
    const state = combinedState(feeds);
    const modes = feeds.filter((f) => f.state === 'ready' && f.spec.channel).map((f) => f.mode);
    mode.textContent = modes.length === 0 ? '' : modes.every((m) => m === 'stream') ? 'stream' : 'polling';
    if (state === 'loading' && panel.state !== 'ready') return panel.loading();
    if (state === 'unavailable') return panel.unavailable(feeds.map((f) => pathOf(f.spec.route)).join(', '));
    if (state === 'signed-out') return panel.signedOut(title.toLowerCase());
    if (state === 'error') {
      const e = feeds.find((f) => f.state === 'error')!.error as ApiError;
      return panel.error(`${e.code}: ${e.message}`, () => void Promise.all(feeds.map((f) => f.load())));
    }
    if (state === 'ready') panel.ready(...render(feeds));
  };
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(draw);
  };
  for (const s of specs) feeds.push(new Feed(app, s, changed));
  let started = false;
  const load = async () => {
    if (!started) {
      started = true;
      await Promise.all(feeds.map((f) => f.start()));
    } else {
      await Promise.all(feeds.map((f) => f.load()));
    }
  };
  return { panel, load, feeds, render: changed };
}

function unavailableNote(feed: AnyFeed): HTMLElement {
  return el('p', { class: 'muted small', text: `Not available on this node (${pathOf(feed.spec.route)}).` });
}

function section(label: string, feed: AnyFeed, body: () => HTMLElement): (Node | string)[] {
  return [el('h3', { text: label }), feed.state === 'unavailable' ? unavailableNote(feed) : body()];
}

function stateClass(state: string | null | undefined): string {
  // a run still in flight has no outcome yet (evidence of an unfinished run answers null)
  const s = (state ?? '').toUpperCase();
  if (s === 'RELEASED' || s === 'PASS') return 'up';
  if (s === 'REFUNDED' || s === 'FAIL' || s === 'DISPUTED') return 'down';
  return 'pending';
}

/** Pipeline: verification runs by stage S1…S6 with pass/fail. */
export function pipelinePanel(app: App, marketOf: (escrowId: string) => string | undefined): PanelHandle & { runsFor: (escrowId: string) => RunRow | undefined; onChange: (fn: () => void) => void } {
  const listeners: (() => void)[] = [];
  const h = feedPanel(app, 'pipeline', 'Pipeline', 'pipeline', [{
    route: TRUST_ROUTES.runs, extract: listOf<RunRow>('runs'), key: (r: RunRow) => String(r.runId),
    order: newestFirst<RunRow>((r) => r.startedAt, (r) => Number(r.runId)), channel: 'verifications', max: 100,
    version: runProgress,
  }], ([runs]) => {
    const rows = runs.rows.rows as RunRow[];
    const totals = stageTotals(rows);
    const strip = el('div', { class: 'stage-strip' }, ...totals.map((t) => el('div', { class: 'stage-total', title: STAGE_NAMES[t.stage] },
      el('span', { class: 'stage-name', text: `${t.stage} ${STAGE_NAMES[t.stage]}` }),
      el('span', { class: 'num up', text: String(t.pass) }), el('span', { class: 'num down', text: String(t.fail) }))));
    const glyph = { pass: '✓', fail: '✗', pending: '…', skipped: '–' } as const;
    const cols: Column<RunRow>[] = [
      { title: 'Run', num: true, value: (r) => String(r.runId) },
      { title: 'Deal', value: (r) => r.escrowId },
      { title: 'Market', value: (r) => marketOf(r.escrowId) ?? '—' },
      { title: 'Subject', value: (r) => r.symbol ?? r.assetClass ?? '—' },
      { title: 'Seller', num: true, value: (r) => (r.seller === null || r.seller === undefined ? '—' : String(r.seller)) },
      ...STAGES.map((s, i): Column<RunRow> => ({
        title: s, value: (r) => glyph[stageCells(r)[i]], cls: (r) => `stage ${stageCells(r)[i]}`,
      })),
      { title: 'Outcome', value: (r) => r.outcome, cls: (r) => stateClass(r.outcome) },
      { title: 'Sigs', num: true, value: (r) => `${r.signatures}/${r.quorum}` },
      { title: 'Started', num: true, value: (r) => clock(r.startedAt) },
    ];
    for (const fn of listeners) fn();
    return [strip, el('h3', { text: 'Runs (newest first)' }), table(rows, cols, 'No verification runs yet.')];
  });
  const runsFor = (escrowId: string) => (h.feeds[0].rows.rows as RunRow[]).find((r) => r.escrowId === escrowId);
  return { panel: h.panel, load: h.load, runsFor, onChange: (fn) => listeners.push(fn) };
}

/** Escrow: deals ESC-n with amount, state and the attestor signatures so far, and the Settlement Activity feed. */
export function escrowPanel(app: App, runsFor: (escrowId: string) => RunRow | undefined): PanelHandle & {
  render: () => void; marketOf: (escrowId: string) => string | undefined;
} {
  let openOnly = false;
  const h = feedPanel(app, 'escrow', 'Escrow', 'escrow', [{
    route: TRUST_ROUTES.escrows, extract: listOf<EscrowRow>(), key: (r: EscrowRow) => r.escrowId,
    order: newestFirst<EscrowRow>((r) => r.openedMs, (r) => escrowNumber(r.escrowId)), channel: 'escrows', max: 100,
    version: (r: EscrowRow) => Number(r.updatedMs) || 0,
  }, {
    route: TRUST_ROUTES.activity, extract: listOf<ActivityRow>(), key: (r: ActivityRow) => String(r.id),
    order: newestFirst<ActivityRow>((r) => r.atMs, (r) => Number(r.id)), channel: 'settlement', max: 50,
  }], ([escrows, activity]) => {
    const symbolOf = (id: number) => app.instruments.find((i) => i.instrumentId === id)?.symbol ?? `#${id}`;
    const all = escrows.rows.rows as EscrowRow[];
    const rows = openOnly ? all.filter((r) => !['RELEASED', 'REFUNDED'].includes(r.state)) : all;
    const deals = table(rows, [
      { title: 'Deal', value: (r) => r.escrowId },
      { title: 'Market', value: (r) => symbolOf(r.instrumentId) },
      { title: 'Amount', num: true, value: (r) => money(r.amount) },
      { title: 'State', value: (r) => r.state, cls: (r) => stateClass(r.state) },
      { title: 'Sigs', num: true, value: (r) => { const run = runsFor(r.escrowId); return run ? `${run.signatures}/${run.quorum}` : '—'; } },
      { title: 'Chain', num: true, value: (r) => String(r.chainId) },
      { title: 'Opened', num: true, value: (r) => clock(r.openedMs) },
      { title: 'Timelock', num: true, value: (r) => (r.releaseAfterSec ? clock(r.releaseAfterSec * 1000) : '—') },
      { title: 'Expires', num: true, value: (r) => (r.expiresAtSec ? clock(r.expiresAtSec * 1000) : '—') },
      { title: 'Tx', value: (r) => (r.lastTxHash ? shortId(r.lastTxHash) : '—') },
      { title: '', value: () => '', node: (r) => (disputable(r, app.api.session?.accountId, Date.now()) ? disputeButton(r) : null) },
    ], openOnly ? 'No open deals.' : 'No escrows yet: fills open one each on a node with chains.');
    const feed = (activity.rows.rows as ActivityRow[]).slice(0, 50);
    const lines = feed.length === 0 ? el('div', { class: 'empty', text: 'No settlement activity yet.' })
      : el('ol', { class: 'activity' }, ...feed.map((a) => el('li', { 'data-code': a.code },
        el('span', { class: 'time', text: clock(a.atMs) }), el('span', { class: 'code', text: a.code }), el('span', { class: 'text', text: a.message }))));
    return [...section(`Deals (${openOnly ? 'open' : 'newest first'})`, escrows, () => deals),
      ...section('Settlement activity', activity, () => lines)];
  });
  /** The signed-in buyer disputes an open deal: a fresh attestor panel then verifies the delivery again. */
  function disputeButton(r: EscrowRow): HTMLElement {
    const b = el('button', { type: 'button', class: 'link dispute', 'data-escrow': r.escrowId, text: 'Dispute' });
    b.addEventListener('click', async () => {
      b.setAttribute('disabled', '');
      try {
        await app.api.post(`/v1/escrows/${encodeURIComponent(r.escrowId)}/dispute`, {});
        app.notify(`Disputed ${r.escrowId}: a fresh attestor panel verifies the delivery again`);
        void h.feeds[0].load();
      } catch (err) {
        app.notify(`Dispute of ${r.escrowId} failed: ${(err as ApiError).message}`, 'error');
        b.removeAttribute('disabled');
      }
    });
    return b;
  }
  app.onSession(() => h.render());
  const chips = (['All', 'Open'] as const).map((label) => {
    const b = el('button', { type: 'button', class: label === 'All' ? 'chip active' : 'chip', text: label });
    b.addEventListener('click', () => {
      openOnly = label === 'Open';
      chips.forEach((x) => x.classList.toggle('active', x === b));
      h.render();
    });
    return b;
  });
  h.panel.tools.prepend(...chips);
  /** The market of a deal this panel knows (verification names a run's subject its own way). */
  const marketOf = (escrowId: string) => {
    const e = (h.feeds[0].rows.rows as EscrowRow[]).find((r) => r.escrowId === escrowId);
    return e ? app.instruments.find((i) => i.instrumentId === e.instrumentId)?.symbol : undefined;
  };
  return { panel: h.panel, load: h.load, render: h.render, marketOf };
}

/** Verification: evidence by CID with the attestors who signed; a click opens the evidence document. */
export function verificationPanel(app: App): PanelHandle {
  const h = feedPanel(app, 'verification', 'Verification', 'verification', [{
    route: TRUST_ROUTES.evidence, extract: listOf<EvidenceRow>('evidence'), key: (r: EvidenceRow) => r.cid,
    order: newestFirst<EvidenceRow>((r) => r.createdAt, () => 0), max: 100, pollMs: 5_000,
  }], ([evidence]) => [
    el('h3', { text: 'Evidence by CID (click to open)' }),
    table(evidence.rows.rows as EvidenceRow[], [
      { title: 'CID', value: (r) => shortId(r.cid, 10, 4) },
      { title: 'Deal', value: (r) => r.escrowId },
      { title: 'Outcome', value: (r) => r.outcome ?? '—', cls: (r) => stateClass(r.outcome) },
      { title: 'Signed', num: true, value: (r) => String((r.attestors ?? []).length) },
      { title: 'Attestors', value: (r) => (r.attestors ?? []).map((a) => `${a.name} ${a.verdict === 'PASS' ? '✓' : a.verdict === 'FAIL' ? '✗' : a.verdict}`).join(', ') || '—' },
      { title: 'Created', num: true, value: (r) => clock(r.createdAt) },
    ], 'No evidence yet.', (r) => void openEvidence(app, r)),
  ]);
  // A finished run brings new evidence: fetch it then rather than waiting for the next poll.
  app.stream.on('verifications', () => void h.feeds[0].load());
  return { panel: h.panel, load: h.load };
}

async function openEvidence(app: App, row: EvidenceRow): Promise<void> {
  const pre = el('pre', { class: 'evidence-json', text: 'Loading…' });
  const close = el('button', { type: 'button', class: 'link', id: 'evidence-close', text: 'Close' });
  const signers = table(row.attestors ?? [], [
    { title: 'Attestor', value: (a) => a.name },
    { title: 'Address', value: (a) => shortId(a.address, 6, 4) },
    { title: 'Verdict', value: (a) => a.verdict, cls: (a) => stateClass(a.verdict) },
    { title: 'Signed', num: true, value: (a) => clock(a.signedAt) },
  ], 'No signatures yet.');
  const box = el('div', { class: 'evidence', role: 'dialog', 'aria-label': `Evidence ${row.cid}` },
    el('div', { class: 'row' }, el('h2', { text: `Evidence ${shortId(row.cid, 12, 6)}` }), el('span', { class: 'grow' }), close),
    el('p', { class: 'muted small mono', text: row.cid }), signers, pre);
  const backdrop = el('div', { class: 'modal-backdrop', id: 'evidence-dialog' }, box);
  const dismiss = () => {
    backdrop.remove();
    document.removeEventListener('keydown', onKey);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') dismiss();
  };
  close.addEventListener('click', dismiss);
  backdrop.addEventListener('click', (e) => {
    if (e.target === backdrop) dismiss();
  });
  document.addEventListener('keydown', onKey);
  document.body.append(backdrop);
  try {
    const doc = await app.api.getText(`/v1/evidence/${encodeURIComponent(row.cid)}`);
    pre.textContent = prettyDocument(doc.text);
    pre.dataset.contentType = doc.contentType;
  } catch (err) {
    const e = err as ApiError;
    pre.textContent = e.routeMissing ? `The node has no evidence document ${row.cid}.` : `Could not load: ${e.code}: ${e.message}`;
    pre.classList.add('error');
  }
}

/** Sellers and attestors with score, lower bound and history. */
export function reputationPanel(app: App): PanelHandle & { sellers: () => SellerRow[] } {
  const h = feedPanel(app, 'reputation', 'Reputation', 'reputation', [{
    route: TRUST_ROUTES.sellers, extract: listOf<SellerRow>('sellers'), key: (r: SellerRow) => String(r.account),
    order: (a: SellerRow, b: SellerRow) => b.lowerBound - a.lowerBound || b.score - a.score || a.account - b.account,
    channel: 'reputation', max: 200, version: (r: SellerRow) => Date.parse(r.updatedAt) || 0,
  }, {
    route: TRUST_ROUTES.attestors, extract: listOf<AttestorRow>('attestors'), key: (r: AttestorRow) => r.address,
    order: (a: AttestorRow, b: AttestorRow) => b.trust - a.trust || a.name.localeCompare(b.name), max: 200, pollMs: 10_000,
  }], ([sellers, attestors]) => [
    ...section('Sellers (by lower bound)', sellers, () => addSparklines(table(sellers.rows.rows as SellerRow[], [
      { title: 'Account', num: true, value: (r) => String(r.account) },
      { title: 'Score', num: true, value: (r) => ratio(r.score) },
      { title: 'Lower bd', num: true, value: (r) => ratio(r.lowerBound) },
      { title: 'Deals', num: true, value: (r) => group(String(r.deals)) },
      { title: 'Pass', num: true, value: (r) => group(String(r.passes)), cls: () => 'up' },
      { title: 'Fail', num: true, value: (r) => group(String(r.fails)), cls: (r) => (r.fails > 0 ? 'down' : '') },
      { title: 'Exposure', num: true, value: (r) => group(String(r.exposureLimitLots)) },
      { title: 'History', value: () => '', cls: () => 'spark-cell' },
      { title: 'Updated', num: true, value: (r) => clock(r.updatedAt) },
    ], 'No seller has a score yet.'), sellers.rows.rows as SellerRow[])),
    ...section('Attestors', attestors, () => table(attestors.rows.rows as AttestorRow[], [
      { title: 'Attestor', value: (r) => r.name },
      { title: 'Address', value: (r) => shortId(r.address, 6, 4) },
      { title: 'Agreement', num: true, value: (r) => percent(r.agreement, 1) },
      { title: 'Trust', num: true, value: (r) => ratio(r.trust) },
      { title: 'Stake', num: true, value: (r) => fixed(r.stake, 2) },
      { title: 'Sigs', num: true, value: (r) => group(String(r.signatures)) },
      { title: 'Status', value: (r) => (r.slashed ? 'slashed' : 'active'), cls: (r) => (r.slashed ? 'down' : 'up') },
    ], 'No attestors registered.')),
  ]);
  return { panel: h.panel, load: h.load, sellers: () => (h.feeds[0].state === 'ready' ? h.feeds[0].rows.rows as SellerRow[] : []) };
}

/** Fills the History cells of the sellers table with score (solid) and lower-bound (dashed) sparklines. */
function addSparklines(t: HTMLElement, rows: SellerRow[]): HTMLElement {
  const cells = t.querySelectorAll('td.spark-cell');
  cells.forEach((td, i) => {
    const hist = rows[i]?.history ?? [];
    const w = 80;
    const hgt = 18;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(hgt));
    svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
    svg.setAttribute('class', 'spark');
    const all = hist.flatMap((p) => [p.score, p.lowerBound]).filter(Number.isFinite);
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    for (const [values, cls] of [[hist.map((p) => p.lowerBound), 'lb'], [hist.map((p) => p.score), 'score']] as const) {
      const d = sparkPath(values, w - 2, hgt - 2, lo, hi);
      if (!d) continue;
      const path = document.createElementNS(ns, 'path');
      path.setAttribute('d', d);
      path.setAttribute('transform', 'translate(1 1)');
      path.setAttribute('class', cls);
      svg.append(path);
    }
    svg.setAttribute('aria-label', `${hist.length} points`);
    td.replaceChildren(svg);
  });
  return t;
}

/** RPC Nodes: per chain online/total, latency, head, finalized, lag; the upstreams below. */
export function rpcPanel(app: App): PanelHandle {
  const h = feedPanel(app, 'rpc', 'RPC Nodes', 'rpc', [{
    route: TRUST_ROUTES.rpc, extract: listOf<ChainRow>('chains'), key: (r: ChainRow) => String(r.chainId),
    order: (a: ChainRow, b: ChainRow) => a.chainId - b.chainId, max: 64, pollMs: 5_000,
  }], ([nodes]) => {
    const chains = nodes.rows.rows as ChainRow[];
    const t = rpcTotals(chains);
    const summary = el('div', { class: 'rpc-summary' },
      ...chains.map((c) => el('span', { class: c.online < c.total ? 'chain-sum down' : 'chain-sum up', text: `${c.name.toUpperCase()} · ${c.online}/${c.total} online` })),
      el('span', { class: 'chain-sum muted', text: `${t.online} / ${t.total} nodes · ${t.medianP50Ms === null ? '—' : fixed(t.medianP50Ms, 1) + ' ms'}` }));
    const upstreams = chains.flatMap((c) => (c.upstreams ?? []).map((u) => ({ chain: c.name, ...u })));
    return [summary,
      el('h3', { text: 'Chains' }),
      table(chains, [
        { title: 'Chain', value: (r) => r.name },
        { title: 'Id', num: true, value: (r) => String(r.chainId) },
        { title: 'Online', num: true, value: (r) => `${r.online}/${r.total}`, cls: (r) => (r.online < r.total ? 'down' : 'up') },
        { title: 'Head', num: true, value: (r) => group(String(r.headBlock)) },
        { title: 'Finalized', num: true, value: (r) => group(String(r.finalizedBlock)) },
        { title: 'Lag', num: true, value: (r) => group(String(r.lagBlocks)), cls: (r) => (r.lagBlocks > 0 ? 'pending' : '') },
      ], 'No chains on this node.'),
      el('h3', { text: 'Upstreams' }),
      table(upstreams, [
        { title: 'Chain', value: (r) => r.chain },
        { title: 'Upstream', value: (r) => r.name },
        { title: 'Health', value: (r) => (r.healthy ? 'healthy' : 'down'), cls: (r) => (r.healthy ? 'up' : 'down') },
        { title: 'p50', num: true, value: (r) => duration(r.latencyP50Ms) },
        { title: 'p99', num: true, value: (r) => duration(r.latencyP99Ms) },
        { title: 'Head', num: true, value: (r) => group(String(r.headBlock)) },
      ], 'No upstreams.')];
  });
  return { panel: h.panel, load: h.load };
}
