// What lockfile parsers produce and the advisory matcher consumes.

/** OSV ecosystem names, spelled as OSV spells them. */
export type Ecosystem =
  | 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'RubyGems' | 'Packagist' | 'Maven' | 'NuGet' | 'Pub' | 'Hex';

export interface Package {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  /** 1-based line of the package's entry in the lockfile (where a finding and review comment land). */
  line: number;
  /** Declared directly by the project (not transitive), when the format says so. */
  direct?: boolean;
  /** Development-only dependency, when the format says so. */
  dev?: boolean;
  /** SPDX expression when the lockfile records one. */
  license?: string;
  /**
   * Where this copy is installed, for formats that can install one name@version at several places of one
   * lockfile (npm's `node_modules/a/node_modules/b`, bun's `a/b`). Each copy is its own entry; see installIdentity.
   */
  installPath?: string;
  /**
   * Set when the lockfile resolves the package outside its registry: a git commit, a local folder or file, a URL.
   * Its version is what its own manifest claims, which advisory ranges (about registry releases) do not cover.
   */
  origin?: 'git' | 'local' | 'url';
}

export interface LockfileParseResult {
  packages: Package[];
  /** Set when the file is malformed; packages may then be partial or empty. */
  error?: string;
}
