// The rest of Sprig and Helm that public charts reach for: JSON arrays and TOML, more hashes and
// encodings, word wrapping, URL helpers, durations, and the os*/alias names. Random and time-based
// functions stay deterministic (fingerprints compare base and head renders).
import { createHash } from 'node:crypto';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { isMap } from '../format.js';
import { collectionFunctions, toNumber } from './collections.js';
import { extraFunctions } from './extra.js';
import { str } from './strings.js';
import { FunctionError, type PlainFn } from './types.js';

const MAX_LIST = 10_000;

function wrap(width: unknown, text: unknown, separator = '\n'): string {
  const limit = Math.max(1, toNumber(width));
  // Sprig wraps each line of the input on its own, breaking at spaces and never inside a word
  return str(text)
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ').filter((w) => w !== '')) {
        if (current !== '' && current.length + 1 + word.length > limit) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.join(separator);
    })
    .join('\n');
}

/** Go's time.Duration.String for whole and fractional seconds. */
function duration(seconds: unknown): string {
  let rest = toNumber(seconds);
  if (rest === 0) return '0s';
  const sign = rest < 0 ? '-' : '';
  rest = Math.abs(rest);
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const secs = rest % 60;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secs}s`;
  if (minutes > 0) return `${sign}${minutes}m${secs}s`;
  return `${sign}${secs}s`;
}

function base32Decode(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new FunctionError(`b32dec: invalid base32 input`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's text/template `js`: escapes for a JavaScript string literal. */
function jsEscape(text: string): string {
  return text.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
    if (c === '\\' || c === "'" || c === '"') return `\\${c}`;
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

function urlParse(text: unknown): Record<string, string> {
  const raw = str(text);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FunctionError(`urlParse: unable to parse url ${JSON.stringify(raw)}`);
  }
  const userinfo = url.username ? `${decodeURIComponent(url.username)}${url.password ? `:${decodeURIComponent(url.password)}` : ''}` : '';
  return {
    scheme: url.protocol.replace(/:$/, ''),
    host: url.host,
    hostname: url.hostname,
    path: decodeURIComponent(url.pathname),
    query: url.search.replace(/^\?/, ''),
    opaque: '',
    fragment: url.hash.replace(/^#/, ''),
    userinfo,
  };
}

function urlJoin(parts: unknown): string {
  const d = isMap(parts) ? parts : {};
  const get = (k: string): string => (d[k] === undefined || d[k] === null ? '' : str(d[k]));
  const scheme = get('scheme');
  const host = get('host');
  const userinfo = get('userinfo');
  const authority = host !== '' || userinfo !== '' ? `//${userinfo !== '' ? `${userinfo}@` : ''}${host}` : '';
  const query = get('query');
  const fragment = get('fragment');
  return `${scheme !== '' ? `${scheme}:` : ''}${authority}${get('path')}${query !== '' ? `?${query}` : ''}${fragment !== '' ? `#${fragment}` : ''}`;
}

export const moreFunctions: Record<string, PlainFn> = {
  fromJsonArray: (s) => {
    try {
      const v = JSON.parse(str(s)) as unknown;
      if (Array.isArray(v)) return v;
      if (v === null) return [];
      // Helm hands back the decoding error as the list's only element
      const kind = typeof v === 'object' ? 'object' : typeof v;
      return [`json: cannot unmarshal ${kind} into Go value of type []interface {}`];
    } catch (e) {
      return [(e as Error).message];
    }
  },
  toToml: (v) => {
    try {
      return stringifyToml(isMap(v) ? v : {});
    } catch (e) {
      return (e as Error).message;
    }
  },
  fromToml: (s) => {
    try {
      return parseToml(str(s));
    } catch (e) {
      return { Error: (e as Error).message };
    }
  },
  sha512sum: (s) => createHash('sha512').update(str(s)).digest('hex'),
  b32dec: (s) => base32Decode(str(s)),
  js: (s) => jsEscape(str(s)),
  typeIsLike: (k, v) => collectionFunctions.typeIs!(str(k).replace(/^\*/, ''), v),
  biggest: (...a) => collectionFunctions.max!(...a),
  osBase: (p) => extraFunctions.base!(p),
  osClean: (p) => extraFunctions.clean!(p),
  osDir: (p) => extraFunctions.dir!(p),
  osExt: (p) => extraFunctions.ext!(p),
  osIsAbs: (p) => extraFunctions.isAbs!(p),
  trimall: (cut, s) => {
    const chars = new Set(str(cut));
    const text = [...str(s)];
    let start = 0;
    let end = text.length;
    while (start < end && chars.has(text[start]!)) start++;
    while (end > start && chars.has(text[end - 1]!)) end--;
    return text.slice(start, end).join('');
  },
  wrap: (n, s) => wrap(n, s),
  wrapWith: (n, sep, s) => wrap(n, s, str(sep)),
  splitn: (sep, n, s) => {
    const parts = str(s).split(str(sep));
    const limit = toNumber(n);
    const kept = limit > 0 && parts.length > limit ? [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(str(sep))] : parts;
    return Object.fromEntries(kept.map((p, i) => [`_${i}`, p]));
  },
  initials: (s) =>
    str(s)
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => w.charAt(0))
      .join(''),
  swapcase: (s) => [...str(s)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  chunk: (size, list) => {
    const n = Math.max(1, toNumber(size));
    const items = Array.isArray(list) ? list : [];
    if (items.length / n > MAX_LIST) throw new FunctionError('chunk: too many chunks');
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    return out;
  },
  urlParse: (s) => urlParse(s),
  urlJoin: (d) => urlJoin(d),
  duration: (s) => duration(s),
  durationRound: (s) => duration(s),
  toDate: (_fmt, s) => str(s),
  randInt: (min) => toNumber(min),
  randBytes: (n) => Buffer.alloc(Math.min(1000, Math.max(0, toNumber(n)))).toString('base64'),
  shuffle: (s) => str(s),
  genCAWithKey: () => ({ Cert: 'generated-at-install-time', Key: 'generated-at-install-time' }),
};

