/** One Execution Log line as the gateway's `exec_log` channel sends it. */
export interface ExecLine {
  code: string; // OPEN, FILL, CNCL, AMND, EXPR, STPX, ESCR, VRFY, DLVR, DSPT, SETL
  symbol: string;
  timestampNs: number;
  line: string;
  /** Per-line stream sequence when the node sends one; gaps then trigger a resync. */
  seq?: number;
}

/** A trade as `GET /v1/trades/{symbol}` returns it. */
export interface TradeRow {
  tradeId: string;
  price: string;
  quantity: string;
  takerSide: string;
  timestampNs: number;
}

/** The gateway's FILL text for a trade (StreamHub: "%-5s %-14s %s", "SIDE qty @ price"). */
export function fillLine(symbol: string, t: TradeRow): ExecLine {
  const text = `${t.takerSide} ${t.quantity} @ ${t.price}`;
  return { code: 'FILL', symbol, timestampNs: t.timestampNs, line: `${'FILL'.padEnd(5)} ${symbol.padEnd(14)} ${text}` };
}

export type AddOutcome = 'added' | 'duplicate' | 'gap';

/**
 * The bounded, newest-first Execution Log. Lines are identified by (code, timestamp, text) and
 * their occurrence count, so lines replayed after a reconnect (from a resubscription or from the
 * REST backfill) are not shown twice while two identical fills in one command both are. When lines
 * carry `seq`, a jump in it reports a gap so the caller resyncs.
 */
export class ExecLog {
  private readonly rows: ExecLine[] = [];
  private readonly seen = new Map<string, number>();
  lastSeq = -1;
  lastTimestampNs = 0;

  constructor(readonly capacity = 500) {
    if (capacity < 1 || capacity > 100_000) throw new RangeError('capacity out of range');
  }

  private static key(l: ExecLine): string {
    return `${l.code}|${l.timestampNs}|${l.line}`;
  }

  /** A live line from the stream. */
  add(l: ExecLine): AddOutcome {
    if (l.seq !== undefined) {
      if (l.seq <= this.lastSeq) return 'duplicate';
      const gap = this.lastSeq >= 0 && l.seq !== this.lastSeq + 1;
      this.lastSeq = l.seq;
      this.insert(l);
      return gap ? 'gap' : 'added';
    }
    this.insert(l);
    return 'added';
  }

  /**
   * Lines fetched after a reconnect: for each identity, only as many as exceed what is already
   * shown are added. Returns how many were added.
   */
  backfill(lines: ExecLine[]): number {
    const wanted = new Map<string, ExecLine[]>();
    for (const l of lines) {
      const k = ExecLog.key(l);
      const list = wanted.get(k) ?? [];
      list.push(l);
      wanted.set(k, list);
    }
    let added = 0;
    for (const [k, list] of wanted) {
      const have = this.seen.get(k) ?? 0;
      for (let i = have; i < list.length; i++) {
        this.insert(list[i]);
        added++;
      }
    }
    return added;
  }

  private insert(l: ExecLine): void {
    const k = ExecLog.key(l);
    this.seen.set(k, (this.seen.get(k) ?? 0) + 1);
    // Keep newest first by timestamp; equal timestamps keep arrival order (newest on top).
    let i = 0;
    while (i < this.rows.length && this.rows[i].timestampNs > l.timestampNs) i++;
    this.rows.splice(i, 0, l);
    if (l.timestampNs > this.lastTimestampNs) this.lastTimestampNs = l.timestampNs;
    while (this.rows.length > this.capacity) {
      const dropped = this.rows.pop()!;
      const dk = ExecLog.key(dropped);
      const n = (this.seen.get(dk) ?? 1) - 1;
      if (n <= 0) this.seen.delete(dk);
      else this.seen.set(dk, n);
    }
  }

  lines(): readonly ExecLine[] {
    return this.rows;
  }
}
