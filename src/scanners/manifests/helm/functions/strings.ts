// Sprig string functions and Go's print family. Pipelines pass the piped value last, which is why
// most of these take the subject as their final argument.
import { formatValue, sprint, sprintf } from '../format.js';
import type { PlainFn } from './types.js';

export const str = (v: unknown): string => (v === null || v === undefined ? '' : formatValue(v));
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : parseInt(str(v), 10);
  return Number.isNaN(n) ? 0 : Math.trunc(n);
};

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function trunc(n: number, s: string): string {
  if (n < 0) return s.length + n < 0 ? s : s.slice(s.length + n);
  return s.slice(0, n);
}

function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  let start = 0;
  let end = s.length;
  while (left && start < end && cutset.includes(s[start]!)) start++;
  while (right && end > start && cutset.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

export const stringFunctions: Record<string, PlainFn> = {
  print: (...a) => sprint(a),
  println: (...a) => `${a.map((x) => (x === null || x === undefined ? '<nil>' : formatValue(x))).join(' ')}\n`,
  printf: (format, ...a) => sprintf(str(format), a),
  quote: (...a) => a.filter((x) => x !== null && x !== undefined).map((x) => goQuote(str(x))).join(' '),
  squote: (...a) => a.filter((x) => x !== null && x !== undefined).map((x) => `'${str(x)}'`).join(' '),
  upper: (s) => str(s).toUpperCase(),
  lower: (s) => str(s).toLowerCase(),
  title: (s) => title(str(s)),
  untitle: (s) => str(s).replace(/(^|\s)(\S)/g, (_m, sep: string, c: string) => sep + c.toLowerCase()),
  trim: (s) => str(s).trim(),
  trimAll: (cut, s) => trimCutset(str(s), str(cut), true, true),
  trimPrefix: (pre, s) => (str(s).startsWith(str(pre)) ? str(s).slice(str(pre).length) : str(s)),
  trimSuffix: (suf, s) => (str(suf) !== '' && str(s).endsWith(str(suf)) ? str(s).slice(0, -str(suf).length) : str(s)),
  trunc: (n, s) => trunc(num(n), str(s)),
  replace: (old, neu, s) => str(s).split(str(old)).join(str(neu)),
  contains: (sub, s) => str(s).includes(str(sub)),
  hasPrefix: (pre, s) => str(s).startsWith(str(pre)),
  hasSuffix: (suf, s) => str(s).endsWith(str(suf)),
  repeat: (n, s) => {
    const count = num(n);
    if (count < 0 || count * str(s).length > 1_000_000) throw new Error('repeat: count out of range');
    return str(s).repeat(count);
  },
  substr: (start, end, s) => {
    const text = str(s);
    const a = num(start);
    const b = num(end);
    if (a < 0) return text.slice(0, b);
    if (b < 0 || b > text.length) return text.slice(a);
    return text.slice(a, b);
  },
  nospace: (s) => str(s).replace(/\s+/g, ''),
  abbrev: (n, s) => {
    const w = num(n);
    const text = str(s);
    return w < 4 || text.length <= w ? text : `${text.slice(0, w - 3)}...`;
  },
  cat: (...a) => a.filter((x) => x !== null && x !== undefined).map(str).join(' '),
  splitList: (sep, s) => str(s).split(str(sep)),
  split: (sep, s) => Object.fromEntries(str(s).split(str(sep)).map((part, i) => [`_${i}`, part])),
  join: (sep, list) => (Array.isArray(list) ? list.map(str).join(str(sep)) : str(list)),
  toString: (v: unknown) => str(v),
  toStrings: (list) => (Array.isArray(list) ? list.map(str) : [str(list)]),
  snakecase: (s) => str(s).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase(),
  kebabcase: (s) => str(s).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase(),
  camelcase: (s) => str(s).split(/[_\-\s]+/).map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : '')).join(''),
  plural: (one, many, n) => (num(n) === 1 ? str(one) : str(many)),
  html: (s) => str(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  urlquery: (...a) => encodeURIComponent(a.map(str).join('')),
};
