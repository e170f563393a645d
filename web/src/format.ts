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
