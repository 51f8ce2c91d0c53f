// Text helpers shared by the lockfile parsers: offsets to 1-based lines, and guards that keep hostile input
// (deep nesting, huge files) from exhausting the stack or memory of a recursive-descent library parser.

/** Maps a character offset to its 1-based line; built once per file, O(log n) per lookup. */
export function lineLocator(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Splits into lines without the line terminators (handles \r\n). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Deepest bracket nesting a parser may see; real lockfiles stay below 20. */
export const MAX_NESTING = 256;

/**
 * Deepest `{`/`[` nesting outside JSON/TOML/YAML-flow strings, stopping early past `limit`. A cheap pre-check
 * so recursive parsers (jsonc-parser, the YAML composer) are never handed input that overflows the stack.
 */
export function nestingExceeds(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = '';
      continue;
    }
    if (c === '"') quote = '"';
    else if (c === '{' || c === '[') {
      if (++depth > limit) return true;
    } else if ((c === '}' || c === ']') && depth > 0) depth--;
  }
  return false;
}

/** The message of a caught parser exception, for an error value naming the reason. */
export function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}...` : firstLine;
}
