import { parseLockfile } from '../../../src/scanners/sca/lockfiles/index.js';

const v3 = `{
  "name": "app",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "app",
      "dependencies": { "lodash": "^4.17.15", "cjs": "npm:string-width@^4.2.0" },
      "devDependencies": { "jest": "^29.0.0" }
    },
    "node_modules/lodash": {
      "version": "4.17.15",
      "license": "MIT"
    },
    "node_modules/jest": {
      "version": "29.0.0",
      "dev": true
    },
    "node_modules/jest/node_modules/lodash": {
      "version": "4.17.15",
      "dev": true
    },
    "node_modules/cjs": {
      "name": "string-width",
      "version": "4.2.0"
    },
    "node_modules/@scope/pkg": {
      "version": "1.0.0"
    },
    "packages/local": {
      "version": "0.0.1"
    },
    "node_modules/local": {
      "resolved": "packages/local",
      "link": true
    }
  }
}`;

describe('package-lock.json', () => {
  it('reads v3 packages on the line of their "node_modules/..." key, with direct, dev, licence and install path', () => {
    const result = parseLockfile('package-lock.json', v3);
    expect(result?.error).toBeUndefined();
    expect(result?.packages).toEqual([
      { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 11, installPath: 'node_modules/lodash', direct: true, dev: false, license: 'MIT' },
      { name: 'jest', version: '29.0.0', ecosystem: 'npm', line: 15, installPath: 'node_modules/jest', direct: true, dev: true },
      // The nested copy of the same lodash version is a second install, with its own line.
      { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 19, installPath: 'node_modules/jest/node_modules/lodash', direct: false, dev: true },
      { name: 'string-width', version: '4.2.0', ecosystem: 'npm', line: 23, installPath: 'node_modules/cjs', direct: true, dev: false },
      { name: '@scope/pkg', version: '1.0.0', ecosystem: 'npm', line: 27, installPath: 'node_modules/@scope/pkg', direct: false, dev: false },
    ]);
  });

  it('v3: a package resolved from git or a local file says its origin', () => {
    const text = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { forked: 'github:team/forked#fix', packed: 'file:packed-1.0.0.tgz', plain: '^1' } },
        'node_modules/forked': { version: '4.17.15', resolved: 'git+ssh://git@github.com/team/forked.git#0123456789abcdef0123456789abcdef01234567' },
        'node_modules/packed': { version: '1.0.0', resolved: 'file:packed-1.0.0.tgz' },
        'node_modules/plain': { version: '1.2.0', resolved: 'https://registry.npmjs.org/plain/-/plain-1.2.0.tgz' },
      },
    }, null, 2);
    expect(parseLockfile('package-lock.json', text)?.packages.map((p) => [p.name, p.origin])).toEqual([
      ['forked', 'git'], ['packed', 'local'], ['plain', undefined],
    ]);
  });

  it('v1: each nested copy of one name@version is its own entry, with the install path its nesting spells', () => {
    const v1 = JSON.stringify(
      {
        lockfileVersion: 1,
        dependencies: {
          qs: { version: '6.5.1' },
          express: { version: '4.16.0', dependencies: { qs: { version: '6.5.1' } } },
          'body-parser': { version: '1.18.2', dependencies: { qs: { version: '6.5.1' } } },
        },
      },
      null,
      2,
    );
    const result = parseLockfile('package-lock.json', v1);
    expect(result?.packages.filter((p) => p.name === 'qs').map((p) => [p.line, p.installPath])).toEqual([
      [4, 'node_modules/qs'],
      [10, 'node_modules/express/node_modules/qs'],
      [18, 'node_modules/body-parser/node_modules/qs'],
    ]);
  });

  it('reads v1 nested dependencies, resolves npm: aliases and blanks git versions', () => {
    const v1 = JSON.stringify(
      {
        lockfileVersion: 1,
        dependencies: {
          'babel-code-frame': { version: 'npm:@babel/code-frame@7.0.0' },
          mine: { version: 'git+ssh://git@github.com/o/mine.git#abc123', dev: true },
          parent: { version: '1.0.0', dependencies: { child: { version: '2.0.0' } } },
        },
      },
      null,
      2,
    );
    const result = parseLockfile('npm-shrinkwrap.json', v1);
    expect(result?.packages.map((p) => [p.name, p.version, p.line, p.dev])).toEqual([
      ['@babel/code-frame', '7.0.0', 4, false],
      ['mine', '', 7, true],
      ['parent', '1.0.0', 11, false],
      ['child', '2.0.0', 14, false],
    ]);
  });

  it('is an error, not a throw, for malformed JSON or a JSON file that is no lockfile', () => {
    expect(parseLockfile('package-lock.json', '{ "lockfileVersion": 3, ')?.error).toMatch(/invalid JSON/);
    expect(parseLockfile('package-lock.json', '{ "name": "x", "dependencies": {} }')?.error).toMatch(/lockfileVersion/);
    expect(parseLockfile('package-lock.json', '{ "lockfileVersion": 2, }')?.error).toMatch(/invalid JSON/);
  });
});

describe('keyLinesAt (the fast line scan for big package-locks)', () => {
  it('finds the keys of the object at a path only, through escapes, nested look-alikes and repeats', async () => {
    const { keyLinesAt } = await import('../../../src/scanners/sca/lockfiles/json.js');
    const text = [
      '{',
      '  "name": "{\\"packages\\": [",',
      '  "nested": { "packages": { "node_modules/decoy": {} } },',
      '  "packages": {',
      '    "node_modules/a\\"b": {',
      '      "dependencies": { "node_modules/inner": "1" }',
      '    },',
      '    "node_modules/c"',
      '      : { "x": ["{", "}"] },',
      '    "node_modules/c": {}',
      '  }',
      '}',
    ].join('\n');
    const scan = keyLinesAt(text, ['packages']);
    expect(scan.tooDeep).toBe(false);
    expect([...(scan.lines ?? new Map())]).toEqual([
      ['node_modules/a"b', [5]],
      ['node_modules/c', [8, 10]],
    ]);
    expect(keyLinesAt('[[[[1]]]]', ['packages'], 3).tooDeep).toBe(true);
    expect(keyLinesAt('{"other": {}}', ['packages']).lines).toBeUndefined();
  });

  it('a minified v3 lockfile reads with every package on line 1', () => {
    const text = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/a': { version: '1.0.0' } } });
    expect(parseLockfile('package-lock.json', text)?.packages).toEqual([
      { name: 'a', version: '1.0.0', ecosystem: 'npm', line: 1, installPath: 'node_modules/a', direct: false, dev: false },
    ]);
  });
});
