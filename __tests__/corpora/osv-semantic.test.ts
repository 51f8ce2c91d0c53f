import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions } from '../../src/scanners/sca/versions/index.js';
import { corporaDir } from '../helpers/corpora.js';

// Which fixture files hold which ecosystem's ordering (from the corpus README / upstream compare_test.go).
const FILES: Record<string, string[]> = {
  'semver-versions.txt': ['npm', 'crates.io', 'Go', 'Hex'],
  'rubygems-versions.txt': ['RubyGems'],
  'rubygems-versions-generated.txt': ['RubyGems'],
  'nuget-versions.txt': ['NuGet'],
  'packagist-versions.txt': ['Packagist'],
  'packagist-versions-generated.txt': ['Packagist'],
  'maven-versions.txt': ['Maven'],
  'maven-versions-generated.txt': ['Maven'],
  'pypi-versions.txt': ['PyPI'],
  'pypi-versions-generated.txt': ['PyPI'],
  'debian-versions.txt': ['Debian'],
  'debian-versions-generated.txt': ['Debian'],
  'cran-versions.txt': ['CRAN'],
  'cran-versions-generated.txt': ['CRAN'],
  'alpine-versions.txt': ['Alpine'],
  'alpine-versions-generated.txt': ['Alpine'],
  'redhat-versions.txt': ['Red Hat'],
  'hackage-versions.txt': ['Hackage'],
  'pub-versions.txt': ['Pub'],
};

const EXPECTED: Record<string, number> = { '<': -1, '=': 0, '>': 1 };

function comparisons(file: string): Array<[string, string, number]> {
  const text = readFileSync(join(corporaDir(), 'osv-semantic', file), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('# ') && !l.startsWith('// '))
    .map((l) => {
      const [a, op, b] = l.split(' ');
      return [a!, b!, EXPECTED[op!]!];
    });
}

describe('OSV version ordering against osv-scalibr semantic fixtures', () => {
  const rows: string[] = [];
  afterAll(() => console.log(`osv-semantic agreement per file:\n${rows.join('\n')}`));

  for (const [file, ecosystems] of Object.entries(FILES)) {
    it(`${file} agrees 100 % for ${ecosystems.join(', ')}`, () => {
      const cases = comparisons(file);
      const failures: string[] = [];
      for (const ecosystem of ecosystems) {
        for (const [a, b, want] of cases) {
          // Both directions, as upstream checks: a vs b and b vs a.
          const got = compareVersions(ecosystem, a, b);
          const back = compareVersions(ecosystem, b, a);
          if (got !== want || back !== -want) failures.push(`${ecosystem}: ${a} vs ${b}: want ${want}, got ${got}/${-back}`);
        }
      }
      const total = cases.length * ecosystems.length;
      const pct = ((100 * (total - failures.length)) / total).toFixed(2);
      rows.push(`  ${file.padEnd(34)} ${total - failures.length}/${total} (${pct} %)`);
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});
