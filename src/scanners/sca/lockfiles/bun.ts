// bun.lock (text lockfile, bun >= 1.1.39): JSONC with trailing commas. Each `packages` value is an array whose
// first item is `name@version` (or `name@github:...`, `name@git+...` for git deps, whose version is unknown).
import type { LockfileParseResult, Package } from '../types.js';
import { child, entries, items, parseJsonObject, str } from './json.js';

export function parseBunLock(text: string): LockfileParseResult {
  const doc = parseJsonObject(text, 'bun.lock', { jsonc: true });
  if ('error' in doc) return { packages: [], error: doc.error };
  const direct = new Set<string>();
  const devOnly = new Set<string>();
  for (const [, workspace] of entries(child(doc.root, 'workspaces'))) {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const [name] of entries(child(workspace, field))) direct.add(name);
    }
    for (const [name] of entries(child(workspace, 'devDependencies'))) devOnly.add(name);
  }
  const out: Package[] = [];
  for (const [key, value, prop] of entries(child(doc.root, 'packages'))) {
    const spec = str(items(value)[0]);
    if (!spec) return { packages: out, error: `bun.lock: package "${key.slice(0, 100)}" has no name@version` };
    const at = spec.indexOf('@', 1);
    const name = at === -1 ? spec : spec.slice(0, at);
    const rawVersion = at === -1 ? '' : spec.slice(at + 1);
    // Workspace and local links are the project itself.
    if (/^(workspace|link|file):/.test(rawVersion)) continue;
    const version = /[:/#]/.test(rawVersion) ? '' : rawVersion;
    const pkg: Package = { name, version, ecosystem: 'npm', line: doc.lineOf(prop), installPath: key };
    // Keys are install paths (`parent/child` for nested copies): only top-level keys can be direct.
    const topLevel = !key.includes('/', key.startsWith('@') ? key.indexOf('/') + 1 : 0);
    pkg.direct = topLevel && (direct.has(key) || devOnly.has(key));
    if (pkg.direct) pkg.dev = devOnly.has(key) && !direct.has(key);
    out.push(pkg);
  }
  return { packages: out };
}
