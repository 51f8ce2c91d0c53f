import { comparatorFor, compareVersions } from '../../src/scanners/sca/versions/index.js';

// Small cases of our own per ecosystem: each row is [a, expected, b].
const CASES: Record<string, Array<[string, -1 | 0 | 1, string]>> = {
  npm: [
    ['1.0.0-alpha', -1, '1.0.0'],
    ['1.0.0-alpha.1', -1, '1.0.0-alpha.beta'],
    ['1.0', 0, '1.0.0'],
    ['1.0.0+build.1', 0, '1.0.0+build.2'],
    ['4.17.15', -1, '4.17.20'],
  ],
  Go: [['v1.2.3', 0, '1.2.3'], ['v0.0.0-20220101000000-abcdef', -1, 'v0.0.1']],
  PyPI: [
    ['1.0.dev0', -1, '1.0a1'],
    ['1.0rc1', -1, '1.0'],
    ['1.0', -1, '1.0.post1'],
    ['1!0.1', 1, '2.0'],
    ['1.0+local.1', 1, '1.0'],
    ['not-a-pep440-version', -1, '0.0.1'],
  ],
  Maven: [
    ['1.0-alpha-1', -1, '1.0'],
    ['1.0-SNAPSHOT', -1, '1.0'],
    ['1.0.0', 0, '1'],
    ['1.0-sp', 1, '1.0'],
    ['2.17.0', 1, '2.15.0'],
    ['1.0.RELEASE', 0, '1.0'],
  ],
  RubyGems: [['1.0.a', -1, '1.0'], ['1.0.0', 0, '1'], ['1.10', 1, '1.9']],
  NuGet: [['1.0.0-Beta', 0, '1.0.0-beta'], ['1.0.0.1', 1, '1.0.0']],
  Packagist: [['1.0.0-dev', -1, '1.0.0-alpha'], ['1.0.0-RC1', -1, '1.0.0'], ['1.0.0', -1, '1.0.0-p1']],
  Pub: [['1.0.0+1', -1, '1.0.0+2'], ['1.0.0-dev', -1, '1.0.0']],
  Debian: [['1.0~rc1', -1, '1.0'], ['1:0.9', 1, '2.0'], ['1.0-1', -1, '1.0-2']],
  Alpine: [['1.2.3_rc1', -1, '1.2.3'], ['1.2.3-r1', -1, '1.2.3-r2'], ['1.2.3a', 1, '1.2.3']],
  CRAN: [['1.0-1', 1, '1.0'], ['1.0.1', 0, '1-0-1']],
  'Red Hat': [['1.0~rc1', -1, '1.0'], ['1:1.0', 1, '2.0'], ['1.0^git1', 1, '1.0']],
  Hackage: [['1.0', -1, '1.0.0'], ['1.2', 1, '1.1.9']],
};

describe('compareVersions', () => {
  for (const [ecosystem, rows] of Object.entries(CASES)) {
    it.each(rows)(`${ecosystem}: %s vs %s`, (a, want, b) => {
      expect(compareVersions(ecosystem, a, b)).toBe(want);
      expect(compareVersions(ecosystem, b, a)).toBe(0 - want);
    });
  }

  it('ignores an ecosystem suffix such as Debian:12', () => {
    expect(compareVersions('Debian:12', '1.0-1', '1.0-2')).toBe(-1);
  });

  it('throws for an ecosystem OSV defines no ordering for (a caller bug)', () => {
    expect(comparatorFor('GIT')).toBeNull();
    expect(() => compareVersions('GIT', 'a', 'b')).toThrow(/no version ordering/);
  });
});
