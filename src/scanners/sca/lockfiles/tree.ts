// Lockfile parsing with read access to the rest of the repository, for the formats that refer to other files:
// requirements.txt `-r` includes (each included file is its own entry, with its own lines) and pom.xml local
// parents (their properties, managed versions and dependencies fold into the child), and yarn.lock scopes (direct
// and dev-only packages, from the package.json beside it). Everything else is the pure parseLockfile.
import { posix } from 'node:path';
import type { FileTree } from '../../../model.js';
import { followIncludes, type IncludedLockfile } from './includes.js';
import { parseLockfile, type LockfileFormat } from './index.js';
import { localPomAncestors } from './pom-parents.js';
import { readPom, resolvePom } from './pom.js';
import { scopeYarnPackages } from './yarn-scopes.js';

export type { IncludedLockfile } from './includes.js';

/**
 * The file's own entry first, then any included files. `seen` holds paths already handled in this run, so a
 * file both included and found by a walk is parsed once.
 */
export async function parseLockfileInTree(
  path: string,
  text: string,
  tree: FileTree,
  options: { format?: LockfileFormat; seen?: Set<string> } = {},
): Promise<IncludedLockfile[]> {
  const result = parseLockfile(path, text, options.format ? { format: options.format } : {});
  if (!result) return [];
  const own: IncludedLockfile = { path, result };
  if (result.error) return [own];
  if (result.format === 'requirements-txt' && result.includes?.length) {
    return [own, ...(await followIncludes(path, result, tree, options.seen ?? new Set([path])))];
  }
  if (result.format === 'pom-xml') {
    const pom = readPom(text);
    if (!('error' in pom) && pom.parent) {
      const ancestors = await localPomAncestors(path, pom, tree);
      if (ancestors.length) result.packages = resolvePom(pom, ancestors);
    }
  }
  if (result.format === 'yarn-lock') {
    const manifest = await tree.read(posix.join(posix.dirname(path), 'package.json'));
    if (manifest) result.packages = scopeYarnPackages(result.packages, text, new TextDecoder().decode(manifest));
  }
  return [own];
}
