import { describe, expect, it } from 'vitest';
import { LiveRows, rowOf, seqOf } from './live';
import { channelOfSubscription, subscriptionId } from './stream';

interface Row { id: string; at: number; v: number }
const order = (a: Row, b: Row) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A tiny seeded generator (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('LiveRows', () => {
  it('upserts by key, keeps order and bound, ignores repeated seq and reports gaps (seeded model check)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const max = 1 + Math.floor(r() * 20);
      const live = new LiveRows<Row>((x) => x.id, order, max);
      const model = new Map<string, Row>();
      let lastSeq: number | null = null;
      let seq = Math.floor(r() * 100);
      for (let step = 0; step < 80; step++) {
        if (r() < 0.05) {
          const snapshot = Array.from({ length: Math.floor(r() * 30) }, (_, i) => ({ id: `k${Math.floor(r() * 40)}`, at: Math.floor(r() * 50), v: i }));
          live.reset(snapshot);
          model.clear();
          for (const x of snapshot) model.set(x.id, x);
          const kept = [...model.values()].sort(order).slice(0, max);
          model.clear();
          for (const x of kept) model.set(x.id, x);
          lastSeq = null;
        } else {
          const kind = r();
          const nextSeq = kind < 0.15 ? seq - Math.floor(r() * 3) : kind < 0.3 ? seq + 2 + Math.floor(r() * 5) : seq + 1;
          const row = { id: `k${Math.floor(r() * 40)}`, at: Math.floor(r() * 50), v: step };
          const expected = lastSeq !== null && nextSeq <= lastSeq ? 'duplicate' : lastSeq !== null && nextSeq > lastSeq + 1 ? 'gap' : 'applied';
          expect(live.apply(row, nextSeq)).toBe(expected);
          if (expected !== 'duplicate') {
            lastSeq = nextSeq;
            seq = nextSeq;
            model.set(row.id, row);
            const kept = [...model.values()].sort(order).slice(0, max);
            model.clear();
            for (const x of kept) model.set(x.id, x);
          }
        }
        // invariants after every step: same rows as the model, ordered, unique keys, bounded
        expect(live.rows).toEqual([...model.values()].sort(order));
        expect(live.rows.length).toBeLessThanOrEqual(max);
        expect(new Set(live.rows.map((x) => x.id)).size).toBe(live.rows.length);
      }
    }
  });

  it('applies rows without a seq unchecked and takes the first seq after a snapshot as the baseline', () => {
    const live = new LiveRows<Row>((x) => x.id, order, 10);
    expect(live.apply({ id: 'a', at: 1, v: 1 })).toBe('applied');
    expect(live.apply({ id: 'a', at: 1, v: 2 })).toBe('applied');
    expect(live.rows).toEqual([{ id: 'a', at: 1, v: 2 }]);
    expect(live.apply({ id: 'b', at: 2, v: 1 }, 40)).toBe('applied');
    expect(live.apply({ id: 'b', at: 2, v: 2 }, 42)).toBe('gap');
    live.reset([]);
    expect(live.apply({ id: 'c', at: 3, v: 1 }, 7)).toBe('applied');
    expect(() => new LiveRows<Row>((x) => x.id, order, 0)).toThrow();
  });
});

describe('stream messages', () => {
  it('finds the row in a data/row envelope or in the message itself', () => {
    expect(rowOf({ channel: 'escrows', seq: 3, data: { escrowId: 'ESC-1' } })).toEqual({ escrowId: 'ESC-1' });
    expect(rowOf({ channel: 'escrows', seq: 3, row: { escrowId: 'ESC-2' } })).toEqual({ escrowId: 'ESC-2' });
    expect(rowOf({ channel: 'settlement', seq: 9, id: '9', code: 'SETL', message: 'm' })).toEqual({ id: '9', code: 'SETL', message: 'm' });
    expect(seqOf({ seq: 12 })).toBe(12);
    expect(seqOf({ seq: '13' })).toBe(13);
    expect(seqOf({ seq: 'x' })).toBeUndefined();
    expect(seqOf({})).toBeUndefined();
  });

  it('names the refused channel through the subscription id', () => {
    for (const ch of ['settlement', 'escrows', 'book.GPT-FT-04', 'a:b']) expect(channelOfSubscription(subscriptionId(ch))).toBe(ch);
    expect(channelOfSubscription('auth')).toBeNull();
    expect(channelOfSubscription('sub:')).toBeNull();
    expect(channelOfSubscription(7)).toBeNull();
  });
});
