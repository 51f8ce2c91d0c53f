import {
  LOCKFILE_FORMATS, LOCKFILE_PARSERS, detectLockfile, parseLockfile, resolveFormat,
} from '../../../src/scanners/sca/lockfiles/index.js';

describe('lockfile registry', () => {
  it('registers every format exactly once', () => {
    expect(LOCKFILE_PARSERS.map((p) => p.format).sort()).toEqual([...LOCKFILE_FORMATS].sort());
  });

  it.each([
    ['package-lock.json', 'package-lock'], ['sub/npm-shrinkwrap.json', 'package-lock'], ['yarn.lock', 'yarn-lock'],
    ['pnpm-lock.yaml', 'pnpm-lock'], ['bun.lock', 'bun-lock'], ['requirements.txt', 'requirements-txt'],
    ['requirements-dev.txt', 'requirements-txt'], ['dev-requirements.txt', 'requirements-txt'],
    ['requirements/base.txt', 'requirements-txt'], ['Pipfile.lock', 'pipfile-lock'], ['poetry.lock', 'poetry-lock'],
    ['uv.lock', 'uv-lock'], ['pdm.lock', 'pdm-lock'], ['pylock.toml', 'pylock-toml'], ['pylock.dev.toml', 'pylock-toml'],
    ['go.mod', 'go-mod'], ['Cargo.lock', 'cargo-lock'], ['Gemfile.lock', 'gemfile-lock'], ['gems.locked', 'gemfile-lock'],
    ['composer.lock', 'composer-lock'], ['a\\b\\pom.xml', 'pom-xml'], ['gradle.lockfile', 'gradle-lockfile'],
    ['packages.lock.json', 'nuget-packages-lock-json'], ['pubspec.lock', 'pubspec-lock'], ['mix.lock', 'mix-lock'],
  ])('detects %s as %s', (path, format) => {
    expect(detectLockfile(path)?.format).toBe(format);
  });

  it.each(['package.json', 'go.sum', 'Cargo.toml', 'yarn.lock.bak', 'bun.lockb', 'pylock.a.b.toml', 'requirements.in', 'docs/notes.txt'])(
    'ignores %s',
    (path) => {
      expect(detectLockfile(path)).toBeUndefined();
      expect(parseLockfile(path, '{}')).toBeUndefined();
    },
  );

  it('an explicit format wins over the name; corpus folder names resolve', () => {
    expect(parseLockfile('fixture.json5', '{"lockfileVersion": 1, "packages": {}}', { format: 'bun-lock' })?.format).toBe('bun-lock');
    expect(resolveFormat('pnpm-v9')).toBe('pnpm-lock');
    expect(resolveFormat('cargo-lock')).toBe('cargo-lock');
    expect(resolveFormat('not-a-format')).toBeUndefined();
    // Real trees have folders named like Object.prototype members (prettier's tests/.../constructor).
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(resolveFormat(name)).toBeUndefined();
  });
});

describe('hostile input never throws and never blows up', () => {
  const deepJson = '['.repeat(100_000) + ']'.repeat(100_000);

  it.each([
    ['package-lock.json', deepJson],
    ['bun.lock', `{"packages": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`],
    ['pnpm-lock.yaml', `lockfileVersion: 9\npackages: ${'['.repeat(100_000)}`],
    ['Cargo.lock', `a = ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['pom.xml', `<project>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</project>`],
  ])('deep nesting in %s is an error value', (path, text) => {
    const result = parseLockfile(path, text);
    expect(result?.error).toEqual(expect.any(String));
    expect(result?.packages).toEqual([]);
  });

  it('YAML aliases are never expanded', () => {
    const bomb = ['lockfileVersion: 5.4', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'packages: *d'].join('\n');
    expect(parseLockfile('pnpm-lock.yaml', bomb)?.packages).toEqual([]);
  });

  it('a huge string and 100,000 entries parse', () => {
    const huge = `{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0", "x": "${'x'.repeat(5_000_000)}"}}}`;
    expect(parseLockfile('package-lock.json', huge)?.packages).toHaveLength(1);
    const lines = ['# yarn lockfile v1', ''];
    for (let i = 0; i < 100_000; i++) lines.push(`pkg-${i}@^1.0.0:`, `  version "1.0.${i}"`, '');
    const result = parseLockfile('yarn.lock', lines.join('\n'));
    expect(result?.packages).toHaveLength(100_000);
    expect(result?.packages[99_999]).toMatchObject({ name: 'pkg-99999', version: '1.0.99999', line: 2 + 3 * 99_999 + 1 });
    const gradle = Array.from({ length: 100_000 }, (_, i) => `g:a${i}:1.0=runtimeClasspath`).join('\n');
    expect(parseLockfile('gradle.lockfile', gradle)?.packages).toHaveLength(100_000);
  });

  it('a file bigger than any real lockfile is refused', () => {
    const result = parseLockfile('go.mod', 'x'.repeat(65 * 1024 * 1024));
    expect(result?.error).toMatch(/larger than/);
  });

  it('binary junk is an error in every structured format', () => {
    const junk = '\u0000\u0001\u0002PK\u0003\u0004';
    for (const name of ['package-lock.json', 'bun.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'pom.xml', 'composer.lock', 'go.mod']) {
      expect(parseLockfile(name, junk)?.error).toEqual(expect.any(String));
    }
  });
});
