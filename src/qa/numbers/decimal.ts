// Exact decimal values for comparing numbers across languages. Floating point would make 0.1 × 3 differ
// from 0.3 and 220 × 10⁹ a matter of luck; every scale we meet (Tausend, Mrd., 万, 亿) is a power of ten,
// so a digit string and a decimal exponent represent every value exactly and compare as strings.

/** digits × 10^exp; `digits` has no leading or trailing zeros ('0' for zero, with exp 0). */
export interface Decimal {
  readonly digits: string;
  readonly exp: number;
}

const ZERO: Decimal = { digits: '0', exp: 0 };

/** From the digits before and after the decimal separator (ASCII digits only). */
export function toDecimal(integer: string, fraction = ''): Decimal {
  const all = integer + fraction;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  if (start === all.length) return ZERO;
  let end = all.length;
  let exp = -fraction.length;
  while (all.charCodeAt(end - 1) === 48) {
    end--;
    exp++;
  }
  return { digits: all.slice(start, end), exp };
}

export function fromInteger(value: number): Decimal {
  return toDecimal(BigInt(Math.round(value)).toString());
}

export function scaleDecimal(value: Decimal, power: number): Decimal {
  return value.digits === '0' || power === 0 ? value : { digits: value.digits, exp: value.exp + power };
}

/** The comparison key of a number: equal values, equal keys. */
export function numberKey(value: Decimal): string {
  return `n:${value.digits}e${value.exp}`;
}

/** Integer and fraction digits, e.g. 3.5 → { integer: '3', fraction: '5' }; 2.2e11 → { '220000000000', '' }. */
export function plainDigits(value: Decimal): { readonly integer: string; readonly fraction: string } {
  if (value.exp >= 0) return { integer: value.digits + '0'.repeat(value.exp), fraction: '' };
  const point = value.digits.length + value.exp;
  if (point > 0) return { integer: value.digits.slice(0, point), fraction: value.digits.slice(point) };
  return { integer: '0', fraction: '0'.repeat(-point) + value.digits };
}

/** Number of digits before the decimal point (0 for values below 1). */
export function integerLength(value: Decimal): number {
  return value.digits === '0' ? 0 : Math.max(0, value.digits.length + value.exp);
}

/** The value as a JS number, for range checks on small values (hours, days, months). */
export function toNumber(value: Decimal): number {
  return Number(`${value.digits}e${value.exp}`);
}
