// Entries of one lockfile that are one installed copy (Pipfile's two groups, pnpm's peer variants of one
// name@version) are one dependency: reported once, at its first entry. It is dev-only when every entry is, and
// direct when any is. (npm's nested node_modules copies are separate installs and are not merged.)
import type { Package } from '../types.js';

export function mergeDuplicates(packages: Package[], keyOf: (p: Package, index: number) => string): Package[] {
  const byKey = new Map<string, Package>();
  packages.forEach((pkg, index) => {
    const key = keyOf(pkg, index);
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, pkg);
      return;
    }
    if (first.dev !== undefined || pkg.dev !== undefined) first.dev = (first.dev ?? false) && (pkg.dev ?? false);
    if (first.direct !== undefined || pkg.direct !== undefined) first.direct = (first.direct ?? false) || (pkg.direct ?? false);
  });
  return [...byKey.values()];
}
