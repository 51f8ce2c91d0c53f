// Cargo.lock: `[[package]]` entries with name and version; local workspace crates (no `source`) are listed too,
// as upstream tools do, since a path crate can still shadow a published name.
import type { LockfileParseResult, Package } from '../types.js';
import { entriesWithLines, parseToml, text } from './toml.js';

export function parseCargoLock(source: string): LockfileParseResult {
  const parsed = parseToml(source);
  if ('error' in parsed) return { packages: [], error: parsed.error };
  const out: Package[] = [];
  for (const { entry, line } of entriesWithLines(parsed.doc, source, 'package')) {
    const name = text(entry.name);
    const version = text(entry.version);
    if (!name || version === undefined) continue;
    out.push({ name, version, ecosystem: 'crates.io', line });
  }
  return { packages: out };
}
