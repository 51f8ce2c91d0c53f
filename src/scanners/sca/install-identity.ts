import type { Package } from './types.js';

// What tells the installed copies of one name@version in one lockfile apart, for fingerprints: the install path,
// except for the copy at the top level (node_modules/<name>, or bun's <name>). That copy keeps the fingerprint it
// had before a second copy appeared, so hoisted packages stay "existing" across runs and baselines; a nested copy
// is its own finding, stable as long as it stays in the same place, whatever line it moves to.

export function installIdentity(pkg: Pick<Package, 'name' | 'installPath'>): string {
  const path = pkg.installPath;
  if (path === undefined || path === pkg.name || path === `node_modules/${pkg.name}`) return '';
  return path;
}

/** The fingerprint parts of an identity: none for the top-level copy, so its fingerprint is unchanged. */
export function installParts(pkg: Pick<Package, 'name' | 'installPath'>): string[] {
  const identity = installIdentity(pkg);
  return identity ? [identity] : [];
}
