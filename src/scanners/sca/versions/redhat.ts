import { compareStrings, isDigit, isLetter, sign, type Ordering } from './util.js';

// rpmvercmp: [epoch:]version[-release]; each part compared in alternating digit/letter runs,
// separators skipped, "~" sorts before anything (even the end), "^" after the end but before more.

function isSeparator(c: string): boolean {
  return !isLetter(c) && !isDigit(c) && c !== '~' && c !== '^';
}

export function rpmvercmp(a: string, b: string): Ordering {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a[i]!)) i++;
    while (j < b.length && isSeparator(b[j]!)) j++;
    const ta = a[i] === '~';
    const tb = b[j] === '~';
    if (ta || tb) {
      if (ta && tb) {
        i++;
        j++;
        continue;
      }
      return ta ? -1 : 1;
    }
    const ca = a[i] === '^';
    const cb = b[j] === '^';
    if (ca || cb) {
      if (ca && cb) {
        i++;
        j++;
        continue;
      }
      if (ca) return j === b.length ? 1 : -1;
      return i === a.length ? -1 : 1;
    }
    if (i === a.length || j === b.length) break;
    const numeric = isDigit(a[i]!);
    const same = numeric ? isDigit : isLetter;
    const si = i;
    while (i < a.length && same(a[i]!)) i++;
    const sj = j;
    while (j < b.length && same(b[j]!)) j++;
    if (j === sj) return numeric ? 1 : -1;
    let ra = a.slice(si, i);
    let rb = b.slice(sj, j);
    if (numeric) {
      ra = ra.replace(/^0+/, '');
      rb = rb.replace(/^0+/, '');
      if (ra.length !== rb.length) return sign(ra.length - rb.length);
    }
    const d = compareStrings(ra, rb);
    if (d !== 0) return d;
  }
  return sign(a.length - i - (b.length - j));
}

function parseRedHat(s: string): [string, string, string] {
  let epoch = '0';
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0 && /^[0-9]*$/.test(s.slice(0, colon))) {
    epoch = s.slice(0, colon) || '0';
    rest = s.slice(colon + 1);
  }
  const dash = rest.indexOf('-');
  return dash < 0 ? [epoch, rest, ''] : [epoch, rest.slice(0, dash), rest.slice(dash)];
}

export function compareRedHat(x: string, y: string): Ordering {
  const a = parseRedHat(x);
  const b = parseRedHat(y);
  return rpmvercmp(a[0], b[0]) || rpmvercmp(a[1], b[1]) || rpmvercmp(a[2], b[2]);
}
