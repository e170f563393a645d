import { crc32 } from './crc32';
import { compareDecimal, isZeroDecimal } from './format';

/** A price level as the gateway sends it: [price, quantity] decimal strings. */
export type Level = [string, string];

/** A `book.{symbol}` WebSocket message. */
export interface BookMessage {
  channel: string;
  type: 'snapshot' | 'update';
  seq: number;
  prevSeq: number;
  bids: Level[];
  asks: Level[];
  checksum: number;
}

/** Levels of each side covered by the gateway's checksum (GatewayConfig.bookChecksumDepth). */
export const CHECKSUM_DEPTH = 10;

export type ApplyOutcome =
  | 'applied' // state advanced and the checksum matches
  | 'stale' // an update at or before our sequence: ignored
  | 'gap' // prevSeq does not follow our sequence: resync needed
  | 'checksum' // applied but the checksum differs: resync needed
  | 'no-snapshot'; // an update before any snapshot: resync needed

/**
 * An L2 book kept from a snapshot plus diffs. Each diff must chain (`prevSeq` equals the sequence
 * we hold); after each message the CRC32 of the top levels must equal the gateway's. Any break
 * leaves the book not ready until the next snapshot.
 */
export class L2Book {
  private readonly bids = new Map<string, string>();
  private readonly asks = new Map<string, string>();
  seq = -1;
  ready = false;

  reset(): void {
    this.bids.clear();
    this.asks.clear();
    this.seq = -1;
    this.ready = false;
  }

  apply(msg: BookMessage): ApplyOutcome {
    if (msg.type === 'snapshot') {
      this.bids.clear();
      this.asks.clear();
      for (const [p, q] of msg.bids) if (!isZeroDecimal(q)) this.bids.set(p, q);
      for (const [p, q] of msg.asks) if (!isZeroDecimal(q)) this.asks.set(p, q);
      this.seq = msg.seq;
    } else {
      if (!this.ready) return 'no-snapshot';
      if (msg.seq <= this.seq) return 'stale';
      if (msg.prevSeq !== this.seq) {
        this.ready = false;
        return 'gap';
      }
      for (const [p, q] of msg.bids) isZeroDecimal(q) ? this.bids.delete(p) : this.bids.set(p, q);
      for (const [p, q] of msg.asks) isZeroDecimal(q) ? this.asks.delete(p) : this.asks.set(p, q);
      this.seq = msg.seq;
    }
    if (this.checksum() !== msg.checksum) {
      this.ready = false;
      return 'checksum';
    }
    this.ready = true;
    return 'applied';
  }

  /** Best first: bids high to low, asks low to high. */
  levels(side: 'bids' | 'asks', depth = Number.MAX_SAFE_INTEGER): Level[] {
    const map = side === 'bids' ? this.bids : this.asks;
    const sorted = [...map.entries()].sort((a, b) => compareDecimal(a[0], b[0]));
    if (side === 'bids') sorted.reverse();
    return sorted.slice(0, depth) as Level[];
  }

  /** CRC32 of "p:q:p:q…" over the top bids then the top asks (the gateway's StreamHub.checksum). */
  checksum(depth = CHECKSUM_DEPTH): number {
    const parts: string[] = [];
    for (const [p, q] of this.levels('bids', depth)) parts.push(p, q);
    for (const [p, q] of this.levels('asks', depth)) parts.push(p, q);
    return crc32(parts.join(':'));
  }
}
