// Small helpers shared by the per-ecosystem version orderings.

export type Ordering = -1 | 0 | 1;

export function sign(n: number | bigint): Ordering {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}

/** Plain code-unit comparison (Go's strings.Compare on ASCII). */
export function compareStrings(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DIGITS = /^[0-9]+$/;

/** The value of an all-ASCII-digit string, or null (so "1a" and "" are not numbers). */
export function asInteger(s: string): bigint | null {
  return DIGITS.test(s) ? BigInt(s) : null;
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** Compares numeric components, a missing component counting as 0 (so 1.0 == 1.0.0). */
export function compareNumericComponents(a: readonly bigint[], b: readonly bigint[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = sign((a[i] ?? 0n) - (b[i] ?? 0n));
    if (d !== 0) return d;
  }
  return 0;
}
