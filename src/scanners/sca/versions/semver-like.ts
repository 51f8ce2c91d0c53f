import { asInteger, compareNumericComponents, compareStrings, isDigit, type Ordering } from './util.js';

// OSV reads SemVer-ish versions leniently: a leading "v" is dropped, the leading run of dot-separated
// numbers are the components, and everything from the first other character on is the "build" tail
// (prerelease and/or +metadata). Ecosystems cap the number of components; extra ones move into the tail.

export interface SemverLike {
  components: bigint[];
  tail: string;
}

export function parseSemverLike(input: string, maxComponents: number): SemverLike {
  const s = input.startsWith('v') ? input.slice(1) : input;
  const components: bigint[] = [];
  let digits = '';
  let tail = '';
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (isDigit(c)) {
      digits += c;
      continue;
    }
    if (digits !== '') {
      components.push(BigInt(digits));
      digits = '';
    }
    if (c !== '.') {
      tail = s.slice(i);
      break;
    }
  }
  if (tail === '' && digits !== '') components.push(BigInt(digits));
  if (maxComponents >= 0 && components.length > maxComponents) {
    const extra = components.splice(maxComponents);
    tail += extra.map((c) => `.${c}`).join('');
  }
  return { components, tail };
}

/** SemVer 2.0 prerelease precedence on the tails; build metadata (after "+") is ignored. */
export function comparePrereleaseTails(a: string, b: string): Ordering {
  const pa = stripHyphen(a.split('+')[0]!);
  const pb = stripHyphen(b.split('+')[0]!);
  if (pa === '' && pb !== '') return 1;
  if (pa !== '' && pb === '') return -1;
  const ia = pa.split('.');
  const ib = pb.split('.');
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const d = compareIdentifier(ia[i]!, ib[i]!);
    if (d !== 0) return d;
  }
  return ia.length > ib.length ? 1 : ia.length < ib.length ? -1 : 0;
}

function stripHyphen(s: string): string {
  return s.startsWith('-') ? s.slice(1) : s;
}

function compareIdentifier(a: string, b: string): Ordering {
  const na = asInteger(a);
  const nb = asInteger(b);
  if (na !== null && nb !== null) return na < nb ? -1 : na > nb ? 1 : 0;
  if (na === null && nb === null) return compareStrings(a, b);
  return na !== null ? -1 : 1;
}

/** npm, crates.io, Go, Hex and other SEMVER ranges. */
export function compareSemver(a: string, b: string): Ordering {
  const va = parseSemverLike(a, 3);
  const vb = parseSemverLike(b, 3);
  return compareNumericComponents(va.components, vb.components) || comparePrereleaseTails(va.tail, vb.tail);
}

/** NuGet: four numeric parts, prerelease labels compared case-insensitively. */
export function compareNuGet(a: string, b: string): Ordering {
  const va = parseSemverLike(a, 4);
  const vb = parseSemverLike(b, 4);
  return (
    compareNumericComponents(va.components, vb.components) ||
    comparePrereleaseTails(va.tail.toLowerCase(), vb.tail.toLowerCase())
  );
}

/** Pub (Dart): SemVer, then build metadata breaks ties (1.0.0+1 < 1.0.0+2). */
export function comparePub(a: string, b: string): Ordering {
  const va = parseSemverLike(a, 3);
  const vb = parseSemverLike(b, 3);
  const d = compareNumericComponents(va.components, vb.components) || comparePrereleaseTails(va.tail, vb.tail);
  if (d !== 0) return d;
  return compareStrings(afterPlus(va.tail), afterPlus(vb.tail));
}

function afterPlus(s: string): string {
  const i = s.indexOf('+');
  return i < 0 ? '' : s.slice(i + 1);
}

/** Hackage (Haskell PVP): any number of numeric parts; more parts sort higher when otherwise equal. */
export function compareHackage(a: string, b: string): Ordering {
  const va = parseSemverLike(a, -1);
  const vb = parseSemverLike(b, -1);
  const d =
    compareNumericComponents(va.components, vb.components) ||
    comparePrereleaseTails(va.tail.toLowerCase(), vb.tail.toLowerCase());
  if (d !== 0) return d;
  const la = va.components.length;
  const lb = vb.components.length;
  return la > lb ? 1 : la < lb ? -1 : 0;
}
