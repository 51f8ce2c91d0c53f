// Encodings, hashes, JSON/YAML conversion, semver and regular expressions. Regular expressions come
// from chart authors (PR content), so only patterns without backtracking blow-ups are accepted.
import { createHash } from 'node:crypto';
import semver from 'semver';
import { parse, parseAllDocuments } from 'yaml';
import { isMap } from '../format.js';
import { str } from './strings.js';
import { FunctionError, type PlainFn } from './types.js';

const MAX_REGEX_INPUT = 100_000;

/**
 * Translates an RE2 pattern to JS and rejects what could backtrack badly: backreferences and
 * lookarounds (RE2 has none either) and a quantified group that itself contains a quantifier.
 */
export function safeRegex(pattern: string, global = false): RegExp {
  if (pattern.length > 1000) throw new FunctionError('regular expression longer than 1000 characters');
  let flags = global ? 'gu' : 'u';
  let source = pattern;
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    if (inline[1]!.includes('i')) flags += 'i';
    if (inline[1]!.includes('m')) flags += 'm';
    if (inline[1]!.includes('s')) flags += 's';
    source = source.slice(inline[0].length);
  }
  source = source.replace(/\(\?P</g, '(?<');
  if (/\\[1-9]|\(\?[=!]|\(\?<[=!]|\\k</.test(source)) {
    throw new FunctionError(`regular expression ${JSON.stringify(pattern)} uses backreferences or lookaround`);
  }
  if (/\((?:[^()\\]|\\.)*[*+?}](?:[^()\\]|\\.)*\)[*+?{]/.test(source) || /\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)[*+{]/.test(source)) {
    throw new FunctionError(`regular expression ${JSON.stringify(pattern)} has nested quantifiers that could backtrack`);
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new FunctionError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}

function subject(s: unknown): string {
  const text = str(s);
  if (text.length > MAX_REGEX_INPUT) throw new FunctionError('regular expression input too long');
  return text;
}

function goReplacement(repl: string): string {
  return repl.replace(/\$\{(\w+)\}/g, (_m, name: string) => (/^\d+$/.test(name) ? `$${name}` : `$<${name}>`));
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
  regexMatch: (p, s) => safeRegex(str(p)).test(subject(s)),
  mustRegexMatch: (p, s) => safeRegex(str(p)).test(subject(s)),
  regexFind: (p, s) => safeRegex(str(p)).exec(subject(s))?.[0] ?? '',
  regexFindAll: (p, s, n) => {
    const all = subject(s).match(safeRegex(str(p), true)) ?? [];
    const limit = Number(n);
    return limit >= 0 ? all.slice(0, limit) : all;
  },
  regexReplaceAll: (p, s, repl) => subject(s).replace(safeRegex(str(p), true), goReplacement(str(repl))),
  regexReplaceAllLiteral: (p, s, repl) => subject(s).replace(safeRegex(str(p), true), () => str(repl)),
  regexSplit: (p, s, n) => {
    const parts = subject(s).split(safeRegex(str(p), true));
    const limit = Number(n);
    return limit >= 0 ? parts.slice(0, limit) : parts;
  },
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
