// Pipfile.lock: `default` and `develop` maps of name -> { version: "==1.2.3" }. Entries without a version
// (git, path) have no registry version and are skipped, as pipenv resolves them from source.
import type { LockfileParseResult, Package } from '../types.js';
import { child, entries, parseJsonObject, str } from './json.js';
import { mergeDuplicates } from './merge.js';

export function parsePipfileLock(text: string): LockfileParseResult {
  const doc = parseJsonObject(text, 'Pipfile.lock');
  if ('error' in doc) return { packages: [], error: doc.error };
  const out: Package[] = [];
  for (const [group, dev] of [['default', false], ['develop', true]] as const) {
    for (const [name, entry, prop] of entries(child(doc.root, group))) {
      const version = str(child(entry, 'version'));
      if (!version) continue;
      const pkg: Package = { name, version: version.replace(/^===?/, ''), ecosystem: 'PyPI', line: doc.lineOf(prop), dev };
      // A VCS or local entry that records a version anyway is still not the index's release.
      if (child(entry, 'git') || child(entry, 'hg') || child(entry, 'svn') || child(entry, 'bzr')) pkg.origin = 'git';
      else if (child(entry, 'path') || child(entry, 'file')) pkg.origin = child(entry, 'path') ? 'local' : 'url';
      out.push(pkg);
    }
  }
  // A package in both groups is one package (dev only if it is only in `develop`).
  return { packages: mergeDuplicates(out, (p) => `${p.name}@${p.version}`) };
}
