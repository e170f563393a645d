/**
 * Rows of a live list (escrows, runs, sellers, …): a REST snapshot, then rows from a stream channel
 * upserted by key. A channel row carries its own `seq` (an id, or a change time in nanoseconds) that
 * grows with each change of that row, so an older version of a row never replaces a newer one; rows may
 * arrive out of `seq` order across keys (the node commits them so). `maxSeq` is where a resumed
 * subscription continues (`since`).
 */
export type ApplyResult = 'applied' | 'stale';

export class LiveRows<T> {
  rows: T[] = [];
  /** Highest `seq` applied; null before the first row with one. */
  maxSeq: number | null = null;
  private readonly seqByKey = new Map<string, number>();

  constructor(
    private readonly key: (row: T) => string,
    private readonly order: (a: T, b: T) => number,
    readonly max = 200,
    /** How far a row has moved on (e.g. its update time), for rows without a `seq` (from REST). */
    private readonly version?: (row: T) => number,
  ) {
    if (max < 1) throw new Error('max must be at least 1');
  }

  /** Replaces the rows with a REST snapshot (sorted, bounded); rows there carry no `seq`. */
  reset(rows: readonly T[]): void {
    const byKey = new Map<string, T>();
    for (const r of rows) byKey.set(this.key(r), r);
    this.rows = [...byKey.values()].sort(this.order).slice(0, this.max);
    this.seqByKey.clear();
  }

  /** Upserts one streamed row; a row whose key already has a higher `seq` is stale and ignored. */
  apply(row: T, seq?: number): ApplyResult {
    const k = this.key(row);
    const known = seq === undefined ? undefined : this.seqByKey.get(k);
    if (seq !== undefined && known !== undefined && seq < known) return 'stale';
    const i = this.rows.findIndex((r) => this.key(r) === k);
    if (i >= 0 && this.version && this.version(this.rows[i]) > this.version(row)) return 'stale';
    if (seq !== undefined) {
      this.seqByKey.set(k, seq);
      this.maxSeq = this.maxSeq === null ? seq : Math.max(this.maxSeq, seq);
    }
    if (i >= 0) this.rows[i] = row;
    else this.rows.push(row);
    this.rows.sort(this.order);
    if (this.rows.length > this.max) {
      for (const dropped of this.rows.splice(this.max)) this.seqByKey.delete(this.key(dropped));
    }
    return 'applied';
  }

  /**
   * The `since` to resume a subscription from: `maxSeq`, a millisecond earlier when it is a nanosecond
   * time beyond exact doubles (a repeated row changes nothing; a skipped one would be lost).
   */
  resumeSeq(): number | undefined {
    if (this.maxSeq === null) return undefined;
    return this.maxSeq > Number.MAX_SAFE_INTEGER ? Math.max(0, this.maxSeq - 1_000_000) : this.maxSeq;
  }
}

/** What a channel message asks of a live list. */
export type ChannelMessage<T> =
  | { kind: 'rows'; rows: { row: T; seq?: number }[] }
  | { kind: 'reset' }
  | { kind: 'ignore' };

const ENVELOPE = new Set(['channel', 'seq', 'op', 'type', 'rows']);

/**
 * Reads a channel message: `{channel, type: snapshot|replay|update|reset, seq, rows: [...]}` (each row
 * with its own `seq`); `reset` means the subscriber is too far behind: fetch the REST snapshot again.
 * A message without `rows` is taken as one row (its `data` or `row` object, or itself without the envelope).
 * Rows that `valid` rejects (no key) are dropped.
 */
export function readChannelMessage<T>(msg: Record<string, unknown>, valid: (row: T) => boolean): ChannelMessage<T> {
  if (msg.type === 'reset') return { kind: 'reset' };
  const list = Array.isArray(msg.rows) ? (msg.rows as unknown[]) : [singleRow(msg)];
  const rows: { row: T; seq?: number }[] = [];
  for (const r of list) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) continue;
    const row = r as Record<string, unknown>;
    if (!valid(row as T)) continue;
    rows.push({ row: row as T, seq: seqOf(row) ?? (Array.isArray(msg.rows) ? undefined : seqOf(msg)) });
  }
  return rows.length ? { kind: 'rows', rows } : { kind: 'ignore' };
}

function singleRow(msg: Record<string, unknown>): Record<string, unknown> {
  for (const field of ['data', 'row']) {
    const v = msg[field];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(msg)) if (!ENVELOPE.has(k)) out[k] = v;
  return out;
}

/** The numeric `seq` of a row or message (a number or a digit string), or undefined. */
export function seqOf(msg: Record<string, unknown>): number | undefined {
  const v = msg.seq;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (typeof v === 'string' && /^[0-9]{1,19}$/.test(v)) return Number(v);
  return undefined;
}
