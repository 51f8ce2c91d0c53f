// Encodings, hashes, JSON/YAML conversion, semver and regular expressions. Regular expressions come
// from chart authors (PR content), so they run on a linear-time engine (go-regexp.ts).
import { createHash } from 'node:crypto';
import semver from 'semver';
import { parse, parseAllDocuments } from 'yaml';
import { isMap } from '../format.js';
import { compileGoRegexp } from './go-regexp.js';
import { str } from './strings.js';
import { FunctionError, type PlainFn } from './types.js';

const MAX_REGEX_INPUT = 100_000;

function subject(s: unknown): string {
  const text = str(s);
  if (text.length > MAX_REGEX_INPUT) throw new FunctionError('regular expression input too long');
  return text;
}

function fromYaml(text: unknown): unknown {
  try {
    const v = parse(str(text)) as unknown;
    return isMap(v) ? v : {};
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

export const encodingFunctions: Record<string, PlainFn> = {
  b64enc: (s) => Buffer.from(str(s), 'utf8').toString('base64'),
  b64dec: (s) => Buffer.from(str(s), 'base64').toString('utf8'),
  b32enc: (s) => base32(Buffer.from(str(s), 'utf8')),
  sha256sum: (s) => createHash('sha256').update(str(s)).digest('hex'),
  sha1sum: (s) => createHash('sha1').update(str(s)).digest('hex'),
  adler32sum: (s) => String(adler32(str(s))),
  toJson: (v) => JSON.stringify(v ?? null),
  toRawJson: (v) => JSON.stringify(v ?? null),
  toPrettyJson: (v) => JSON.stringify(v ?? null, null, 2),
  mustToJson: (v) => JSON.stringify(v ?? null),
  fromJson: (s) => {
    try {
      return JSON.parse(str(s)) as unknown;
    } catch {
      return {};
    }
  },
  fromYaml: (s) => fromYaml(s),
  fromYamlArray: (s) => {
    try {
      const docs = parseAllDocuments(str(s));
      const first = Array.isArray(docs) ? docs[0] : docs;
      const v = first?.toJS() as unknown;
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  },
  semverCompare: (constraint, version) => {
    const v = semver.coerce(str(version), { includePrerelease: true });
    const cleaned = semver.valid(str(version).replace(/^v/, '')) ?? v?.version;
    if (!cleaned) throw new FunctionError(`semverCompare: invalid version ${JSON.stringify(str(version))}`);
    // Masterminds constraints allow a prerelease on a partial version (">=1.19-0"); npm semver wants x.y.z
    const range = str(constraint)
      .replace(/,/g, ' ')
      .replace(/\bv(?=\d)/g, '')
      .replace(/(^|[^\d.])(\d+)\.(\d+)-/g, '$1$2.$3.0-')
      .replace(/(^|[^\d.])(\d+)-/g, '$1$2.0.0-');
    if (semver.validRange(range) === null) throw new FunctionError(`semverCompare: invalid constraint ${JSON.stringify(str(constraint))}`);
    return semver.satisfies(cleaned, range, { includePrerelease: true });
  },
  semver: (v) => {
    const parsed = semver.parse(str(v).replace(/^v/, ''));
    if (!parsed) throw new FunctionError(`semver: invalid version ${JSON.stringify(str(v))}`);
    return { Major: parsed.major, Minor: parsed.minor, Patch: parsed.patch, Prerelease: parsed.prerelease.join('.'), Original: str(v) };
  },
  regexMatch: (p, s) => compileGoRegexp(str(p)).test(subject(s)),
  mustRegexMatch: (p, s) => compileGoRegexp(str(p)).test(subject(s)),
  regexFind: (p, s) => compileGoRegexp(str(p)).find(subject(s)) ?? '',
  regexFindAll: (p, s, n) => compileGoRegexp(str(p)).findAll(subject(s), Number(n)),
  regexReplaceAll: (p, s, repl) => compileGoRegexp(str(p)).replaceAll(subject(s), str(repl)),
  regexReplaceAllLiteral: (p, s, repl) => compileGoRegexp(str(p)).replaceAllLiteral(subject(s), str(repl)),
  regexSplit: (p, s, n) => compileGoRegexp(str(p)).split(subject(s), Number(n)),
  regexQuoteMeta: (s) => str(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
};

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}
