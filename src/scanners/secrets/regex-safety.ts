/**
 * Load-time guard that keeps rule patterns linear-ish on hostile input. JavaScript regexes backtrack, so we only
 * accept the subset whose worst case stays bounded per start position:
 * - no backreferences and no lookarounds (they defeat any bound on backtracking);
 * - every quantifier bounded (`{n,m}`, `?`): no `*`, `+` or `{n,}` that could run to the end of a 1 MB line;
 * - a quantified group may contain quantifiers only when the group repeats at most MAX_NESTED_REPEAT times,
 *   so nesting cannot multiply into exponential paths.
 * Returns the list of problems (empty when the pattern is acceptable).
 */
const MAX_NESTED_REPEAT = 8;
const MAX_BOUND = 20_000;

interface Quantifier {
  max: number;
  length: number;
}

function readQuantifier(source: string, at: number): Quantifier | null | 'unbounded' {
  const ch = source[at];
  if (ch === '*' || ch === '+') return 'unbounded';
  if (ch === '?') return { max: 1, length: 1 };
  if (ch !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 24));
  if (!m) return null;
  if (m[2] !== undefined && m[3] === '') return 'unbounded';
  const max = Number(m[3] ?? m[1]);
  return { max, length: m[0].length };
}

export function regexProblems(source: string): string[] {
  const problems: string[] = [];
  // Each open group records whether something inside it is quantified.
  const groups: boolean[] = [];
  let i = 0;
  // Whether the last atom closed a group containing a quantifier.
  let lastAtomHasInnerQuantifier = false;
  while (i < source.length) {
    const ch = source[i]!;
    let atomInner = false;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') problems.push(`backreference \\${next} at ${i}`);
      i += 2;
    } else if (ch === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '(') {
      const head = source.slice(i, i + 4);
      if (/^\(\?(?:=|!|<=|<!)/.test(head)) problems.push(`lookaround at ${i}`);
      groups.push(false);
      i++;
      if (source[i] === '?') {
        // (?: or (?<name>
        i++;
        if (source[i] === '<') while (i < source.length && source[i] !== '>') i++;
        i++;
      }
      lastAtomHasInnerQuantifier = false;
      continue;
    } else if (ch === ')') {
      atomInner = groups.pop() ?? false;
      i++;
    } else {
      i++;
    }
    lastAtomHasInnerQuantifier = atomInner;
    const q = readQuantifier(source, i);
    if (q === 'unbounded') {
      problems.push(`unbounded quantifier at ${i}: use {n,m}`);
      i++;
      if (source[i] === '?') i++;
      if (groups.length) groups[groups.length - 1] = true;
      continue;
    }
    if (q) {
      if (q.max > MAX_BOUND) problems.push(`quantifier bound ${q.max} above ${MAX_BOUND} at ${i}`);
      if (lastAtomHasInnerQuantifier && q.max > MAX_NESTED_REPEAT) {
        problems.push(`nested quantifier at ${i}: a group with quantifiers inside may repeat at most ${MAX_NESTED_REPEAT} times`);
      }
      i += q.length;
      if (source[i] === '?') i++;
      if (groups.length) groups[groups.length - 1] = true;
    } else if (atomInner && groups.length) {
      groups[groups.length - 1] = true;
    }
  }
  if (groups.length) problems.push('unbalanced parenthesis');
  return problems;
}
