import { parseLockfile } from '../../../src/scanners/sca/lockfiles/index.js';
import { parseRequirementsTxt } from '../../../src/scanners/sca/lockfiles/requirements.js';

const rows = (path: string, text: string) =>
  parseLockfile(path, text)?.packages.map((p) => [p.name, p.version, p.line, p.dev]);

describe('requirements.txt', () => {
  it('pins, hashes on continuation lines, extras, markers, comments, URLs and open ranges', () => {
    const text = [
      '# tools',
      'Django==4.2.1 \\',
      '    --hash=sha256:aaa \\',
      '    --hash=sha256:bbb',
      'requests[socks] == 2.31.0 ; python_version >= "3.8"  # pinned',
      'flask>=2.0,<3',
      'attrs!=21.1',
      'pkg==1.*',
      'mine @ https://example.com/mine-1.0.tar.gz',
      '-e git+https://github.com/o/r.git#egg=r',
      '--index-url https://pypi.org/simple',
      '-r requirements-dev.txt',
      '--requirement=../common/base.txt',
      'https://example.com/wheels/thing-1.0-py3-none-any.whl',
      'git+https://github.com/o/r.git@v1#egg=r',
      './vendor/local-pkg',
      'tomli; python_version < "3.11"',
    ].join('\n');
    const result = parseRequirementsTxt(text);
    expect(result.packages.map((p) => [p.name, p.version, p.line])).toEqual([
      ['Django', '4.2.1', 2],
      ['requests', '2.31.0', 5],
      ['flask', '2.0', 6],
      ['attrs', '', 7],
      ['pkg', '', 8],
      ['mine', '', 9],
      ['tomli', '', 17],
    ]);
    expect(result.includes).toEqual([
      { path: 'requirements-dev.txt', line: 12 },
      { path: '../common/base.txt', line: 13 },
    ]);
  });
});

describe('Pipfile.lock', () => {
  it('default and develop groups; a package in both is one, not dev', () => {
    const text = JSON.stringify(
      {
        _meta: {},
        default: { six: { version: '==1.16.0' }, mine: { git: 'https://x' } },
        develop: { six: { version: '==1.16.0' }, pytest: { version: '==7.0.0' } },
      },
      null,
      2,
    );
    expect(rows('Pipfile.lock', text)).toEqual([
      ['six', '1.16.0', 4, false],
      ['pytest', '7.0.0', 15, true],
    ]);
  });
});

describe('TOML lockfiles', () => {
  it('poetry.lock: the line of the name key; dev from category or groups', () => {
    const text = [
      '[[package]]',
      'name = "pytest"',
      'version = "7.0.0"',
      'category = "dev"',
      '',
      '[[package]]',
      'name = "six"',
      'version = "1.16.0"',
      'groups = ["main"]',
      'description = """',
      '[[package]]',
      'not a header inside a string',
      '"""',
      '',
      '[metadata]',
      'lock-version = "2.0"',
    ].join('\n');
    expect(rows('poetry.lock', text)).toEqual([
      ['pytest', '7.0.0', 2, true],
      ['six', '1.16.0', 7, false],
    ]);
  });

  it('uv.lock skips the project itself; pdm.lock dev from groups; pylock.toml uses [[packages]]', () => {
    const uv = '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n\n[[package]]\nname = "emoji"\nversion = "2.14.0"\n';
    expect(rows('uv.lock', uv)).toEqual([['emoji', '2.14.0', 7, undefined]]);
    const pdm = '[[package]]\nname = "toml"\nversion = "0.10.2"\ngroups = ["default"]\n[[package]]\nname = "ruff"\nversion = "0.1.0"\ngroups = ["dev"]\n';
    expect(rows('pdm.lock', pdm)).toEqual([
      ['toml', '0.10.2', 2, false],
      ['ruff', '0.1.0', 6, true],
    ]);
    const pylock = 'lock-version = "1.0"\n\n[[packages]]\nname = "idna"\nversion = "3.7"\n\n[[packages.wheels]]\nname = "idna-3.7-py3-none-any.whl"\n';
    expect(rows('pylock.toml', pylock)).toEqual([['idna', '3.7', 4, undefined]]);
    expect(rows('pylock.dev.toml', pylock)).toEqual([['idna', '3.7', 4, undefined]]);
  });

  it('git, local and URL packages say their origin in every TOML lockfile; index packages do not', () => {
    const origins = (path: string, text: string) => parseLockfile(path, text)?.packages.map((p) => [p.name, p.origin]);
    const poetry = [
      '[[package]]', 'name = "fromgit"', 'version = "2.0.0"', '',
      '[package.source]', 'type = "git"', 'url = "https://example.test/fromgit.git"', 'resolved_reference = "0123abcd"', '',
      '[[package]]', 'name = "sibling"', 'version = "1.2.3"', '',
      '[package.source]', 'type = "directory"', 'url = "../sibling"', '',
      '[[package]]', 'name = "mirrored"', 'version = "3.0.0"', '',
      '[package.source]', 'type = "legacy"', 'url = "https://mirror.example.test/simple"', 'reference = "mirror"', '',
    ].join('\n');
    expect(origins('poetry.lock', poetry)).toEqual([['fromgit', 'git'], ['sibling', 'local'], ['mirrored', undefined]]);
    const uv = [
      'version = 1', '',
      '[[package]]', 'name = "indexed"', 'version = "1.0.0"', 'source = { registry = "https://pypi.org/simple" }', '',
      '[[package]]', 'name = "fromgit"', 'version = "2.0.0"', 'source = { git = "https://example.test/fromgit.git?rev=main#0123abcd" }', '',
      '[[package]]', 'name = "vendored"', 'version = "0.1.0"', 'source = { directory = "vendor/vendored" }', '',
      '[[package]]', 'name = "wheel"', 'version = "4.0.0"', 'source = { url = "https://example.test/wheel-4.0.0-py3-none-any.whl" }', '',
    ].join('\n');
    expect(origins('uv.lock', uv)).toEqual([['indexed', undefined], ['fromgit', 'git'], ['vendored', 'local'], ['wheel', 'url']]);
    const pylock = [
      'lock-version = "1.0"', '',
      '[[packages]]', 'name = "indexed"', 'version = "1.0.0"', 'index = "https://pypi.org/simple"', '',
      '[[packages]]', 'name = "fromgit"', 'version = "2.0.0"', '',
      '[packages.vcs]', 'type = "git"', 'url = "https://example.test/fromgit.git"', 'commit-id = "0123abcd"', '',
    ].join('\n');
    expect(origins('pylock.toml', pylock)).toEqual([['indexed', undefined], ['fromgit', 'git']]);
    const pipfile = JSON.stringify({
      default: {
        indexed: { version: '==1.0.0' },
        fromgit: { git: 'https://example.test/fromgit.git', ref: '0123abcd', version: '==2.0.0' },
      },
    }, null, 2);
    expect(origins('Pipfile.lock', pipfile)).toEqual([['indexed', undefined], ['fromgit', 'git']]);
  });

  it('broken TOML is an error naming the reason', () => {
    expect(parseLockfile('uv.lock', '[[package]\nname = "x"')?.error).toMatch(/invalid TOML/);
  });
});
