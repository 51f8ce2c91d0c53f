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
  it('reads v3 packages on the line of their "node_modules/..." key, with direct, dev and licence', () => {
    const result = parseLockfile('package-lock.json', v3);
    expect(result?.error).toBeUndefined();
    expect(result?.packages).toEqual([
      { name: 'lodash', version: '4.17.15', ecosystem: 'npm', line: 11, direct: true, dev: false, license: 'MIT' },
      { name: 'jest', version: '29.0.0', ecosystem: 'npm', line: 15, direct: true, dev: true },
      { name: 'string-width', version: '4.2.0', ecosystem: 'npm', line: 23, direct: true, dev: false },
      { name: '@scope/pkg', version: '1.0.0', ecosystem: 'npm', line: 27, direct: false, dev: false },
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
