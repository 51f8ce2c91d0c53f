// Go's regexp package, for the Sprig regex functions. Chart patterns are PR content, so they run on
// re2js, a linear-time port of RE2 (the engine behind Go's regexp): no pattern can backtrack, and the
// syntax and match semantics (leftmost-first, empty matches in FindAll, (?i) flags, (?P<name>))
// are Go's own, so widely used helper libraries render exactly as Helm renders them.
import { RE2JS } from 're2js';
import { FunctionError } from './types.js';

const MAX_PATTERN = 1000;

export interface GoRegexp {
  test(s: string): boolean;
  /** Leftmost match, or null. */
  find(s: string): string | null;
  /** Go's FindAllString(s, n): n < 0 means all. */
  findAll(s: string, n: number): string[];
  /** Go's ReplaceAllString: `$1`, `${1}`, `$name`, `${name}` and `$$` in the template. */
  replaceAll(s: string, template: string): string;
  replaceAllLiteral(s: string, repl: string): string;
  /** Go's Split(s, n). */
  split(s: string, n: number): string[];
}

// Helper libraries run the same few patterns once per include; compiling costs far more than matching.
const cache = new Map<string, GoRegexp>();
const MAX_CACHED = 256;

export function compileGoRegexp(pattern: string): GoRegexp {
  const known = cache.get(pattern);
  if (known) return known;
  const compiled = compile(pattern);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): GoRegexp {
  if (pattern.length > MAX_PATTERN) throw new FunctionError(`regular expression longer than ${MAX_PATTERN} characters`);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (e) {
    throw new FunctionError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
  const re2 = compiled.re2();
  const groups = compiled.namedGroups();
  const indices = (s: string, n: number): number[][] => (re2.findAllSubmatchIndex(s, n) as number[][] | null) ?? [];
  return {
    test: (s) => compiled.test(s),
    find: (s) => {
      const m = (re2.findIndex(s) as number[] | null) ?? null;
      return m ? s.slice(m[0], m[1]) : null;
    },
    findAll: (s, n) => (n === 0 ? [] : indices(s, n).map((m) => s.slice(m[0], m[1]))),
    replaceAll: (s, template) => replace(s, indices(s, -1), (m) => expand(template, s, m, groups)),
    replaceAllLiteral: (s, repl) => replace(s, indices(s, -1), () => repl),
    split: (s, n) => split(pattern, s, n, (limit) => indices(s, limit)),
  };
}

function replace(s: string, matches: number[][], by: (m: number[]) => string): string {
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += s.slice(last, m[0]) + by(m);
    last = m[1]!;
  }
  return out + s.slice(last);
}

function group(s: string, m: number[], index: number): string {
  const start = m[2 * index];
  const end = m[2 * index + 1];
  return start === undefined || end === undefined || start < 0 || end < 0 ? '' : s.slice(start, end);
}

/** Go's Regexp.Expand: a reference to a missing group is empty; a malformed `$` stays literal. */
function expand(template: string, s: string, m: number[], groups: Record<string, number>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    const rest = template.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      i = dollar + 2;
      continue;
    }
    const ref = /^\{(\w+)\}/.exec(rest) ?? /^(\w+)/.exec(rest);
    if (!ref) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    const name = ref[1]!;
    const index = /^\d+$/.test(name) ? Number(name) : groups[name];
    if (index !== undefined && 2 * index + 1 < m.length) out += group(s, m, index);
    i = dollar + 1 + ref[0].length;
  }
  return out;
}

/** Go's Regexp.Split: n == 0 gives nothing, n > 0 at most n pieces, an empty leading match splits nothing. */
function split(pattern: string, s: string, n: number, matches: (limit: number) => number[][]): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of matches(n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(begin, end));
    begin = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(begin));
  return out;
}
