import { compareNumericComponents, sign, type Ordering } from './util.js';

// R package versions: integers separated by "." or "-"; with equal values, more parts sort higher.

function parts(s: string): bigint[] {
  if (s === '') return [];
  return s
    .replaceAll('-', '.')
    .split('.')
    .map((p) => (/^[0-9]+$/.test(p) ? BigInt(p) : 0n));
}

export function compareCRAN(x: string, y: string): Ordering {
  const a = parts(x);
  const b = parts(y);
  return compareNumericComponents(a, b) || sign(a.length - b.length);
}
