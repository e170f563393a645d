import { describe, expect, it } from 'vitest';
import { compareDecimal, decimalsOf, fixed, group, pct, shortId, timeOfDay } from './format';

describe('format', () => {
  it('groups thousands and pads or rounds to fixed decimals without floating point', () => {
    expect(group('1284')).toBe('1,284');
    expect(group('1000000')).toBe('1,000,000');
    expect(fixed('1284.5', 2)).toBe('1,284.50');
    expect(fixed('513.2', 2)).toBe('513.20');
    expect(fixed('140', 0)).toBe('140');
    expect(fixed('0.005', 2)).toBe('0.01');
    expect(fixed('0.004', 2)).toBe('0.00');
    expect(fixed('999.995', 2)).toBe('1,000.00');
    expect(fixed('-0.001', 2)).toBe('0.00');
    expect(fixed('-12.345', 1)).toBe('-12.3');
    expect(fixed('12345678901234567890.125', 2)).toBe('12,345,678,901,234,567,890.13');
    expect(fixed('007.1', 1)).toBe('7.1');
    expect(fixed(0.1 + 0.2, 2)).toBe('0.30');
    expect(fixed('abc', 2)).toBe('—');
    expect(fixed(null, 2)).toBe('—');
    expect(fixed(Number.NaN, 2)).toBe('—');
  });

  it('rounds like the decimal value for every two-digit fraction', () => {
    for (let w = 0; w < 3; w++) {
      for (let f = 0; f < 1000; f++) {
        const text = `${w}.${String(f).padStart(3, '0')}`;
        const cents = Math.floor((w * 1000 + f + 5) / 10);
        const want = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        if (fixed(text, 2) !== want) expect.fail(`${text}: ${fixed(text, 2)} != ${want}`);
      }
    }
  });

  it('formats percentages, steps, times and ids', () => {
    expect(pct(0.0123)).toBe('+1.23%');
    expect(pct(-0.5)).toBe('-50.00%');
    expect(pct(0)).toBe('0.00%');
    expect(pct(null)).toBe('—');
    expect(decimalsOf('0.01')).toBe(2);
    expect(decimalsOf('1')).toBe(0);
    expect(timeOfDay(Date.UTC(2026, 0, 1, 14, 2, 18) * 1e6)).toBe('14:02:18');
    expect(timeOfDay(0)).toBe('--:--:--');
    expect(shortId('0x9F0000000000000021')).toBe('0x9F..21');
  });

  it('compares decimal strings numerically', () => {
    expect(compareDecimal('10.00', '9.99')).toBeGreaterThan(0);
    expect(compareDecimal('1.5', '1.50')).toBe(0);
    expect(compareDecimal('0.09', '0.1')).toBeLessThan(0);
    expect(compareDecimal('0100', '99')).toBeGreaterThan(0);
  });
});
