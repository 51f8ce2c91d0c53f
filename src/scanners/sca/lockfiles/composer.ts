// composer.lock: `packages` and `packages-dev` arrays. The line is that of the entry's `"name"` key (the
// object's own brace line carries nothing a reviewer recognises).
import type { LockfileParseResult, Package } from '../types.js';
import { child, entries, items, parseJsonObject, str } from './json.js';

export function parseComposerLock(text: string): LockfileParseResult {
  const doc = parseJsonObject(text, 'composer.lock');
  if ('error' in doc) return { packages: [], error: doc.error };
  const out: Package[] = [];
  for (const [group, dev] of [['packages', false], ['packages-dev', true]] as const) {
    for (const entry of items(child(doc.root, group))) {
      const nameProp = entries(entry).find(([key]) => key === 'name');
      const name = str(nameProp?.[1]);
      const version = str(child(entry, 'version'));
      if (!nameProp || !name || version === undefined) continue;
      const pkg: Package = { name, version, ecosystem: 'Packagist', line: doc.lineOf(nameProp[2]), dev };
      // A branch (`dev-main`, `2.x-dev`) is a VCS checkout, below every release in Packagist's ordering; a
      // `path` dist is a folder of the project.
      if (/^dev-|-dev$/.test(version)) pkg.origin = 'git';
      else if (str(child(child(entry, 'dist'), 'type')) === 'path') pkg.origin = 'local';
      const licenses = items(child(entry, 'license')).map(str).filter((l): l is string => !!l);
      // composer lists alternatives (the package may be used under any of them).
      if (licenses.length > 0) pkg.license = licenses.length === 1 ? licenses[0] : `(${licenses.join(' OR ')})`;
      out.push(pkg);
    }
  }
  return { packages: out };
}
