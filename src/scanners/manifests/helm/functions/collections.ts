// Sprig list and dict functions, Go's index/len/slice, and the numeric conversions charts use.
import { isMap, truthy } from '../format.js';
import { FunctionError, type PlainFn } from './types.js';
import { str } from './strings.js';

export const MAX_LIST = 10_000;

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}
const toInt = (v: unknown): number => Math.trunc(toNumber(v));

function asList(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return [];
  throw new FunctionError(`${fn}: cannot use ${typeof v} as a list`);
}

function asMap(v: unknown, fn: string): Record<string, unknown> {
  if (isMap(v)) return v;
  if (v === null || v === undefined) return {};
  throw new FunctionError(`${fn}: cannot use ${typeof v} as a dict`);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function indexInto(coll: unknown, key: unknown): unknown {
  if (coll === null || coll === undefined) return undefined;
  if (Array.isArray(coll) || typeof coll === 'string') {
    const i = toInt(key);
    if (i < 0 || i >= coll.length) throw new FunctionError(`index out of range: ${i}`);
    return Array.isArray(coll) ? coll[i] : coll.charCodeAt(i);
  }
  if (isMap(coll)) return Object.hasOwn(coll, str(key)) ? coll[str(key)] : undefined;
  throw new FunctionError(`can't index item of type ${typeof coll}`);
}

function range(start: number, stop: number, step: number): number[] {
  if (step === 0) return [];
  const count = Math.ceil((stop - start) / step);
  if (count > MAX_LIST) throw new FunctionError(`list of ${count} items exceeds the limit of ${MAX_LIST}`);
  const out: number[] = [];
  for (let i = 0, v = start; i < count; i++, v += step) out.push(v);
  return out;
}

function compare(a: unknown, b: unknown, fn: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new FunctionError(`${fn}: incompatible types for comparison`);
}

export const collectionFunctions: Record<string, PlainFn> = {
  list: (...a) => [...a],
  tuple: (...a) => [...a],
  get: (d, k) => {
    const m = asMap(d, 'get');
    return Object.hasOwn(m, str(k)) ? m[str(k)] : '';
  },
  set: (d, k, v) => {
    const m = asMap(d, 'set');
    m[str(k)] = v;
    return m;
  },
  unset: (d, k) => {
    const m = asMap(d, 'unset');
    delete m[str(k)];
    return m;
  },
  hasKey: (d, k) => Object.hasOwn(asMap(d, 'hasKey'), str(k)),
  keys: (...ds) => ds.flatMap((d) => Object.keys(asMap(d, 'keys'))),
  values: (d) => Object.values(asMap(d, 'values')),
  pluck: (k, ...ds) => ds.map((d) => asMap(d, 'pluck')).filter((m) => Object.hasOwn(m, str(k))).map((m) => m[str(k)]),
  dig: (...a) => {
    const d = a[a.length - 1];
    const def = a[a.length - 2];
    let cur: unknown = d;
    for (const k of a.slice(0, -2)) {
      if (!isMap(cur) || !Object.hasOwn(cur, str(k))) return def;
      cur = cur[str(k)];
    }
    return cur;
  },
  first: (l) => asList(l, 'first')[0] ?? null,
  last: (l) => asList(l, 'last').at(-1) ?? null,
  rest: (l) => asList(l, 'rest').slice(1),
  initial: (l) => asList(l, 'initial').slice(0, -1),
  append: (l, v) => [...asList(l, 'append'), v],
  push: (l, v) => [...asList(l, 'push'), v],
  prepend: (l, v) => [v, ...asList(l, 'prepend')],
  concat: (...ls) => ls.flatMap((l) => asList(l, 'concat')),
  reverse: (l) => [...asList(l, 'reverse')].reverse(),
  uniq: (l) => asList(l, 'uniq').filter((v, i, arr) => arr.findIndex((x) => equal(x, v)) === i),
  compact: (l) => asList(l, 'compact').filter(truthy),
  without: (l, ...vs) => asList(l, 'without').filter((x) => !vs.some((v) => equal(v, x))),
  has: (v, l) => asList(l, 'has').some((x) => equal(x, v)),
  sortAlpha: (l) => asList(l, 'sortAlpha').map(str).sort(),
  index: (coll, ...keys) => keys.reduce((acc, k) => indexInto(acc, k), coll),
  slice: (coll, ...idx) => {
    const from = idx[0] === undefined ? 0 : toInt(idx[0]);
    const to = idx[1] === undefined ? undefined : toInt(idx[1]);
    if (typeof coll === 'string') return coll.slice(from, to);
    return asList(coll, 'slice').slice(from, to);
  },
  len: (v) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (isMap(v)) return Object.keys(v).length;
    if (v === null || v === undefined) return 0;
    throw new FunctionError(`len of type ${typeof v}`);
  },
  until: (n) => range(0, toInt(n), toInt(n) >= 0 ? 1 : -1),
  untilStep: (start, stop, step) => range(toInt(start), toInt(stop), toInt(step)),
  seq: (...a) => {
    const n = a.map(toInt);
    if (n.length === 1) return range(1, n[0]! + 1, 1).join(' ');
    if (n.length === 2) return range(n[0]!, n[1]! + (n[1]! >= n[0]! ? 1 : -1), n[1]! >= n[0]! ? 1 : -1).join(' ');
    return range(n[0]!, n[2]! + (n[1]! > 0 ? 1 : -1), n[1]!).join(' ');
  },
  int: (v) => toInt(v),
  int64: (v) => toInt(v),
  atoi: (v) => toInt(v),
  float64: (v) => toNumber(v),
  toDecimal: (v) => parseInt(str(v), 8) || 0,
  add: (...a) => a.reduce<number>((s, x) => s + toNumber(x), 0),
  add1: (v) => toInt(v) + 1,
  sub: (a, b) => toNumber(a) - toNumber(b),
  mul: (...a) => a.reduce<number>((s, x) => s * toNumber(x), 1),
  div: (a, b) => {
    if (toInt(b) === 0) throw new FunctionError('integer divide by zero');
    return Math.trunc(toInt(a) / toInt(b));
  },
  mod: (a, b) => {
    if (toInt(b) === 0) throw new FunctionError('integer divide by zero');
    return toInt(a) % toInt(b);
  },
  max: (...a) => Math.max(...a.map(toInt)),
  min: (...a) => Math.min(...a.map(toInt)),
  maxf: (...a) => Math.max(...a.map(toNumber)),
  minf: (...a) => Math.min(...a.map(toNumber)),
  floor: (v) => Math.floor(toNumber(v)),
  ceil: (v) => Math.ceil(toNumber(v)),
  round: (v, p) => {
    const f = 10 ** toInt(p);
    return Math.round(toNumber(v) * f) / f;
  },
  eq: (a, ...bs) => bs.some((b) => equal(a, b)),
  ne: (a, b) => !equal(a, b),
  lt: (a, b) => compare(a, b, 'lt') < 0,
  le: (a, b) => compare(a, b, 'le') <= 0,
  gt: (a, b) => compare(a, b, 'gt') > 0,
  ge: (a, b) => compare(a, b, 'ge') >= 0,
  deepEqual: (a, b) => equal(a, b),
  not: (v) => !truthy(v),
  and: (...a) => {
    // the first empty argument itself, even when it is nil (`?? last` would turn a nil into the last)
    const first = a.findIndex((x) => !truthy(x));
    return first >= 0 ? a[first] : a.at(-1);
  },
  or: (...a) => a.find(truthy) ?? a.at(-1),
  empty: (v) => !truthy(v),
  default: (d, ...v) => (v.length === 0 || !truthy(v[0]) ? d : v[0]),
  coalesce: (...a) => a.find(truthy) ?? null,
  all: (...a) => a.every(truthy),
  any: (...a) => a.some(truthy),
  ternary: (a, b, c) => (truthy(c) ? a : b),
  kindOf: (v) => kind(v),
  kindIs: (k, v) => kind(v) === str(k),
  typeOf: (v) => kind(v),
  typeIs: (k, v) => kind(v) === str(k),
};

function kind(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return 'slice';
  if (isMap(v)) return 'map';
  return 'invalid';
}
