import { parseLockfile } from '../../../src/scanners/sca/lockfiles/index.js';

const triples = (path: string, text: string) =>
  parseLockfile(path, text)?.packages.map((p) => [p.name, p.version, p.line]);

describe('yarn.lock', () => {
  it('v1: one package per header, on the header line; aliases resolve to the real name', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '',
      'lodash@^4.17.15, lodash@^4.17.4:',
      '  version "4.17.15"',
      '  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.15.tgz"',
      '',
      '"@babel/core@^7.0.0":',
      '  version "7.1.0"',
      '  dependencies:',
      '    lodash "^4.17.4"',
      '',
      '"cjs@npm:string-width@^4.2.0":',
      '  version "4.2.3"',
      '',
    ].join('\n');
    expect(triples('yarn.lock', text)).toEqual([
      ['lodash', '4.17.15', 4],
      ['@babel/core', '7.1.0', 8],
      ['string-width', '4.2.3', 13],
    ]);
  });

  it('v1: a line that is neither header nor field is an error', () => {
    expect(parseLockfile('yarn.lock', 'lodash@^4:\n  version "4.0.0"\nnot a header\n')?.error).toMatch(/line 3/);
  });

  it('berry: names from the resolution, the workspace itself skipped', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"debug@npm:^4.3.3":',
      '  version: 4.3.4',
      '  resolution: "debug@npm:4.3.4"',
      '',
      '"hvi@npm:@babel/helper-validator-identifier@^7.0.0":',
      '  version: 7.22.20',
      '  resolution: "@babel/helper-validator-identifier@npm:7.22.20"',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '',
    ].join('\n');
    expect(triples('yarn.lock', text)).toEqual([
      ['debug', '4.3.4', 4],
      ['@babel/helper-validator-identifier', '7.22.20', 8],
    ]);
  });
});

describe('yarn.lock: packages from outside the registry', () => {
  const origins = (text: string) => parseLockfile('yarn.lock', text)?.packages.map((p) => [p.name, p.version, p.line, p.origin]);

  it('berry: a patched package is its base package once; git, file, link and portal entries say their origin', () => {
    const text = [
      '__metadata:',
      '  version: 10',
      '',
      '"ts-fork@npm:5.4.2":',
      '  version: 5.4.2',
      '  resolution: "ts-fork@npm:5.4.2"',
      '',
      '"ts-fork@patch:ts-fork@npm%3A^5.4.0#optional!builtin<compat/ts-fork>":',
      '  version: 5.4.2',
      '  resolution: "ts-fork@patch:ts-fork@npm%3A5.4.2#optional!builtin<compat/ts-fork>::version=5.4.2&hash=aa11bb"',
      '',
      '"shared@link:../shared::locator=app%40workspace%3A.":',
      '  version: 0.0.0-use.local',
      '  resolution: "shared@link:../shared::locator=app%40workspace%3A."',
      '',
      '"vendored@portal:./vendor/vendored::locator=app%40workspace%3A.":',
      '  version: 0.0.0-use.local',
      '  resolution: "vendored@portal:./vendor/vendored::locator=app%40workspace%3A."',
      '',
      '"packed@file:./packed.tgz::locator=app%40workspace%3A.":',
      '  version: 2.0.0',
      '  resolution: "packed@file:./packed.tgz#./packed.tgz::hash=cc22dd&locator=app%40workspace%3A."',
      '',
      '"forked@https://example.test/team/forked.git#main":',
      '  version: 1.0.0',
      '  resolution: "forked@https://example.test/team/forked.git#commit=0123456789abcdef0123456789abcdef01234567"',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '',
    ].join('\n');
    expect(origins(text)).toEqual([
      ['ts-fork', '5.4.2', 4, undefined],
      ['shared', '0.0.0-use.local', 12, 'local'],
      ['vendored', '0.0.0-use.local', 16, 'local'],
      ['packed', '2.0.0', 20, 'local'],
      ['forked', '1.0.0', 24, 'git'],
    ]);
  });

  it('v1: file, link, git and shorthand specs say their origin; registry ranges and npm aliases do not', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"local-lib@file:../local-lib":',
      '  version "1.2.0"',
      '',
      '"linked@link:./linked":',
      '  version "0.0.0"',
      '',
      '"from-git@git+ssh://git@example.test/team/from-git.git#v2.0.0":',
      '  version "2.0.0"',
      '  resolved "git+ssh://git@example.test/team/from-git.git#0123456789abcdef0123456789abcdef01234567"',
      '',
      '"short@team/short#main":',
      '  version "3.0.0"',
      '',
      '"tarball@https://example.test/tarball-1.0.0.tgz":',
      '  version "1.0.0"',
      '',
      '"alias@npm:real@^1.0.0", real@^1.0.0:',
      '  version "1.4.0"',
      '',
    ].join('\n');
    expect(origins(text)).toEqual([
      ['local-lib', '1.2.0', 3, 'local'],
      ['linked', '0.0.0', 6, 'local'],
      ['from-git', '2.0.0', 9, 'git'],
      ['short', '3.0.0', 13, 'git'],
      ['tarball', '1.0.0', 16, 'url'],
      ['real', '1.4.0', 19, undefined],
    ]);
  });
});

describe('pnpm-lock.yaml', () => {
  it('v5 keys with hosts and peer suffixes; git keys without a version are skipped', () => {
    const text = [
      'lockfileVersion: 5.4',
      '',
      'dependencies:',
      '  foo: 1.0.0',
      '',
      'packages:',
      '',
      '  /foo/1.0.0_react@18.0.0:',
      '    dev: false',
      '  /@scope/bar/2.0.0:',
      '    dev: true',
      '  registry.npmjs.org/baz/3.0.0:',
      '    dev: false',
      '  github.com/o/repo/abcdef:',
      '    dev: false',
    ].join('\n');
    const result = parseLockfile('pnpm-lock.yaml', text);
    expect(result?.packages.map((p) => [p.name, p.version, p.line, p.direct, p.dev])).toEqual([
      ['foo', '1.0.0', 8, true, false],
      ['@scope/bar', '2.0.0', 10, false, true],
      ['baz', '3.0.0', 12, false, false],
    ]);
  });

  it('v6 and v9 keys', () => {
    const v6 = "lockfileVersion: '6.0'\n\npackages:\n\n  /react-dom@18.2.0(react@18.2.0):\n    dev: false\n";
    expect(triples('pnpm-lock.yaml', v6)).toEqual([['react-dom', '18.2.0', 5]]);
    const v9 = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    devDependencies:',
      '      uuid:',
      '        specifier: ^8.0.0',
      '        version: 8.3.2',
      'packages:',
      "  '@babel/core@7.0.0':",
      '    resolution: {integrity: sha512-x}',
      '  uuid@8.3.2:',
      '    resolution: {integrity: sha512-y}',
      '  is-number@https://codeload.github.com/o/is-number/tar.gz/98e8ff1:',
      '    version: 7.0.0',
      'snapshots:',
      '  uuid@8.3.2: {}',
    ].join('\n');
    const result = parseLockfile('pnpm-lock.yaml', v9);
    expect(result?.packages.map((p) => [p.name, p.version, p.line, p.dev])).toEqual([
      ['@babel/core', '7.0.0', 9, undefined],
      ['uuid', '8.3.2', 11, true],
      ['is-number', '7.0.0', 13, undefined],
    ]);
  });

  it('peer variants of one name@version are one installed copy, on the first key (dev only if every variant is)', () => {
    const v6 = [
      "lockfileVersion: '6.0'",
      '',
      'packages:',
      '',
      '  /use-x@1.0.0(react@17.0.2):',
      '    dev: true',
      '  /use-x@1.0.0(react@18.2.0):',
      '    dev: false',
      '  /use-x@1.1.0(react@18.2.0):',
      '    dev: false',
    ].join('\n');
    expect(parseLockfile('pnpm-lock.yaml', v6)?.packages.map((p) => [p.name, p.version, p.line, p.dev])).toEqual([
      ['use-x', '1.0.0', 5, false],
      ['use-x', '1.1.0', 9, false],
    ]);
  });

  it('is an error without lockfileVersion or when the YAML is broken', () => {
    expect(parseLockfile('pnpm-lock.yaml', 'packages: {}\n')?.error).toMatch(/lockfileVersion/);
    expect(parseLockfile('pnpm-lock.yaml', 'a: [\n')?.error).toMatch(/YAML/);
  });
});

describe('pnpm-lock.yaml: packages from outside the registry', () => {
  it('git tarballs, git resolutions and directories say their origin; registry entries do not', () => {
    const text = [
      "lockfileVersion: '9.0'",
      '',
      'packages:',
      '',
      '  plain@1.0.0:',
      '    resolution: {integrity: sha512-AAAA}',
      '',
      '  fromgh@https://codeload.github.com/team/fromgh/tar.gz/0123456789abcdef0123456789abcdef01234567:',
      '    resolution: {tarball: https://codeload.github.com/team/fromgh/tar.gz/0123456789abcdef0123456789abcdef01234567}',
      '    version: 6.0.1',
      '',
      '  fromgit@git+https://example.test/team/fromgit.git#0123456789abcdef0123456789abcdef01234567:',
      '    resolution: {commit: 0123456789abcdef0123456789abcdef01234567, repo: https://example.test/team/fromgit.git, type: git}',
      '    version: 2.1.0',
      '',
      '  fromdir@file:vendor/fromdir:',
      '    resolution: {directory: vendor/fromdir, type: directory}',
      '    version: 0.3.0',
      '',
    ].join('\n');
    expect(parseLockfile('pnpm-lock.yaml', text)?.packages.map((p) => [p.name, p.version, p.origin])).toEqual([
      ['plain', '1.0.0', undefined],
      ['fromgh', '6.0.1', 'git'],
      ['fromgit', '2.1.0', 'git'],
      ['fromdir', '0.3.0', 'local'],
    ]);
  });
});

describe('bun.lock', () => {
  it('reads JSONC with trailing commas; git versions are unknown; nested copies are not direct', () => {
    const text = [
      '{',
      '  "lockfileVersion": 1,',
      '  "workspaces": { "": { "name": "app", "dependencies": { "chalk": "^4", }, "devDependencies": { "mine": "github:o/mine", }, }, },',
      '  "packages": {',
      '    "chalk": ["chalk@4.1.2", "", {}, "sha512-a"],',
      '',
      '    "mine": ["mine@github:o/mine#abc", {}, "o-mine-abc"],',
      '',
      '    "chalk/supports-color": ["supports-color@7.2.0", "", {}, "sha512-b"],',
      '  },',
      '}',
    ].join('\n');
    const result = parseLockfile('bun.lock', text);
    expect(result?.packages.map((p) => [p.name, p.version, p.line, p.direct, p.dev])).toEqual([
      ['chalk', '4.1.2', 5, true, false],
      ['mine', '', 7, true, true],
      ['supports-color', '7.2.0', 9, false, undefined],
    ]);
  });
});
