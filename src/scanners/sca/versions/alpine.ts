import { compareStrings, sign, type Ordering } from './util.js';

// apk-tools ordering: numbers (after the first, a leading zero makes it compare as a string),
// one optional letter, _suffixes (alpha < beta < pre < rc < none < cvs < svn < git < hg < p),
// an optional ~hash, then -rN; anything left over makes the version invalid.

interface Numeric {
  text: string;
  value: bigint;
  index: number;
}

interface Suffix {
  weight: number;
  n: bigint;
}

interface AlpineVersion {
  original: string;
  invalid: boolean;
  numbers: Numeric[];
  letter: string;
  suffixes: Suffix[];
  build: bigint | null;
  remainder: string;
}

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg'];
const SUFFIX_RE = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g;
// A missing suffix weighs like OSV's reference implementation does (one above the empty suffix).
const NO_SUFFIX: Suffix = { weight: 5, n: 0n };

function parseAlpine(original: string): AlpineVersion {
  const v: AlpineVersion = { original, invalid: false, numbers: [], letter: '', suffixes: [], build: 0n, remainder: '' };
  let s = original;
  const nums = /^((\d+)\.?)*/.exec(s)![0];
  if (nums !== '') {
    for (const [index, text] of nums.split('.').entries()) {
      if (text === '') break;
      v.numbers.push({ text, value: BigInt(text), index });
    }
    s = s.slice(nums.length);
  }
  if (/^[a-z]/.test(s)) {
    v.letter = s[0]!;
    s = s.slice(1);
  }
  // Like upstream, every suffix match anywhere is counted but only a leading one is consumed.
  for (const m of s.matchAll(SUFFIX_RE)) {
    const i = SUFFIXES.indexOf(m[1]!);
    v.suffixes.push({ weight: i < 0 ? SUFFIXES.length : i, n: BigInt(m[2] || '0') });
    if (s.startsWith(m[0])) s = s.slice(m[0].length);
  }
  const hash = /^~([0-9a-f]+)/.exec(s);
  if (hash) s = s.slice(hash[0].length);
  if (s !== '') {
    const build = /^-r(\d*)/.exec(s);
    if (!build) v.invalid = true;
    else {
      v.build = BigInt(build[1] || '0');
      s = s.slice(build[0].length);
    }
  }
  v.remainder = s;
  return v;
}

function compareNumber(a: Numeric | undefined, b: Numeric | undefined): Ordering {
  const x = a ?? { text: '0', value: 0n, index: 0 };
  const y = b ?? { text: '0', value: 0n, index: 0 };
  if (x.index !== 0 && y.index !== 0 && (x.text[0] === '0' || y.text[0] === '0')) return compareStrings(x.text, y.text);
  return sign(x.value - y.value);
}

function compareSuffix(a: Suffix, b: Suffix): Ordering {
  return sign(a.weight - b.weight) || sign(a.n - b.n);
}

export function compareAlpine(x: string, y: string): Ordering {
  const a = parseAlpine(x);
  const b = parseAlpine(y);
  if (a.invalid && b.invalid) return compareStrings(a.original, b.original);
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const d = compareNumber(a.numbers[i], b.numbers[i]);
    if (d !== 0) return d;
  }
  if (a.letter !== b.letter) {
    if (a.letter === '' || b.letter === '') return a.letter === '' ? -1 : 1;
    return compareStrings(a.letter, b.letter);
  }
  for (let i = 0; i < Math.max(a.suffixes.length, b.suffixes.length); i++) {
    const d = compareSuffix(a.suffixes[i] ?? NO_SUFFIX, b.suffixes[i] ?? NO_SUFFIX);
    if (d !== 0) return d;
  }
  if (a.build !== null && b.build !== null && a.build !== b.build) return sign(a.build - b.build);
  if ((a.remainder === '') !== (b.remainder === '')) return a.remainder === '' ? 1 : -1;
  return 0;
}
