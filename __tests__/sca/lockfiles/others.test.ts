import { parseLockfile } from '../../../src/scanners/sca/lockfiles/index.js';

const rows = (path: string, text: string) =>
  parseLockfile(path, text)?.packages.map((p) => [p.name, p.version, p.line, p.direct, p.dev]);

describe('go.mod', () => {
  it('requires (block and single), indirect, replaces by version, stdlib from go/toolchain', () => {
    const text = [
      'module example.com/app',
      '',
      'go 1.21',
      'toolchain go1.21.5',
      '',
      'require github.com/a/b v1.2.3',
      'require (',
      '\tgolang.org/x/net v0.5.6 // indirect',
      '\texample.com/local v1.0.0',
      ')',
      '',
      'replace golang.org/x/net v0.5.6 => example.com/fork/net v0.5.7',
      'replace example.com/local => ./local',
    ].join('\n');
    expect(rows('go.mod', text)).toEqual([
      ['github.com/a/b', '1.2.3', 6, true, undefined],
      ['example.com/fork/net', '0.5.7', 12, false, undefined],
      ['stdlib', '1.21.5', 3, undefined, undefined],
    ]);
  });

  it('is an error for text that is not go.mod', () => {
    expect(parseLockfile('go.mod', 'hello world\n')?.error).toMatch(/unknown directive/);
    expect(parseLockfile('go.mod', 'require (\n a v1.0.0\n')?.error).toMatch(/unterminated/);
  });
});

describe('Cargo.lock', () => {
  it('one package per [[package]], on its name line', () => {
    const text = 'version = 3\n\n[[package]]\nname = "libc"\nversion = "0.2.140"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n';
    expect(rows('Cargo.lock', text)).toEqual([
      ['libc', '0.2.140', 4, undefined, undefined],
      ['app', '0.1.0', 9, undefined, undefined],
    ]);
  });
});

describe('Gemfile.lock', () => {
  it('specs of GEM/GIT/PATH at four spaces, platforms stripped, DEPENDENCIES = direct', () => {
    const text = [
      'GIT',
      '  remote: https://github.com/o/r.git',
      '  specs:',
      '    r (2.0.0.alpha1)',
      '',
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    nokogiri (1.13.3-x86_64-linux)',
      '      racc (~> 1.4)',
      '    racc (1.6.0)',
      '',
      'DEPENDENCIES',
      '  nokogiri',
      '  r!',
    ].join('\n');
    expect(rows('Gemfile.lock', text)).toEqual([
      ['r', '2.0.0.alpha1', 4, true, undefined],
      ['nokogiri', '1.13.3', 9, true, undefined],
      ['racc', '1.6.0', 11, false, undefined],
    ]);
    expect(rows('gems.locked', text)).toHaveLength(3);
  });
});

describe('Gemfile.lock platforms', () => {
  it('one gem locked for several platforms is one package, on its first line', () => {
    const text = [
      'GEM', '  remote: https://rubygems.org/', '  specs:',
      '    ffi (1.17.4-aarch64-linux-gnu)', '    ffi (1.17.4-arm64-darwin)', '    ffi (1.17.4-x86_64-linux-gnu)',
      '    nokogiri (1.19.4-arm64-darwin)', '      racc (~> 1.4)', '    nokogiri (1.19.4-x86_64-linux-gnu)', '      racc (~> 1.4)',
      '    racc (1.8.1)', '',
      'PLATFORMS', '  arm64-darwin', '  x86_64-linux-gnu', '',
      'DEPENDENCIES', '  nokogiri',
    ].join('\n');
    expect(rows('Gemfile.lock', text)).toEqual([
      ['ffi', '1.17.4', 4, false, undefined],
      ['nokogiri', '1.19.4', 7, true, undefined],
      ['racc', '1.8.1', 11, false, undefined],
    ]);
  });
});

describe('composer.lock', () => {
  it('packages and packages-dev on the name line, licences joined as OR', () => {
    const text = JSON.stringify(
      {
        packages: [{ name: 'a/b', version: '1.0.0', license: ['MIT', 'GPL-2.0-only'] }],
        'packages-dev': [{ name: 'c/d', version: 'v2.0.0', license: ['MIT'] }],
      },
      null,
      2,
    );
    const result = parseLockfile('composer.lock', text);
    expect(result?.packages).toEqual([
      { name: 'a/b', version: '1.0.0', ecosystem: 'Packagist', line: 4, dev: false, license: '(MIT OR GPL-2.0-only)' },
      { name: 'c/d', version: 'v2.0.0', ecosystem: 'Packagist', line: 14, dev: true, license: 'MIT' },
    ]);
  });
});

describe('packages from outside the registry say their origin', () => {
  const origins = (path: string, text: string) => parseLockfile(path, text)?.packages.map((p) => [p.name, p.origin]);

  it('Cargo.lock: workspace crates (no source) are local, git sources git', () => {
    const text = [
      'version = 4', '',
      '[[package]]', 'name = "serde"', 'version = "1.0.200"', 'source = "registry+https://github.com/rust-lang/crates.io-index"', '',
      '[[package]]', 'name = "tokio"', 'version = "1.0.0"', '',
      '[[package]]', 'name = "patched"', 'version = "0.3.0"', 'source = "git+https://example.test/patched?branch=fix#0123abcd"', '',
    ].join('\n');
    expect(origins('Cargo.lock', text)).toEqual([['serde', undefined], ['tokio', 'local'], ['patched', 'git']]);
  });

  it('Gemfile.lock: GIT gems are git, PATH gems (the repository\'s own gemspec) local', () => {
    const text = [
      'PATH', '  remote: .', '  specs:', '    rack (3.2.0.dev)', '',
      'GIT', '  remote: https://example.test/team/forked.git', '  revision: 0123abcd', '  specs:', '    forked (1.0.0)', '',
      'GEM', '  remote: https://rubygems.org/', '  specs:', '    racc (1.6.0)', '',
    ].join('\n');
    expect(origins('Gemfile.lock', text)).toEqual([['rack', 'local'], ['forked', 'git'], ['racc', undefined]]);
  });

  it('composer.lock: branch versions are VCS checkouts, path dists local', () => {
    const text = JSON.stringify({
      packages: [
        { name: 'acme/tagged', version: 'v2.0.0', dist: { type: 'zip', url: 'https://example.test/tagged.zip' } },
        { name: 'acme/branch', version: 'dev-main', source: { type: 'git', url: 'https://example.test/branch.git', reference: '0123abcd' } },
        { name: 'acme/next', version: '3.x-dev' },
        { name: 'acme/local', version: '1.0.0', dist: { type: 'path', url: '../local' } },
      ],
    }, null, 2);
    expect(origins('composer.lock', text)).toEqual([['acme/tagged', undefined], ['acme/branch', 'git'], ['acme/next', 'git'], ['acme/local', 'local']]);
  });

  it('pubspec.lock: git and path sources', () => {
    const text = [
      'packages:',
      '  hosted_pkg:', '    dependency: transitive', '    source: hosted', '    version: "1.0.0"',
      '  git_pkg:', '    dependency: "direct main"', '    source: git', '    version: "2.0.0"',
      '  path_pkg:', '    dependency: "direct main"', '    source: path', '    version: "0.1.0"',
    ].join('\n');
    expect(origins('pubspec.lock', text)).toEqual([['hosted_pkg', undefined], ['git_pkg', 'git'], ['path_pkg', 'local']]);
  });
});

describe('pom.xml', () => {
  it('declared dependencies with properties, dependencyManagement versions, ranges and test scope', () => {
    const text = [
      '<project>',
      '  <groupId>org.app</groupId>',
      '  <version>3.0.0</version>',
      '  <properties><lib.version>1.2.3</lib.version></properties>',
      '  <dependencies>',
      '    <dependency>',
      '      <groupId>org.lib</groupId><artifactId>lib</artifactId><version>${lib.version}</version>',
      '    </dependency>',
      '    <dependency>',
      '      <groupId>${project.groupId}</groupId><artifactId>sibling</artifactId><version>${project.version}</version>',
      '    </dependency>',
      '    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><scope>test</scope></dependency>',
      '    <dependency><groupId>r</groupId><artifactId>ranged</artifactId><version>[1.0,2.0)</version></dependency>',
      '    <dependency><groupId>u</groupId><artifactId>unresolved</artifactId><version>${nope}</version></dependency>',
      '  </dependencies>',
      '  <dependencyManagement><dependencies>',
      '    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version></dependency>',
      '  </dependencies></dependencyManagement>',
      '</project>',
    ].join('\n');
    expect(rows('pom.xml', text)).toEqual([
      ['org.lib:lib', '1.2.3', 6, true, false],
      ['org.app:sibling', '3.0.0', 9, true, false],
      ['junit:junit', '4.13.2', 12, true, true],
      ['r:ranged', '1.0', 13, true, false],
      ['u:unresolved', '', 14, true, false],
    ]);
  });

  it('rejects malformed XML and entity declarations', () => {
    expect(parseLockfile('pom.xml', '<project><dependencies></project>')?.error).toMatch(/invalid XML/);
    const bomb = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><project>&b;</project>';
    expect(parseLockfile('pom.xml', bomb)?.error).toMatch(/entity/);
  });
});

describe('gradle.lockfile, packages.lock.json, pubspec.lock, mix.lock', () => {
  it('gradle: group:artifact:version=configurations; junk lines skipped; test-only = dev', () => {
    const text = '# comment\norg.a:b:1.0=compileClasspath,runtimeClasspath\njunk line\norg.c:d:2.0=testRuntimeClasspath\nempty=annotationProcessor\n';
    expect(rows('gradle.lockfile', text)).toEqual([
      ['org.a:b', '1.0', 2, undefined, false],
      ['org.c:d', '2.0', 4, undefined, true],
    ]);
  });

  it('NuGet: per framework, once per name@version, project references skipped', () => {
    const text = JSON.stringify(
      {
        version: 1,
        dependencies: {
          'net6.0': { A: { type: 'Direct', resolved: '1.0.0' }, B: { type: 'Transitive', resolved: '2.0.0' }, P: { type: 'Project' } },
          'net8.0': { A: { type: 'Direct', resolved: '1.0.0' } },
        },
      },
      null,
      2,
    );
    expect(rows('packages.lock.json', text)).toEqual([
      ['A', '1.0.0', 5, true, undefined],
      ['B', '2.0.0', 9, false, undefined],
    ]);
    expect(parseLockfile('packages.lock.json', '{"version": 1}')?.error).toMatch(/dependencies/);
  });

  it('pubspec: direct main/dev/transitive; SDK packages skipped', () => {
    const text = [
      'packages:',
      '  flutter:',
      '    dependency: "direct main"',
      '    source: sdk',
      '    version: "0.0.0"',
      '  shelf:',
      '    dependency: "direct main"',
      '    source: hosted',
      '    version: "1.3.2"',
      '  test:',
      '    dependency: "direct dev"',
      '    version: "1.21.0"',
      '  path:',
      '    dependency: transitive',
      '    version: "1.8.0"',
    ].join('\n');
    expect(rows('pubspec.lock', text)).toEqual([
      ['shelf', '1.3.2', 6, true, false],
      ['test', '1.21.0', 10, true, true],
      ['path', '1.8.0', 13, false, undefined],
    ]);
  });

  it('mix: hex versions, git deps without one; not a map = error', () => {
    const text = '%{\n  "plug": {:hex, :plug, "1.11.1", "abc", [:mix], [], "hexpm", "def"},\n  "foe": {:git, "https://x/foe.git", "a957", []},\n}\n';
    expect(rows('mix.lock', text)).toEqual([
      ['plug', '1.11.1', 2, undefined, undefined],
      ['foe', '', 3, undefined, undefined],
    ]);
    expect(parseLockfile('mix.lock', 'defmodule X do end')?.error).toMatch(/Elixir map/);
  });
});
