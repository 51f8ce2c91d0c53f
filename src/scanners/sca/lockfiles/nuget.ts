// packages.lock.json (NuGet): `dependencies` per target framework, name -> { type, resolved }. The same
// package resolved identically for several frameworks is reported once (at its first entry).
import type { LockfileParseResult, Package } from '../types.js';
import { child, entries, parseJsonObject, str } from './json.js';

export function parseNugetLock(text: string): LockfileParseResult {
  const doc = parseJsonObject(text, 'packages.lock.json');
  if ('error' in doc) return { packages: [], error: doc.error };
  const deps = child(doc.root, 'dependencies');
  if (deps?.type !== 'object') return { packages: [], error: 'packages.lock.json: no "dependencies" object' };
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const [, framework] of entries(deps)) {
    for (const [name, entry, prop] of entries(framework)) {
      const type = str(child(entry, 'type'));
      const version = str(child(entry, 'resolved'));
      // Project references are the solution's own projects, not packages.
      if (type === 'Project' || !version) continue;
      const key = `${name.toLowerCase()}@${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name, version, ecosystem: 'NuGet', line: doc.lineOf(prop), direct: type === 'Direct' });
    }
  }
  return { packages: out };
}
