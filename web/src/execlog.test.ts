import { describe, expect, it } from 'vitest';
import { ExecLine, ExecLog, fillLine } from './execlog';

const line = (code: string, ts: number, text: string, seq?: number): ExecLine =>
  ({ code, symbol: 'GPT-FT-04', timestampNs: ts, line: `${code.padEnd(5)} ${'GPT-FT-04'.padEnd(14)} ${text}`, seq });

describe('ExecLog', () => {
  it('formats a backfilled trade exactly like the live FILL line', () => {
    const t = { tradeId: '1', price: '1284.50', quantity: '140', takerSide: 'BUY', timestampNs: 5 };
    expect(fillLine('GPT-FT-04', t)).toEqual(line('FILL', 5, 'BUY 140 @ 1284.50'));
  });

  it('keeps newest first and backfills only what it does not show yet', () => {
    const log = new ExecLog(100);
    log.add(line('OPEN', 1, 'SELL 10 @ 100.00'));
    log.add(line('FILL', 2, 'BUY 4 @ 100.00'));
    // Reconnect: the backfill returns the fill we saw, a second identical fill in the same command, and a newer one.
    const added = log.backfill([
      line('FILL', 2, 'BUY 4 @ 100.00'),
      line('FILL', 2, 'BUY 4 @ 100.00'),
      line('FILL', 3, 'BUY 1 @ 100.00'),
    ]);
    expect(added).toBe(2);
    expect(log.lines().map((l) => l.timestampNs)).toEqual([3, 2, 2, 1]);
    expect(log.backfill([line('FILL', 2, 'BUY 4 @ 100.00'), line('FILL', 3, 'BUY 1 @ 100.00')])).toBe(0);
    expect(log.lastTimestampNs).toBe(3);
  });

  it('reports a gap in the line sequence and drops repeats', () => {
    const log = new ExecLog(10);
    expect(log.add(line('OPEN', 1, 'a', 1))).toBe('added');
    expect(log.add(line('OPEN', 2, 'b', 2))).toBe('added');
    expect(log.add(line('OPEN', 2, 'b', 2))).toBe('duplicate');
    expect(log.add(line('FILL', 5, 'c', 5))).toBe('gap');
    expect(log.add(line('FILL', 6, 'd', 6))).toBe('added');
    expect(log.lines()).toHaveLength(4);
  });

  it('stays within its capacity and forgets evicted lines', () => {
    const log = new ExecLog(5);
    for (let i = 1; i <= 20; i++) log.add(line('OPEN', i, `n${i}`));
    expect(log.lines()).toHaveLength(5);
    expect(log.lines()[0].timestampNs).toBe(20);
    expect(log.backfill([line('OPEN', 1, 'n1')])).toBe(1); // evicted, so shown again (oldest) then evicted again
    expect(log.lines()).toHaveLength(5);
    expect(() => new ExecLog(0)).toThrow(RangeError);
  });
});
