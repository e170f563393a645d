import { describe, expect, it } from 'vitest';
import { LiveRows, readChannelMessage, seqOf } from './live';
import { channelOfSubscription, resubscribeMessage, subscriptionId } from './stream';

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
  it('keeps the newest version of each row whatever order the versions arrive in (seeded model check)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const keys = 1 + Math.floor(r() * 15);
      // every row's versions with increasing seq, then delivered shuffled, some twice (snapshot + first update)
      const versions: { row: Row; seq: number }[] = [];
      let seq = 1_000;
      for (let i = 0; i < 60; i++) {
        seq += 1 + Math.floor(r() * 5);
        versions.push({ row: { id: `k${Math.floor(r() * keys)}`, at: Math.floor(r() * 20), v: i }, seq });
      }
      const delivered = versions.flatMap((x) => (r() < 0.2 ? [x, x] : [x]));
      for (let i = delivered.length - 1; i > 0; i--) {
        if (r() < 0.3) {
          const j = Math.floor(r() * (i + 1));
          [delivered[i], delivered[j]] = [delivered[j], delivered[i]];
        }
      }
      const live = new LiveRows<Row>((x) => x.id, order, 1_000);
      for (const d of delivered) {
        live.apply(d.row, d.seq);
        // invariants after every step: ordered, unique keys, maxSeq = highest seq delivered so far
        expect(new Set(live.rows.map((x) => x.id)).size).toBe(live.rows.length);
        expect([...live.rows].sort(order)).toEqual(live.rows);
      }
      const newest = new Map<string, { row: Row; seq: number }>();
      for (const v of versions) if ((newest.get(v.row.id)?.seq ?? -1) < v.seq) newest.set(v.row.id, v);
      expect(live.rows).toEqual([...newest.values()].map((x) => x.row).sort(order));
      expect(live.maxSeq).toBe(Math.max(...versions.map((x) => x.seq)));
    }
  });

  it('is bounded, refuses older versions of REST rows and resumes a millisecond early from nanosecond seqs', () => {
    const live = new LiveRows<Row>((x) => x.id, order, 3, (x) => x.v);
    live.reset([{ id: 'a', at: 5, v: 9 }, { id: 'b', at: 4, v: 1 }, { id: 'a', at: 5, v: 10 }]);
    expect(live.rows).toEqual([{ id: 'a', at: 5, v: 10 }, { id: 'b', at: 4, v: 1 }]);
    expect(live.apply({ id: 'a', at: 5, v: 3 }, 7)).toBe('stale'); // REST already had a later version
    expect(live.apply({ id: 'c', at: 3, v: 1 }, 8)).toBe('applied');
    expect(live.apply({ id: 'd', at: 9, v: 1 }, 9)).toBe('applied');
    expect(live.rows.map((x) => x.id)).toEqual(['d', 'a', 'b']);
    expect(live.resumeSeq()).toBe(9);
    live.apply({ id: 'e', at: 1, v: 1 }, 1_764_000_000_123_456_789);
    expect(live.resumeSeq()).toBe(1_764_000_000_123_456_789 - 1_000_000);
    expect(new LiveRows<Row>((x) => x.id, order).resumeSeq()).toBeUndefined();
    expect(() => new LiveRows<Row>((x) => x.id, order, 0)).toThrow();
  });
});

describe('channel messages', () => {
  const valid = (r: { escrowId?: string }) => typeof r.escrowId === 'string';
  it('reads snapshot, replay and update rows with their own seq, and reset', () => {
    const m = readChannelMessage({ channel: 'escrows', type: 'update', seq: 9, rows: [{ escrowId: 'ESC-1', seq: 7 }, { escrowId: 'ESC-2', seq: 9 }, { nope: 1 }, 5] }, valid);
    expect(m).toEqual({ kind: 'rows', rows: [{ row: { escrowId: 'ESC-1', seq: 7 }, seq: 7 }, { row: { escrowId: 'ESC-2', seq: 9 }, seq: 9 }] });
    expect(readChannelMessage({ channel: 'escrows', type: 'reset', seq: 3, rows: [] }, valid)).toEqual({ kind: 'reset' });
    expect(readChannelMessage({ channel: 'escrows', type: 'snapshot', seq: 0, rows: [] }, valid)).toEqual({ kind: 'ignore' });
    // one row per message, bare or in data
    expect(readChannelMessage({ channel: 'escrows', seq: 4, escrowId: 'ESC-3' }, valid)).toEqual({ kind: 'rows', rows: [{ row: { escrowId: 'ESC-3' }, seq: 4 }] });
    expect(readChannelMessage({ channel: 'escrows', seq: 5, data: { escrowId: 'ESC-4' } }, valid)).toEqual({ kind: 'rows', rows: [{ row: { escrowId: 'ESC-4' }, seq: 5 }] });
    expect(seqOf({ seq: '13' })).toBe(13);
    expect(seqOf({ seq: -1 })).toBeUndefined();
    expect(seqOf({})).toBeUndefined();
  });

  it('names the refused channel through the subscription id and resumes with since', () => {
    for (const ch of ['settlement', 'escrows', 'book.GPT-FT-04', 'a:b']) expect(channelOfSubscription(subscriptionId(ch))).toBe(ch);
    expect(channelOfSubscription('auth')).toBeNull();
    expect(channelOfSubscription('sub:')).toBeNull();
    expect(channelOfSubscription(7)).toBeNull();
    expect(resubscribeMessage('settlement', 42)).toEqual({ op: 'subscribe', id: 'sub:settlement', channels: ['settlement'], since: { settlement: 42 } });
    expect(resubscribeMessage('escrows', undefined)).toEqual({ op: 'subscribe', id: 'sub:escrows', channels: ['escrows'] });
    expect(JSON.stringify(resubscribeMessage('escrows', 1_764_000_000_122_456_789))).toContain('"escrows":1764000000122456'); // digits, no exponent
  });
});
