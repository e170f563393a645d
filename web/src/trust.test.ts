import { describe, expect, it } from 'vitest';
import { clock, duration, money, percent, ratio, scaleDecimal } from './format';
import { ChainRow, disputable, escrowNumber, marketSellerScore, newestFirst, prettyDocument, rpcTotals, runProgress, sparkPath, stageCells, stageTotals } from './trust';

const st = (stage: string, passed: boolean) => ({ stage, name: stage, passed });

describe('pipeline stages', () => {
  it('shows each stage S1…S6 as pass, fail, pending or skipped', () => {
    expect(stageCells({ outcome: 'PASS', failedStage: null, stages: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((s) => st(s, true)) }))
      .toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(stageCells({ outcome: 'FAIL', failedStage: 'S3', stages: [st('S1', true), st('S2', true), st('S3', false)] }))
      .toEqual(['pass', 'pass', 'fail', 'skipped', 'skipped', 'skipped']);
    // a failed stage the run names but does not list is still the failure
    expect(stageCells({ outcome: 'FAIL', failedStage: 'S4', stages: [st('S1', true)] }))
      .toEqual(['pass', 'pending', 'pending', 'fail', 'skipped', 'skipped']);
    expect(stageCells({ outcome: 'RUNNING', failedStage: null, stages: [st('S2', true), st('S1', true)] }))
      .toEqual(['pass', 'pass', 'pending', 'pending', 'pending', 'pending']);
    expect(stageCells({ outcome: 'RUNNING', failedStage: null, stages: [] })).toEqual(Array(6).fill('pending'));
  });

  it('counts passes and failures per stage', () => {
    const t = stageTotals([
      { outcome: 'PASS', failedStage: null, stages: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((s) => st(s, true)) },
      { outcome: 'FAIL', failedStage: 'S3', stages: [st('S1', true), st('S2', true), st('S3', false)] },
    ]);
    expect(t.map((x) => [x.stage, x.pass, x.fail])).toEqual([['S1', 2, 0], ['S2', 2, 0], ['S3', 1, 1], ['S4', 1, 0], ['S5', 1, 0], ['S6', 1, 0]]);
  });
});

describe('sparkline', () => {
  it('spreads points over the width and scales into the height (higher value = smaller y)', () => {
    expect(sparkPath([0, 1], 10, 10)).toBe('M0 10 L10 0');
    expect(sparkPath([0.5, 0.5, 0.5], 20, 10)).toBe('M0 5 L10 5 L20 5');
    expect(sparkPath([2], 20, 10)).toBe('M0 5');
    expect(sparkPath([], 20, 10)).toBe('');
    expect(sparkPath([0.8, 0.9], 10, 10, 0, 1)).toBe('M0 2 L10 1');
    expect(sparkPath([5, NaN, 7], 10, 10)).toBe('M0 10 L10 0');
    // values outside an explicit range are clamped into the box
    for (const seg of sparkPath([-1, 0.5, 3], 10, 10, 0, 1).split(' L')) {
      const [x, y] = seg.replace('M', '').split(' ').map(Number);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(10);
    }
  });
});

describe('rpc totals', () => {
  it('adds online/total over chains and takes the median p50 of the healthy upstreams', () => {
    const chain = (id: number, online: number, total: number, p50s: [number, boolean][]): ChainRow => ({
      chainId: id, name: `c${id}`, online, total, headBlock: 1, finalizedBlock: 1, lagBlocks: 0,
      upstreams: p50s.map(([p, healthy], i) => ({ name: `u${i}`, healthy, latencyP50Ms: p, latencyP99Ms: p * 2, headBlock: 1 })),
    });
    expect(rpcTotals([chain(1, 2, 3, [[1, true], [9, true], [100, false]]), chain(2, 1, 1, [[4, true]])]))
      .toEqual({ online: 3, total: 4, medianP50Ms: 4 });
    expect(rpcTotals([chain(1, 2, 2, [[1, true], [3, true]])]).medianP50Ms).toBe(2);
    expect(rpcTotals([])).toEqual({ online: 0, total: 0, medianP50Ms: null });
  });
});

describe('market seller score', () => {
  it('takes the best lower bound among the sellers listing that market', () => {
    const listings = [{ accountId: 2, instrumentId: 1, quantityLots: 10 }, { accountId: 4, instrumentId: 1, quantityLots: 5 },
      { accountId: 4, instrumentId: 2, quantityLots: 0 }, { accountId: 9, instrumentId: 1, quantityLots: 5 }];
    const sellers = [{ account: 2, score: 0.93, lowerBound: 0.81 }, { account: 4, score: 0.99, lowerBound: 0.85 }];
    expect(marketSellerScore(1, listings, sellers)).toEqual({ account: 4, score: 0.99, lowerBound: 0.85 });
    expect(marketSellerScore(2, listings, sellers)).toBeNull(); // no capacity listed
    expect(marketSellerScore(3, listings, sellers)).toBeNull();
  });
});

describe('ordering', () => {
  it('orders newest first by time then id', () => {
    const rows = [{ at: '2026-01-01T00:00:00Z', id: 1 }, { at: '2026-01-02T00:00:00Z', id: 2 }, { at: '2026-01-02T00:00:00Z', id: 3 }];
    expect([...rows].sort(newestFirst((r) => r.at, (r) => r.id)).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(escrowNumber('ESC-8821')).toBe(8821);
    expect(escrowNumber('x')).toBe(0);
  });
});

describe('trust formatting', () => {
  it('shows minor units, ratios, percentages, durations and times with fixed decimals', () => {
    expect(scaleDecimal('12500000', 6)).toBe('12.500000');
    expect(scaleDecimal('5', 6)).toBe('0.000005');
    expect(scaleDecimal('-1500000', 6)).toBe('-1.500000');
    expect(scaleDecimal('7', 0)).toBe('7');
    expect(scaleDecimal('1.5', 2)).toBe('');
    expect(money('42800000000')).toBe('42,800.00');
    expect(money('5')).toBe('0.00');
    expect(money(null)).toBe('—');
    expect(ratio(0.93)).toBe('0.930');
    expect(ratio(null)).toBe('—');
    expect(percent(0.996)).toBe('99.6%');
    expect(percent(1, 2)).toBe('100.00%');
    expect(duration(1.2)).toBe('1.2 ms');
    expect(duration(14_000)).toBe('14.0 s');
    expect(duration(270_000)).toBe('4.5 min');
    expect(duration(null)).toBe('—');
    expect(clock('2026-11-24T14:02:18.123Z')).toBe('14:02:18');
    expect(clock(0)).toBe('—');
    expect(clock(null)).toBe('—');
    expect(clock('not a time')).toBe('—');
  });
});

describe('evidence document', () => {
  it('indents JSON, shows other text as served and bounds what it shows', () => {
    expect(prettyDocument('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyDocument('not json')).toBe('not json');
    expect(prettyDocument('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}\n… (20 more characters)`);
  });

  it('orders a run\'s progress: more stages, then finished', () => {
    expect(runProgress({ stages: [], outcome: 'RUNNING' })).toBeLessThan(runProgress({ stages: [st('S1', true)], outcome: 'RUNNING' }));
    expect(runProgress({ stages: [st('S1', true)], outcome: 'RUNNING' })).toBeLessThan(runProgress({ stages: [st('S1', false)], outcome: 'FAIL' }));
  });
});

describe('dispute button', () => {
  const deal = { buyerAccountId: 1, state: 'DELIVERED', releaseAfterSec: 1_700_000_020 };
  const before = 1_700_000_010_000;
  it('is offered to the signed-in buyer of an open deal before its timelock ends', () => {
    expect(disputable(deal, '1', before)).toBe(true);
    expect(disputable({ ...deal, state: 'OPEN', releaseAfterSec: null }, '1', before)).toBe(true);
  });
  it('is not offered to others, when signed out, on a deal not open, disputed or settled, or after the timelock', () => {
    expect(disputable(deal, '2', before)).toBe(false);
    expect(disputable(deal, undefined, before)).toBe(false);
    for (const state of ['OPENING', 'DISPUTED', 'RELEASED', 'REFUNDED']) expect(disputable({ ...deal, state }, '1', before)).toBe(false);
    expect(disputable(deal, '1', 1_700_000_020_000)).toBe(false);
  });
});
