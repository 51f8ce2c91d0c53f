import { compareAlpine } from './alpine.js';
import { compareCRAN } from './cran.js';
import { compareDebian } from './debian.js';
import { compareMaven } from './maven.js';
import { comparePackagist } from './packagist.js';
import { comparePyPI } from './pypi.js';
import { compareRedHat } from './redhat.js';
import { compareRubyGems } from './rubygems.js';
import { compareHackage, compareNuGet, comparePub, compareSemver } from './semver-like.js';
import type { Ordering } from './util.js';

export type { Ordering } from './util.js';

export type VersionComparator = (a: string, b: string) => Ordering;

// OSV ecosystem name -> ordering. Distribution variants share their family's ordering, and an
// ecosystem suffix such as "Debian:12" or "Alpine:v3.18" is ignored, as OSV does.
const COMPARATORS: Record<string, VersionComparator> = {
  npm: compareSemver,
  'crates.io': compareSemver,
  Go: compareSemver,
  Hex: compareSemver,
  Bitnami: compareSemver,
  Bioconductor: compareSemver,
  ConanCenter: compareSemver,
  GHC: compareSemver,
  Julia: compareSemver,
  SwiftURL: compareSemver,
  PyPI: comparePyPI,
  Maven: compareMaven,
  RubyGems: compareRubyGems,
  NuGet: compareNuGet,
  Packagist: comparePackagist,
  Pub: comparePub,
  Hackage: compareHackage,
  CRAN: compareCRAN,
  Debian: compareDebian,
  Ubuntu: compareDebian,
  Alpine: compareAlpine,
  Chainguard: compareAlpine,
  Wolfi: compareAlpine,
  'Red Hat': compareRedHat,
  AlmaLinux: compareRedHat,
  'Rocky Linux': compareRedHat,
  openSUSE: compareRedHat,
  SUSE: compareRedHat,
  Mageia: compareRedHat,
  openEuler: compareRedHat,
};

/** The ordering for an OSV ecosystem, or null when OSV defines none we know. */
export function comparatorFor(ecosystem: string): VersionComparator | null {
  return COMPARATORS[ecosystem.split(':')[0]!] ?? null;
}

/**
 * Compares two versions as OSV orders them in `ecosystem`: -1 when a < b, 0 when equal, 1 when a > b.
 * Throws for an ecosystem without a defined ordering (a caller bug, not bad input).
 */
export function compareVersions(ecosystem: string, a: string, b: string): Ordering {
  const compare = comparatorFor(ecosystem);
  if (!compare) throw new Error(`no version ordering for ecosystem ${JSON.stringify(ecosystem)}`);
  return compare(a, b);
}
