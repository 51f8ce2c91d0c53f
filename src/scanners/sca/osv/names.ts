// Package identity as osv.dev compares it: names are normalised per ecosystem before lookup.

/** PEP 503: lower case, runs of "-", "_" and "." become one "-". */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// npm names are lower case since 2017, yet some advisories spell them otherwise (GHSA-8hc4-vh64-cxmj
// names "Axios"); osv.dev matches them case-insensitively, and so do registries for NuGet and Packagist.
const CASE_INSENSITIVE = new Set(['npm', 'NuGet', 'Packagist']);

export function normaliseName(ecosystem: string, name: string): string {
  const base = ecosystem.split(':')[0]!;
  if (base === 'PyPI') return pep503(name);
  if (CASE_INSENSITIVE.has(base)) return name.toLowerCase();
  return name;
}

/** The lookup key of a package: ecosystem (as OSV spells it) and normalised name. */
export function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${normaliseName(ecosystem, name)}`;
}
