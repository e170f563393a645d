/** Row types of the trust-layer routes and the pure logic their panels render (unit-tested). */

export interface EscrowRow {
  escrowId: string; instrumentId: number; tradeId: string; chainId: number; buyerAccountId: number;
  sellerAccountId: number; assetId: number; amount: string; state: string; openTxHash: string | null;
  lastTxHash: string | null; openedMs: number; updatedMs: number;
  /** The deal's timelock and expiry in chain time (seconds); null until its terms are fixed. */
  releaseAfterSec?: number | null; expiresAtSec?: number | null;
}

/** Escrow states in which the buyer may still dispute: the deal is open on chain and not disputed yet. */
const DISPUTABLE_STATES = ['OPEN', 'DELIVERED'];

/**
 * Whether account `accountId` (the signed-in session's) may dispute this deal now: it is the deal's buyer,
 * the deal is open on chain, and its timelock (chain time, here compared with the clock) has not passed.
 */
export function disputable(row: Pick<EscrowRow, 'buyerAccountId' | 'state' | 'releaseAfterSec'>, accountId: string | undefined,
  nowMs: number): boolean {
  if (accountId === undefined || String(row.buyerAccountId) !== accountId) return false;
  if (!DISPUTABLE_STATES.includes(row.state)) return false;
  return !row.releaseAfterSec || nowMs < row.releaseAfterSec * 1000;
}

export interface ActivityRow { id: string; atMs: number; code: string; subject: string; message: string }

export interface StageResult { stage: string; name: string; passed: boolean; detail?: string }

export interface RunRow {
  runId: number; escrowId: string; chainId: number; symbol: string | null; assetClass: string; seller: number | null;
  buyer: number | null; outcome: string; failedStage: string | null; stages: StageResult[]; evidenceCid: string | null;
  signatures: number; quorum: number; startedAt: string; finishedAt: string | null;
}

export interface Attestation { address: string; name: string; verdict: string; signedAt: string }

export interface EvidenceRow { cid: string; escrowId: string; outcome: string | null; createdAt: string; attestors: Attestation[] }

export interface ScorePoint { at: string; score: number; lowerBound: number }

export interface SellerRow {
  account: number; score: number; lowerBound: number; deals: number; passes: number; fails: number;
  exposureLimitLots: number; history: ScorePoint[]; updatedAt: string;
}

export interface AttestorRow {
  address: string; name: string; agreement: number; stake: string; trust: number; slashed: boolean;
  signatures: number; updatedAt: string;
}

export interface Upstream { name: string; healthy: boolean; latencyP50Ms: number; latencyP99Ms: number; headBlock: number }

export interface ChainRow {
  chainId: number; name: string; online: number; total: number; headBlock: number; finalizedBlock: number;
  lagBlocks: number; upstreams: Upstream[];
}

export const STAGES = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'] as const;
export const STAGE_NAMES: Record<string, string> = {
  S1: 'LISTING', S2: 'AUTHENTICITY', S3: 'CONFORMANCE', S4: 'METERING', S5: 'ACCEPTANCE', S6: 'QUORUM',
};

export type StageCell = 'pass' | 'fail' | 'pending' | 'skipped';

/**
 * One cell per stage S1…S6: the stage's own result when the run reports it; otherwise `skipped` after a
 * failed stage, `pending` while the run goes on (or when a finished run left it out).
 */
export function stageCells(run: Pick<RunRow, 'stages' | 'outcome' | 'failedStage'>): StageCell[] {
  const byStage = new Map<string, StageResult>();
  for (const s of run.stages ?? []) byStage.set(s.stage, s);
  const failedAt = run.failedStage ? STAGES.indexOf(run.failedStage as (typeof STAGES)[number]) : -1;
  return STAGES.map((stage, i) => {
    const s = byStage.get(stage);
    if (s) return s.passed ? 'pass' : 'fail';
    if (failedAt >= 0 && i > failedAt) return 'skipped';
    if (failedAt === i) return 'fail';
    return 'pending';
  });
}

/** Per stage: how many of the runs passed / failed it. */
export function stageTotals(runs: readonly Pick<RunRow, 'stages' | 'outcome' | 'failedStage'>[]): { stage: string; pass: number; fail: number }[] {
  const totals = STAGES.map((stage) => ({ stage: stage as string, pass: 0, fail: 0 }));
  for (const r of runs) {
    stageCells(r).forEach((c, i) => {
      if (c === 'pass') totals[i].pass++;
      else if (c === 'fail') totals[i].fail++;
    });
  }
  return totals;
}

/**
 * An SVG polyline path through the values, x spread evenly over `width`, y scaled into `height` between
 * `min` and `max` (the values' own range by default; a flat series sits in the middle). Empty for no values.
 */
export function sparkPath(values: readonly number[], width: number, height: number, min?: number, max?: number): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0 || width <= 0 || height <= 0) return '';
  const lo = min ?? Math.min(...finite);
  const hi = max ?? Math.max(...finite);
  const span = hi - lo;
  const step = finite.length > 1 ? width / (finite.length - 1) : 0;
  const r = (n: number) => Math.round(n * 100) / 100;
  return finite.map((v, i) => {
    const y = span > 0 ? height - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * height : height / 2;
    return `${i === 0 ? 'M' : 'L'}${r(i * step)} ${r(y)}`;
  }).join(' ');
}

/** Network-wide RPC figures: nodes online / total and the median of the healthy upstreams' p50 latency. */
export function rpcTotals(chains: readonly ChainRow[]): { online: number; total: number; medianP50Ms: number | null } {
  let online = 0;
  let total = 0;
  const latencies: number[] = [];
  for (const c of chains) {
    online += c.online;
    total += c.total;
    for (const u of c.upstreams ?? []) if (u.healthy && Number.isFinite(u.latencyP50Ms)) latencies.push(u.latencyP50Ms);
  }
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const medianP50Ms = n === 0 ? null : n % 2 === 1 ? latencies[(n - 1) / 2] : (latencies[n / 2 - 1] + latencies[n / 2]) / 2;
  return { online, total, medianP50Ms };
}

/**
 * The seller score a market shows: the best lower bound (then score) among the sellers listing capacity on
 * it; null when none of them has a score.
 */
export function marketSellerScore(instrumentId: number, listings: readonly { accountId: number; instrumentId: number; quantityLots: number }[],
  sellers: readonly Pick<SellerRow, 'account' | 'score' | 'lowerBound'>[]): { account: number; score: number; lowerBound: number } | null {
  const byAccount = new Map(sellers.map((s) => [Number(s.account), s]));
  let best: { account: number; score: number; lowerBound: number } | null = null;
  for (const l of listings) {
    if (l.instrumentId !== instrumentId || l.quantityLots <= 0) continue;
    const s = byAccount.get(Number(l.accountId));
    if (!s) continue;
    if (!best || s.lowerBound > best.lowerBound || (s.lowerBound === best.lowerBound && s.score > best.score)) {
      best = { account: Number(s.account), score: s.score, lowerBound: s.lowerBound };
    }
  }
  return best;
}

/** Newest first by an ISO time field, then by a numeric id (descending). */
export function newestFirst<T>(at: (r: T) => string | number, id: (r: T) => number): (a: T, b: T) => number {
  const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v) || 0);
  return (a, b) => ms(at(b)) - ms(at(a)) || id(b) - id(a);
}

/** The id of an escrow "ESC-12" as a number for ordering (12); 0 when it has no number. */
export function escrowNumber(id: string): number {
  const m = /([0-9]+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

/** How far a run has got: stages reported, and finished above running (a run never goes back). */
export function runProgress(run: Pick<RunRow, 'stages' | 'outcome'>): number {
  return (run.stages?.length ?? 0) + (run.outcome === 'RUNNING' ? 0 : 100);
}

/** JSON indented for reading; any other text as it is (bounded: an evidence body may be large). */
export function prettyDocument(text: string, maxChars = 200_000): string {
  let out = text;
  try {
    out = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: show the text as served
  }
  return out.length > maxChars ? `${out.slice(0, maxChars)}\n… (${out.length - maxChars} more characters)` : out;
}
