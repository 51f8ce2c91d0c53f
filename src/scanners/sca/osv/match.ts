import { comparatorFor, type VersionComparator } from '../versions/index.js';
import { compareSemver } from '../versions/semver-like.js';
import { normaliseName } from './names.js';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './record.js';

export interface PackageRef {
  ecosystem: string;
  name: string;
  version: string;
}

function eventVersion(e: OsvEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

// OSV schema "Evaluation": walk the events in version order; introduced opens, fixed closes at its
// version, last_affected closes just after its version; limit bounds the whole range from above.
// "introduced: 0" means "from the very first version", below anything the ordering could return.
function inRange(range: OsvRange, version: string, compare: VersionComparator): boolean {
  const cmp = (a: string, b: string): number => (a === b ? 0 : a === '0' ? -1 : b === '0' ? 1 : compare(a, b));
  const ordered = range.events.filter((e) => eventVersion(e) !== '').sort((a, b) => cmp(eventVersion(a), eventVersion(b)));
  let affected = false;
  for (const e of ordered) {
    if (e.introduced !== undefined && cmp(version, e.introduced) >= 0) affected = true;
    else if (e.fixed !== undefined && cmp(version, e.fixed) >= 0) affected = false;
    else if (e.last_affected !== undefined && cmp(version, e.last_affected) > 0) affected = false;
  }
  for (const e of ordered) {
    if (e.limit !== undefined && e.limit !== '*' && cmp(version, e.limit) >= 0) return false;
  }
  return affected;
}


/** Whether one affected[] entry names the package and covers its version. */
export function affectedEntryCovers(entry: OsvAffected, pkg: PackageRef): boolean {
  const p = entry.package;
  // No version (a git or local dependency) is in no range: only `introduced: 0` would seem to cover it.
  if (!p || p.ecosystem !== pkg.ecosystem || pkg.version === '') return false;
  if (normaliseName(p.ecosystem, p.name) !== normaliseName(pkg.ecosystem, pkg.name)) return false;
  if (entry.versions?.includes(pkg.version)) return true;
  const ecosystemOrder = comparatorFor(pkg.ecosystem);
  for (const range of entry.ranges ?? []) {
    // GIT ranges name commits, which a lockfile version cannot be placed among.
    const compare = range.type === 'SEMVER' ? compareSemver : range.type === 'ECOSYSTEM' ? ecosystemOrder : null;
    if (compare && inRange(range, pkg.version, compare)) return true;
  }
  return false;
}

/** Whether the (non-withdrawn) record affects this package version. */
export function recordAffects(record: OsvRecord, pkg: PackageRef): boolean {
  if (record.withdrawn) return false;
  return (record.affected ?? []).some((entry) => affectedEntryCovers(entry, pkg));
}

/**
 * The fixed versions this record lists for the package, in the package's ordering, and the smallest
 * one at or above the current version (what to upgrade to), when there is one.
 */
export function fixedVersionsFor(record: OsvRecord, pkg: PackageRef): { all: string[]; next: string | undefined } {
  const compare = comparatorFor(pkg.ecosystem) ?? compareSemver;
  const fixed = new Set<string>();
  for (const entry of record.affected ?? []) {
    const p = entry.package;
    if (!p || p.ecosystem !== pkg.ecosystem) continue;
    if (normaliseName(p.ecosystem, p.name) !== normaliseName(pkg.ecosystem, pkg.name)) continue;
    for (const range of entry.ranges ?? []) {
      if (range.type === 'GIT') continue;
      for (const e of range.events) if (e.fixed !== undefined) fixed.add(e.fixed);
    }
  }
  const all = [...fixed].sort(compare);
  return { all, next: all.find((v) => compare(v, pkg.version) >= 0) };
}
