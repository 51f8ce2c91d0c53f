// Rule regexes run over pull-request content, so they must not backtrack catastrophically. JavaScript
// has no linear-time engine built in; instead we accept only patterns without the constructs that
// cause super-linear matching: backreferences, lookarounds and quantified groups that contain a
// quantifier (the `(a+)+` family).

const MAX_PATTERN_LENGTH = 300;

export function unsafeRegexReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not allowed';
  if (/\(\?<?[=!]/.test(pattern)) return 'lookarounds are not allowed';
  // Walk groups: a group whose body holds a quantifier must not itself be quantified.
  const stack: boolean[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      // Skip a character class; quantifier characters inside it are literals.
      let j = i + 1;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (ch === '(') stack.push(false);
    else if (ch === ')') {
      const hadQuantifier = stack.pop() ?? false;
      const after = pattern[i + 1];
      if (hadQuantifier && (after === '*' || after === '+' || after === '{')) return 'nested quantifiers are not allowed';
      if (hadQuantifier && stack.length > 0) stack[stack.length - 1] = true;
      if (after === '*' || after === '+' || after === '{' || after === '?') {
        if (stack.length > 0) stack[stack.length - 1] = true;
      }
    } else if ((ch === '*' || ch === '+' || ch === '{') && stack.length > 0) stack[stack.length - 1] = true;
  }
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}
