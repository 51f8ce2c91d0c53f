import { asInteger, compareStrings, sign, type Ordering } from './util.js';

// Maven's ComparableVersion as OSV reads it: split on "." and "-" (the separator is kept as the
// token's prefix) and on digit/letter transitions (which act as "-"); aliases (cr=rc, a/b/m before a
// digit, ga/final/release = ""), trailing null tokens trimmed per "-" group; then token by token
// with a missing token padded by the "null" of its prefix.

interface Token {
  prefix: string;
  value: string;
  isNull: boolean;
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];

function qualifierRank(value: string): number {
  const i = QUALIFIERS.indexOf(value);
  return i < 0 ? QUALIFIERS.length : i;
}

function splitTransitions(part: string): string[] {
  return part.match(/\d+|\D+/g) ?? [''];
}

export function parseMaven(input: string): Token[] {
  const tokens: Token[] = [];
  const pieces = input.split(/([.-])/);
  for (let i = 0; i < pieces.length; i += 2) {
    const subs = splitTransitions(pieces[i]!);
    subs.forEach((sub, j) => {
      const prefix = j > 0 ? '-' : i === 0 ? '' : pieces[i - 1]!;
      let value = sub.toLowerCase() || '0';
      if (value === 'cr') value = 'rc';
      if (value === 'ga' || value === 'final' || value === 'release') value = '';
      // a/b/m are short for alpha/beta/milestone only when a number follows directly (1a1, not 1-a).
      if (j < subs.length - 1) value = ({ a: 'alpha', b: 'beta', m: 'milestone' } as Record<string, string>)[value] ?? value;
      const n = asInteger(value);
      tokens.push({ prefix, value: n === null ? value : n.toString(), isNull: false });
    });
  }
  return trimNulls(tokens);
}

function isTrimmable(t: Token): boolean {
  return t.value === '0' || t.value === '' || t.value === 'final' || t.value === 'ga';
}

// Drops trailing null tokens at the end of each "-" group, walking from the end (1.0.0-0 == 1).
function trimNulls(tokens: Token[]): Token[] {
  let i = tokens.length - 1;
  while (i > 0) {
    if (isTrimmable(tokens[i]!)) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && tokens[i]!.prefix !== '-') i--;
    i--;
  }
  return tokens;
}

function nullFor(t: Token): Token {
  if (t.prefix === '.') return { prefix: '.', value: t.value === 'sp' ? '' : '0', isNull: true };
  return { prefix: '-', value: '', isNull: true };
}

function prefixRank(t: Token): number {
  const numeric = asInteger(t.value) !== null;
  if (t.prefix === '-') return numeric ? 2 : 1;
  return numeric ? 3 : 0;
}

function tokenLess(a: Token, b: Token): boolean {
  if (a.prefix !== b.prefix) return prefixRank(a) < prefixRank(b);
  const na = asInteger(a.value);
  const nb = asInteger(b.value);
  if (na !== null && nb !== null) return na < nb;
  if (na !== null && !a.isNull) return false;
  if (nb !== null && !b.isNull) return true;
  const ra = qualifierRank(a.value);
  const rb = qualifierRank(b.value);
  if (ra === QUALIFIERS.length && rb === QUALIFIERS.length) return compareStrings(a.value, b.value) < 0;
  return ra < rb;
}

export function compareMaven(x: string, y: string): Ordering {
  const a = parseMaven(x);
  const b = parseMaven(y);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const left = a[i] ?? nullFor(b[i]!);
    const right = b[i] ?? nullFor(a[i]!);
    if (left.prefix === right.prefix && left.value === right.value) continue;
    return tokenLess(left, right) ? -1 : 1;
  }
  return sign(0);
}
