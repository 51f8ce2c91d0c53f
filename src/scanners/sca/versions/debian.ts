import { isDigit, sign, type Ordering } from './util.js';

// dpkg's ordering (Debian Policy 5.6.12): epoch, then upstream and revision each compared as
// alternating non-digit/digit runs; in non-digit runs "~" sorts before everything, even the end,
// and letters sort before other characters.

function charWeight(c: string | undefined): number {
  if (c === '~') return 1;
  if (c === undefined) return 2;
  const code = c.charCodeAt(0);
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return letter ? code : code + 122;
}

function takeWhile(s: string, pred: (c: string) => boolean): [string, string] {
  let i = 0;
  while (i < s.length && pred(s[i]!)) i++;
  return [s.slice(0, i), s.slice(i)];
}

export function compareDebianPart(x: string, y: string): Ordering {
  let a = x;
  let b = y;
  while (a !== '' || b !== '') {
    let pa: string;
    let pb: string;
    [pa, a] = takeWhile(a, (c) => !isDigit(c));
    [pb, b] = takeWhile(b, (c) => !isDigit(c));
    if (pa !== pb) {
      for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = sign(charWeight(pa[i]) - charWeight(pb[i]));
        if (d !== 0) return d;
      }
    }
    let da: string;
    let db: string;
    [da, a] = takeWhile(a, isDigit);
    [db, b] = takeWhile(b, isDigit);
    const d = sign(BigInt(da || '0') - BigInt(db || '0'));
    if (d !== 0) return d;
  }
  return 0;
}

interface DebianVersion {
  epoch: bigint;
  upstream: string;
  revision: string;
}

function parseDebian(input: string): DebianVersion {
  let s = input.trim();
  let epoch = 0n;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    epoch = /^[0-9]+$/.test(e) ? BigInt(e) : 0n;
    s = s.slice(colon + 1);
  }
  const dash = s.lastIndexOf('-');
  return dash >= 0 ? { epoch, upstream: s.slice(0, dash), revision: s.slice(dash + 1) } : { epoch, upstream: s, revision: '0' };
}

export function compareDebian(x: string, y: string): Ordering {
  const a = parseDebian(x);
  const b = parseDebian(y);
  return sign(a.epoch - b.epoch) || compareDebianPart(a.upstream, b.upstream) || compareDebianPart(a.revision, b.revision);
}
