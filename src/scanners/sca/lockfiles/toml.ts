// TOML lockfiles (Cargo, poetry, uv, pdm, pylock) through smol-toml. It keeps no positions, so the line of each
// `[[package]]` entry comes from a scan for the array-of-tables headers, paired in order with the parsed array
// (TOML keeps array-of-tables entries in file order).
import { parse } from 'smol-toml';
import { reasonOf, splitLines, nestingExceeds, MAX_NESTING } from './text.js';

export type TomlTable = Record<string, unknown>;

export function parseToml(text: string): { doc: TomlTable } | { error: string } {
  if (nestingExceeds(text)) return { error: `TOML nested deeper than ${MAX_NESTING} levels` };
  try {
    return { doc: parse(text) as TomlTable };
  } catch (err) {
    return { error: `invalid TOML: ${reasonOf(err)}` };
  }
}

/** 1-based lines of every `[[name]]` header outside multi-line strings, in file order. */
export function arrayTableLines(text: string, name: string): number[] {
  const header = new RegExp(`^\\s*\\[\\[\\s*${name.replace(/\./g, '\\.')}\\s*\\]\\]\\s*(#.*)?$`);
  const out: number[] = [];
  let inMultiline: string | null = null;
  splitLines(text).forEach((line, index) => {
    if (inMultiline === null && header.test(line)) out.push(index + 1);
    for (const delimiter of ['"""', "'''"]) {
      let count = 0;
      for (let i = line.indexOf(delimiter); i !== -1; i = line.indexOf(delimiter, i + 3)) count++;
      if (count % 2 === 1 && (inMultiline === null || inMultiline === delimiter)) {
        inMultiline = inMultiline === null ? delimiter : null;
      }
    }
  });
  return out;
}

export function tables(value: unknown): TomlTable[] {
  return Array.isArray(value) ? value.filter((v): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The entries of the `[[name]]` array of tables with their lines: the line of the entry's `name = ` key (what
 * osv-scalibr reports and a reviewer reads), else its header. When the headers do not pair up one-to-one with
 * the parsed entries (an inline `package = [...]` array), every entry falls back to line 1 rather than a wrong line.
 */
export function entriesWithLines(doc: TomlTable, source: string, name: string): Array<{ entry: TomlTable; line: number }> {
  const entries = tables(doc[name]);
  const headers = arrayTableLines(source, name);
  if (headers.length !== entries.length) return entries.map((entry) => ({ entry, line: 1 }));
  const lines = splitLines(source);
  return entries.map((entry, i) => {
    const header = headers[i] ?? 1;
    for (let n = header; n < lines.length; n++) {
      const line = lines[n] ?? '';
      if (/^\s*\[/.test(line)) break;
      if (/^\s*name\s*=/.test(line)) return { entry, line: n + 1 };
    }
    return { entry, line: header };
  });
}
