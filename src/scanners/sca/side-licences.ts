import { posix } from 'node:path';
import type { FileTree } from '../../model.js';
import { parseLockfile } from './lockfiles/index.js';
import type { Package } from './types.js';

// npm writes node_modules/.package-lock.json (the "hidden lockfile") with each installed package's
// licence; when it sits beside a package-lock.json in the tree, it fills licences the lockfile lacks.

export async function withHiddenLockfileLicences(path: string, packages: Package[], tree: FileTree): Promise<Package[]> {
  if (posix.basename(path) !== 'package-lock.json' || packages.every((p) => p.license)) return packages;
  const hiddenPath = posix.join(posix.dirname(path), 'node_modules', '.package-lock.json');
  const bytes = await tree.read(hiddenPath);
  if (!bytes) return packages;
  const hidden = parseLockfile(hiddenPath, new TextDecoder().decode(bytes), { format: 'package-lock' });
  const licences = new Map<string, string>();
  for (const p of hidden?.packages ?? []) if (p.license) licences.set(`${p.name}@${p.version}`, p.license);
  return packages.map((p) => {
    const license = p.license ?? licences.get(`${p.name}@${p.version}`);
    return license ? { ...p, license } : p;
  });
}
