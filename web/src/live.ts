/**
 * Rows of a live list (escrows, runs, sellers, …): a REST snapshot, then stream messages upserted by key
 * and checked by their `seq`. A repeated or older `seq` is ignored; a jump past `lastSeq + 1` is applied
 * and reported as a gap, so the caller fetches a fresh snapshot (messages sent meanwhile were missed).
 */
export type ApplyResult = 'applied' | 'duplicate' | 'gap';

export class LiveRows<T> {
  rows: T[] = [];
  /** Highest `seq` applied since the last snapshot; null = no baseline yet (the next message sets it). */
  lastSeq: number | null = null;

  constructor(
    private readonly key: (row: T) => string,
    private readonly order: (a: T, b: T) => number,
    readonly max = 200,
  ) {
    if (max < 1) throw new Error('max must be at least 1');
  }

  /** Replaces the rows with a REST snapshot (sorted, bounded); the `seq` baseline starts again. */
  reset(rows: readonly T[]): void {
    const byKey = new Map<string, T>();
    for (const r of rows) byKey.set(this.key(r), r);
    this.rows = [...byKey.values()].sort(this.order).slice(0, this.max);
    this.lastSeq = null;
  }

  /** Upserts one streamed row; `seq` undefined (a node that sends none) skips the sequence check. */
  apply(row: T, seq?: number): ApplyResult {
    let gap = false;
    if (seq !== undefined && Number.isFinite(seq)) {
      if (this.lastSeq !== null && seq <= this.lastSeq) return 'duplicate';
      gap = this.lastSeq !== null && seq > this.lastSeq + 1;
      this.lastSeq = seq;
    }
    const k = this.key(row);
    const i = this.rows.findIndex((r) => this.key(r) === k);
    if (i >= 0) this.rows[i] = row;
    else this.rows.push(row);
    this.rows.sort(this.order);
    if (this.rows.length > this.max) this.rows.length = this.max;
    return gap ? 'gap' : 'applied';
  }
}

const ENVELOPE = new Set(['channel', 'seq', 'op', 'type']);

/**
 * The row a stream message carries: its `data` (or `row`) object when it has one, otherwise the message
 * itself without the envelope fields (`channel`, `seq`, `op`, `type`).
 */
export function rowOf(msg: Record<string, unknown>): Record<string, unknown> {
  for (const field of ['data', 'row']) {
    const v = msg[field];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(msg)) if (!ENVELOPE.has(k)) out[k] = v;
  return out;
}

/** The message's numeric `seq` (a number or a digit string), or undefined. */
export function seqOf(msg: Record<string, unknown>): number | undefined {
  const v = msg.seq;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^[0-9]{1,15}$/.test(v)) return Number(v);
  return undefined;
}
