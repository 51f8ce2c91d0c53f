// Cargo.lock: `[[package]]` entries with name and version; local workspace crates (no `source`) are listed too,
// as upstream tools do, since a path crate can still shadow a published name. They and git crates say their
// origin: advisories about crates.io releases are not matched against them.
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
    const pkg: Package = { name, version, ecosystem: 'crates.io', line };
    const source = text(entry.source);
    if (source === undefined) pkg.origin = 'local';
    else if (source.startsWith('git+')) pkg.origin = 'git';
    out.push(pkg);
  }
  return { packages: out };
}
