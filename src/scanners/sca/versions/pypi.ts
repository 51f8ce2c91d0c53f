import { asInteger, compareNumericComponents, compareStrings, isDigit, sign, type Ordering } from './util.js';

// PEP 440 ordering as OSV applies it: versions matching PEP 440's grammar compare by epoch, release,
// pre, post, dev, local; anything else is a "legacy" version (setuptools' LegacyVersion), which sorts
// below every valid one and compares by its normalised part string.
// @renovatebot/pep440 agrees on all 12,332 fixture comparisons between valid versions but rejects the
// legacy ones (80 comparisons) that OSV still orders, so the grammar is evaluated here.

const PEP440 =
  /^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?([-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/;

interface Labelled {
  label: string;
  n: bigint;
}

interface PyPIVersion {
  legacy: string[] | null;
  epoch: bigint;
  release: bigint[];
  pre: Labelled | null;
  post: Labelled | null;
  dev: Labelled | null;
  local: string[];
}

const LABEL_ALIASES: Record<string, string> = { alpha: 'a', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc', rev: 'post', r: 'post' };

function labelled(label: string | undefined, n: string | undefined): Labelled | null {
  if (label) return { label: LABEL_ALIASES[label] ?? label, n: BigInt(n || '0') };
  if (n) return { label: 'post', n: BigInt(n) };
  return null;
}

export function parsePyPI(input: string): PyPIVersion {
  const s = input.toLowerCase();
  const m = PEP440.exec(s);
  if (!m) return { legacy: legacyParts(s), epoch: -1n, release: [], pre: null, post: null, dev: null, local: [] };
  return {
    legacy: null,
    epoch: BigInt(m[1] ?? '0'),
    release: m[2]!.split('.').map((p) => BigInt(p)),
    pre: labelled(m[4], m[5]),
    post: labelled(m[8], m[7] ?? m[9]),
    dev: labelled(m[11], m[12]),
    local: m[13] ? m[13].split(/[._-]/) : [],
  };
}

const LEGACY_ALIASES: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

// setuptools' legacy key: numbers zero-padded to 8, words prefixed with "*", trailing zeros and
// "final-" markers dropped before a pre-release word.
function legacyParts(s: string): string[] {
  const parts: string[] = [];
  for (const raw of [...(s.match(/\d+|[a-z]+|\.|-/g) ?? []), 'final']) {
    if (raw === '.') continue;
    const word = LEGACY_ALIASES[raw] ?? raw;
    const part = isDigit(word[0]!) ? word.padStart(8, '0') : `*${word}`;
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

// A dev release without pre/post sorts before the pre-releases of its release (1.0.dev0 < 1.0a1).
function devOnly(v: PyPIVersion): boolean {
  return v.pre === null && v.post === null && v.dev !== null;
}

function comparePre(a: PyPIVersion, b: PyPIVersion): Ordering {
  if (devOnly(a) || devOnly(b)) return devOnly(a) && devOnly(b) ? 0 : devOnly(a) ? -1 : 1;
  if (!a.pre || !b.pre) return a.pre ? -1 : b.pre ? 1 : 0;
  return compareStrings(a.pre.label[0]!, b.pre.label[0]!) || sign(a.pre.n - b.pre.n);
}

function compareOptional(a: Labelled | null, b: Labelled | null, missing: Ordering): Ordering {
  if (!a || !b) return a ? (-missing as Ordering) : b ? missing : 0;
  return sign(a.n - b.n);
}

function compareLocal(a: string[], b: string[]): Ordering {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const na = asInteger(a[i]!);
    const nb = asInteger(b[i]!);
    let d: Ordering;
    if (na !== null && nb !== null) d = sign(na - nb);
    else if (na === null && nb === null) d = compareStrings(a[i]!, b[i]!);
    else d = na !== null ? 1 : -1;
    if (d !== 0) return d;
  }
  return sign(a.length - b.length);
}

export function comparePyPI(x: string, y: string): Ordering {
  const a = parsePyPI(x);
  const b = parsePyPI(y);
  if (a.legacy || b.legacy) {
    if (!a.legacy) return 1;
    if (!b.legacy) return -1;
    return compareStrings(a.legacy.join(''), b.legacy.join(''));
  }
  return (
    sign(a.epoch - b.epoch) ||
    compareNumericComponents(a.release, b.release) ||
    comparePre(a, b) ||
    // A missing post release sorts lower; a missing dev release sorts higher.
    compareOptional(a.post, b.post, -1) ||
    compareOptional(a.dev, b.dev, 1) ||
    compareLocal(a.local, b.local)
  );
}
