import { asInteger, compareStrings, isDigit, sign, type Ordering } from './util.js';

// Gem::Version: a dot goes between every digit/non-digit change ("1.0a1" -> 1.0.a.1); segments after
// the first non-numeric one are the prerelease part; trailing zeros of both parts are dropped; then
// segment by segment, missing = "0", a number outranks a string.

function canonicalSegments(input: string): string[] {
  let spaced = '';
  let previousDigit: boolean | null = null;
  for (const c of input) {
    if (c === '.') {
      spaced += '.';
      previousDigit = null;
      continue;
    }
    const digit = isDigit(c);
    if (previousDigit !== null && previousDigit !== digit) spaced += '.';
    spaced += c;
    previousDigit = digit;
  }
  const numbers: string[] = [];
  const build: string[] = [];
  for (const seg of spaced.split('.')) {
    if (build.length > 0 || asInteger(seg) === null) build.push(seg);
    else numbers.push(seg);
  }
  return [...dropTrailingZeros(numbers), ...dropTrailingZeros(build)];
}

function dropTrailingZeros(segs: string[]): string[] {
  let end = segs.length;
  while (end > 0 && segs[end - 1] === '0') end--;
  return segs.slice(0, end);
}

export function compareRubyGems(x: string, y: string): Ordering {
  const a = canonicalSegments(x);
  const b = canonicalSegments(y);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const sa = a[i] ?? '0';
    const sb = b[i] ?? '0';
    const na = asInteger(sa);
    const nb = asInteger(sb);
    if (na !== null && nb !== null) {
      if (na !== nb) return sign(na - nb);
    } else if (na === null && nb === null) {
      const d = compareStrings(sa, sb);
      if (d !== 0) return d;
    } else {
      return na !== null ? 1 : -1;
    }
  }
  return 0;
}
