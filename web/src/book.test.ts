import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BookMessage, CHECKSUM_DEPTH, L2Book, Level } from './book';
import { crc32 } from './crc32';

/** Reference model: plain maps, numeric sort, the gateway's checksum string, zlib's CRC32. */
class Reference {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  side(s: 'bids' | 'asks', depth: number): Level[] {
    const m = s === 'bids' ? this.bids : this.asks;
    const keys = [...m.keys()].sort((a, b) => (s === 'bids' ? b - a : a - b)).slice(0, depth);
    return keys.map((k) => [(k / 100).toFixed(2), String(m.get(k))]);
  }
  checksum(): number {
    const parts = [...this.side('bids', CHECKSUM_DEPTH), ...this.side('asks', CHECKSUM_DEPTH)].flat();
    return zlibCrc32(Buffer.from(parts.join(':'), 'utf8')) >>> 0;
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const snap = (seq: number, bids: Level[], asks: Level[], checksum: number): BookMessage =>
  ({ channel: 'book.X', type: 'snapshot', seq, prevSeq: 0, bids, asks, checksum });
const upd = (seq: number, prevSeq: number, bids: Level[], asks: Level[], checksum: number): BookMessage =>
  ({ channel: 'book.X', type: 'update', seq, prevSeq, bids, asks, checksum });

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    for (const s of ['', '101.5:3:101:7:102:1', 'ü€漢字:1.00']) expect(crc32(s)).toBe(zlibCrc32(Buffer.from(s, 'utf8')) >>> 0);
  });
});

describe('L2Book', () => {
  it('applies a snapshot and chained diffs, removing zero levels', () => {
    const b = new L2Book();
    const bids: Level[] = [['101.00', '7'], ['101.50', '3']];
    const asks: Level[] = [['102.00', '1']];
    const sum0 = crc32('101.50:3:101.00:7:102.00:1');
    expect(b.apply(snap(10, bids, asks, sum0))).toBe('applied');
    expect(b.levels('bids')).toEqual([['101.50', '3'], ['101.00', '7']]);
    const sum1 = crc32('101.00:7:102.00:1:103.00:4');
    expect(b.apply(upd(12, 10, [['101.50', '0']], [['103.00', '4']], sum1))).toBe('applied');
    expect(b.seq).toBe(12);
    expect(b.levels('asks')).toEqual([['102.00', '1'], ['103.00', '4']]);
  });

  it('ignores stale diffs, flags gaps and checksum mismatches until the next snapshot', () => {
    const b = new L2Book();
    expect(b.apply(upd(5, 4, [], [], 0))).toBe('no-snapshot');
    const empty = crc32('');
    expect(b.apply(snap(10, [], [], empty))).toBe('applied');
    expect(b.apply(upd(10, 9, [['1.00', '1']], [], 0))).toBe('stale');
    expect(b.levels('bids')).toEqual([]);
    expect(b.apply(upd(13, 12, [['1.00', '1']], [], crc32('1.00:1')))).toBe('gap');
    expect(b.ready).toBe(false);
    expect(b.apply(upd(14, 13, [], [], empty))).toBe('no-snapshot');
    expect(b.apply(snap(14, [['1.00', '1']], [], crc32('1.00:1')))).toBe('applied');
    expect(b.apply(upd(15, 14, [['2.00', '1']], [], 12345))).toBe('checksum');
    expect(b.ready).toBe(false);
  });

  it('compares prices numerically, not as text', () => {
    const b = new L2Book();
    const bids: Level[] = [['9.50', '1'], ['10.00', '1'], ['100.00', '1']];
    b.apply(snap(1, bids, [], crc32('100.00:1:10.00:1:9.50:1')));
    expect(b.ready).toBe(true);
    expect(b.levels('bids').map((l) => l[0])).toEqual(['100.00', '10.00', '9.50']);
  });

  it('agrees with a reference model over seeded random diff streams (checksum beyond the depth too)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      const ref = new Reference();
      const book = new L2Book();
      let seq = 100;
      expect(book.apply(snap(seq, [], [], ref.checksum()))).toBe('applied');
      for (let step = 0; step < 150; step++) {
        const bids: Level[] = [];
        const asks: Level[] = [];
        const changes = 1 + Math.floor(r() * 4);
        for (let c = 0; c < changes; c++) {
          const bid = r() < 0.5;
          const ticks = bid ? 9_000 + Math.floor(r() * 40) : 9_040 + Math.floor(r() * 40);
          const qty = r() < 0.3 ? 0 : 1 + Math.floor(r() * 50);
          const m = bid ? ref.bids : ref.asks;
          if (qty === 0) m.delete(ticks);
          else m.set(ticks, qty);
          (bid ? bids : asks).push([(ticks / 100).toFixed(2), String(qty)]);
        }
        const prev = seq;
        seq += 1 + Math.floor(r() * 3);
        const outcome = book.apply(upd(seq, prev, bids, asks, ref.checksum()));
        if (outcome !== 'applied') expect.fail(`seed ${seed} step ${step}: ${outcome}`);
        if (step % 25 === 24) {
          expect(book.levels('bids')).toEqual(ref.side('bids', Number.MAX_SAFE_INTEGER));
          expect(book.levels('asks')).toEqual(ref.side('asks', Number.MAX_SAFE_INTEGER));
        }
      }
      // A lost diff is caught: either by the chain or, when it is replayed wrongly, by the checksum.
      expect(book.apply(upd(seq + 2, seq + 1, [], [], ref.checksum()))).toBe('gap');
    }
  });
});
