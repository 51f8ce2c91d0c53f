import { asInteger, sign, type Ordering } from './util.js';

// Composer's version_compare-like ordering: separators -_+ become dots, dots are inserted between
// digits and letters, then part by part; special words rank dev < alpha < beta < RC < (number) < patch.

function canonical(input: string): string[] {
  return input
    .replace(/^v/, '')
    .replace(/^V/, '')
    .replace(/[-_+]/g, '.')
    .replace(/([^\d.])(\d)/g, '$1.$2')
    .replace(/(\d)([^\d.])/g, '$1.$2')
    .split('.');
}

const SPECIALS = ['dev', 'a', 'b', 'rc', '#', 'p'];

function weight(s: string): number {
  if (s.startsWith('RC')) return 3;
  const i = SPECIALS.findIndex((sp) => s.startsWith(sp));
  return i < 0 ? 0 : i;
}

function compareParts(a: string[], b: string[]): Ordering {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const na = asInteger(a[i]!);
    const nb = asInteger(b[i]!);
    let d: Ordering;
    if (na !== null && nb !== null) d = sign(na - nb);
    else d = sign(weight(na !== null ? '#' : a[i]!) - weight(nb !== null ? '#' : b[i]!));
    if (d !== 0) return d;
  }
  // A longer version wins when its next part is a number, otherwise that part is weighed against "#".
  if (a.length > b.length) return /^[0-9]+$/.test(a[b.length]!) ? 1 : compareParts(a.slice(b.length), ['#']);
  if (a.length < b.length) return /^[0-9]+$/.test(b[a.length]!) ? -1 : compareParts(['#'], b.slice(a.length));
  return 0;
}

export function comparePackagist(x: string, y: string): Ordering {
  return compareParts(canonical(x), canonical(y));
}
