// One package installed at several places of a lockfile (npm's nested node_modules, Pipfile's two groups) is
// one dependency: reported once, at its first entry, as osv-scalibr does. It is dev-only when every copy is,
// and direct when any copy is.
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
