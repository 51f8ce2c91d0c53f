// Package URLs (purl spec) for parsed packages, through packageurl-js so each type's normalisation (npm scope
// as %40, PyPI lower-case with `-`, Maven group/artifact, ...) follows the spec rather than our memory of it.
import { PackageURL } from 'packageurl-js';
import type { Ecosystem, Package } from './types.js';

const PURL_TYPES: Record<Ecosystem, string> = {
  npm: 'npm', PyPI: 'pypi', Go: 'golang', 'crates.io': 'cargo', RubyGems: 'gem', Packagist: 'composer',
  Maven: 'maven', NuGet: 'nuget', Pub: 'pub', Hex: 'hex',
};

/** Splits `a/b/c` at the last separator into namespace `a/b` and name `c`. */
function splitLast(name: string, separator: string): { namespace: string | null; name: string } {
  const at = name.lastIndexOf(separator);
  return at <= 0 ? { namespace: null, name } : { namespace: name.slice(0, at), name: name.slice(at + 1) };
}

export function purlOf(pkg: Pick<Package, 'ecosystem' | 'name' | 'version'>): string {
  const type = PURL_TYPES[pkg.ecosystem];
  let version: string | null = pkg.version || null;
  let parts: { namespace: string | null; name: string } = { namespace: null, name: pkg.name };
  switch (pkg.ecosystem) {
    case 'npm':
    case 'Packagist':
      parts = splitLast(pkg.name, '/');
      break;
    case 'Maven':
      parts = splitLast(pkg.name, ':');
      break;
    case 'Go':
      parts = splitLast(pkg.name, '/');
      // Go purls keep the module version's `v`, which our Go versions drop (OSV's convention).
      if (version && /^\d/.test(version)) version = `v${version}`;
      // packageurl-js 2.0.1 throws on a Go name without a namespace; `stdlib` is the one such name.
      if (parts.namespace === null) return `pkg:golang/${encodeURIComponent(parts.name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
      break;
    default:
      break;
  }
  // The purl spec's allowed set is letters, digits and `.-_~`: `+` (Cargo build metadata, semver `+build`)
  // must be %2B, which packageurl-js 2.0.1 leaves as is. `+` is never a purl separator, so this is safe.
  return new PackageURL(type, parts.namespace, parts.name, version, null, null).toString().replace(/\+/g, '%2B');
}
