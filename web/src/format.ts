/** Number formatting on decimal strings (never through floating point), times in UTC. */

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** Groups an integer digit string by thousands: "1284" → "1,284". */
export function group(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/**
 * A decimal string with exactly `decimals` fraction digits and thousands separators, rounding half
 * away from zero: fixed("1284.5", 2) → "1,284.50". Non-decimal input gives "—".
 */
export function fixed(value: string | number | null | undefined, decimals: number): string {
  if (value === null || value === undefined) return '—';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? numberToPlain(value) : '') : value.trim();
  if (!DECIMAL.test(text)) return '—';
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  let [whole, frac = ''] = text.split('.');
  if (frac.length > decimals) {
    const roundUp = frac.charCodeAt(decimals) >= 53; // '5'
    frac = frac.slice(0, decimals);
    if (roundUp) {
      const digits = (whole + frac).split('').map(Number);
      let i = digits.length - 1;
      while (i >= 0) {
        if (digits[i] === 9) {
          digits[i] = 0;
          i--;
        } else {
          digits[i]++;
          break;
        }
      }
      let joined = digits.join('');
      if (i < 0) joined = '1' + joined;
      whole = joined.slice(0, joined.length - decimals);
      frac = joined.slice(joined.length - decimals);
    }
  }
  frac = frac.padEnd(decimals, '0');
  whole = whole.replace(/^0+(?=[0-9])/, '') || '0';
  const isZero = /^0*$/.test(whole + frac);
  const sign = negative && !isZero ? '-' : '';
  return sign + group(whole) + (decimals > 0 ? '.' + frac : '');
}

function numberToPlain(n: number): string {
  // Enough digits for display values (volumes, percentages); never used for order prices.
  const s = n.toFixed(10);
  return s.replace(/\.?0+$/, '') || '0';
}

/** Signed percentage with two decimals: pct(0.0123) → "+1.23%". */
export function pct(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const s = fixed(ratio * 100, 2);
  return (ratio > 0 && !s.startsWith('-') && s !== '0.00' ? '+' : '') + s + '%';
}

/** Number of fraction digits of a step such as "0.01" → 2, "1" → 0. */
export function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

/** Compares two decimal strings numerically (exact; no sign). */
export function compareDecimal(a: string, b: string): number {
  const [aw, af = ''] = a.split('.');
  const [bw, bf = ''] = b.split('.');
  const awn = aw.replace(/^0+(?=[0-9])/, '');
  const bwn = bw.replace(/^0+(?=[0-9])/, '');
  if (awn.length !== bwn.length) return awn.length - bwn.length;
  if (awn !== bwn) return awn < bwn ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const ap = af.padEnd(n, '0');
  const bp = bf.padEnd(n, '0');
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

export function isZeroDecimal(s: string): boolean {
  return /^0+(\.0+)?$/.test(s);
}

/** "14:02:18" (UTC) from epoch nanoseconds. */
export function timeOfDay(timestampNs: number): string {
  if (!Number.isFinite(timestampNs) || timestampNs <= 0) return '--:--:--';
  return new Date(Math.floor(timestampNs / 1e6)).toISOString().slice(11, 19);
}

/** "0x9F..21" style abbreviation of a long identifier. */
export function shortId(id: string, head = 4, tail = 2): string {
  return id.length <= head + tail + 2 ? id : id.slice(0, head) + '..' + id.slice(-tail);
}

/** An integer amount in minor units as a decimal string: scaleDecimal("12500000", 6) → "12.500000". */
export function scaleDecimal(units: string, decimals: number): string {
  const t = units.trim();
  if (!/^-?[0-9]+$/.test(t)) return '';
  const negative = t.startsWith('-');
  const digits = (negative ? t.slice(1) : t).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return (negative ? '-' : '') + whole + (decimals > 0 ? '.' + frac : '');
}

/** A quote-asset amount in minor units (USDT/USDC: 6 decimals) shown with `shown` decimals. */
export function money(units: string | number | null | undefined, shown = 2, decimals = 6): string {
  if (units === null || units === undefined) return '—';
  const s = scaleDecimal(String(units), decimals);
  return s === '' ? '—' : fixed(s, shown);
}

/** A 0..1 figure with fixed decimals ("0.930"); null → "—". */
export function ratio(value: number | null | undefined, decimals = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : fixed(value, decimals);
}

/** A 0..1 figure as a percentage with fixed decimals: percent(0.996) → "99.6%". */
export function percent(value: number | null | undefined, decimals = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : fixed(value * 100, decimals) + '%';
}

/** Milliseconds with fixed decimals, switching to seconds / minutes for long spans: "14.0 ms", "3.2 s", "4.5 min". */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${fixed(ms, 1)} ms`;
  if (ms < 120_000) return `${fixed(ms / 1_000, 1)} s`;
  if (ms < 7_200_000) return `${fixed(ms / 60_000, 1)} min`;
  return `${fixed(ms / 3_600_000, 1)} h`;
}

/** "14:02:18" (UTC) from an ISO-8601 string or epoch milliseconds; "—" when absent or unreadable. */
export function clock(at: string | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '—';
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString().slice(11, 19) : '—';
}
