import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { main } from '../../src/commands/main.js';
import type { DepsOutput } from '../../src/commands/deps.js';
import { memoryIo } from '../helpers/cliIo.js';

const files: Record<string, string> = {
  '.gitignore': 'ignored/\n*.bak\n',
  'package-lock.json': JSON.stringify(
    {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { '@babel/core': '^7.0.0' }, devDependencies: { lodash: '^4' } },
        'node_modules/@babel/core': { version: '7.1.0', license: 'MIT' },
        'node_modules/lodash': { version: '4.17.15', dev: true },
        // A second installed copy of the same name@version, nested under its dependent.
        'node_modules/@babel/core/node_modules/lodash': { version: '4.17.15' },
      },
    },
    null,
    2,
  ),
  'web/bun.lock': [
    '{',
    '  "lockfileVersion": 1,',
    '  "workspaces": { "": { "name": "web", "dependencies": { "chalk": "^4", "supports-color": "^7" } } },',
    '  "packages": {',
    '    "chalk": ["chalk@4.1.2", "", {}, "sha512-a"],',
    '    "supports-color": ["supports-color@7.2.0", "", {}, "sha512-b"],',
    '    "chalk/supports-color": ["supports-color@7.2.0", "", {}, "sha512-b"],',
    '  },',
    '}',
  ].join('\n'),
  'py/requirements.txt': 'Django_Rest==3.0.0\n-r extra.in\n',
  'py/extra.in': 'six==1.16.0\n',
  // A folder named like an Object.prototype member (real trees have them) is no lockfile format.
  'docs/constructor/notes.txt': 'prose\n',
  'svc/go.mod': 'module x\n\ngo 1.21\n\nrequire github.com/a/b v1.2.3\n',
  'svc/pom.xml': '<project><dependencies><dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>1.0</version></dependency></dependencies></project>',
  'broken/Cargo.lock': '[[package]\nname = "x"\n',
  'ignored/yarn.lock': 'left-pad@^1:\n  version "1.3.0"\n',
  'node_modules/x/package-lock.json': '{"lockfileVersion": 3, "packages": {"node_modules/y": {"version": "1.0.0"}}}',
  // A fixture tree named by format: upstream file names, no canonical lockfile in the folder.
  'fixtures/cargo-lock/two.lock': '[[package]]\nname = "libc"\nversion = "0.2.140"\n',
  'fixtures/cargo-lock/two.Cargo.toml': '[package]\nname = "x"\n',
  'fixtures/not-a-format/two.lock': '[[package]]\nname = "nope"\nversion = "1.0.0"\n',
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shiftguard-deps-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = memoryIo(root);
  const code = await main(['deps', ...args], io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('shiftguard deps', () => {
  it('lists every package of the lockfiles under the path, with errors as entries', async () => {
    const { code, stdout, stderr } = await run(['.', '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as DepsOutput;
    expect(out.packages.map((p) => [p.path, p.line, p.ecosystem, p.name, p.version, p.direct, p.dev])).toEqual([
      ['fixtures/cargo-lock/two.lock', 2, 'crates.io', 'libc', '0.2.140', null, null],
      ['package-lock.json', 12, 'npm', '@babel/core', '7.1.0', true, false],
      ['package-lock.json', 16, 'npm', 'lodash', '4.17.15', true, true],
      ['package-lock.json', 20, 'npm', 'lodash', '4.17.15', false, false],
      ['py/requirements.txt', 1, 'PyPI', 'Django_Rest', '3.0.0', true, null],
      ['py/extra.in', 1, 'PyPI', 'six', '1.16.0', true, null],
      ['svc/go.mod', 5, 'Go', 'github.com/a/b', '1.2.3', true, null],
      ['svc/go.mod', 3, 'Go', 'stdlib', '1.21', null, null],
      ['svc/pom.xml', 1, 'Maven', 'org.x:y', '1.0', true, false],
      ['web/bun.lock', 5, 'npm', 'chalk', '4.1.2', true, false],
      ['web/bun.lock', 6, 'npm', 'supports-color', '7.2.0', true, false],
      ['web/bun.lock', 7, 'npm', 'supports-color', '7.2.0', false, null],
    ]);
    // Two installed copies of one name@version are told apart by where they are installed; formats
    // without install paths carry no field.
    expect(out.packages.map((p) => p.installPath)).toEqual([
      undefined,
      'node_modules/@babel/core',
      'node_modules/lodash',
      'node_modules/@babel/core/node_modules/lodash',
      undefined, undefined, undefined, undefined, undefined,
      'chalk',
      'supports-color',
      'chalk/supports-color',
    ]);
    expect(out.errors).toEqual([{ path: 'broken/Cargo.lock', reason: expect.stringMatching(/invalid TOML/) }]);
    expect(stderr).toMatch(/1 file\(s\) could not be parsed/);
  });

  it('takes single files and several paths, and reports a path that does not exist', async () => {
    const { stdout } = await run(['svc/go.mod', 'fixtures/cargo-lock/two.lock', 'nope']);
    const out = JSON.parse(stdout) as DepsOutput;
    expect(out.packages.map((p) => `${p.path}:${p.name}`)).toEqual(['svc/go.mod:github.com/a/b', 'svc/go.mod:stdlib', 'fixtures/cargo-lock/two.lock:libc']);
    expect(out.errors).toEqual([{ path: 'nope', reason: expect.stringMatching(/ENOENT/) }]);
  });

  it('writes a CycloneDX 1.5 SBOM that validates against the official schema', async () => {
    const { code } = await run(['--format=cyclonedx', '--output', 'sbom.json']);
    expect(code).toBe(0);
    const bom = JSON.parse(await readFile(join(root, 'sbom.json'), 'utf8')) as {
      serialNumber: string;
      components: Array<{ 'bom-ref': string; purl: string; evidence: unknown; properties: unknown[]; scope?: string }>;
    };
    expect(validateCycloneDx15(bom)).toEqual([]);
    // The validator is not vacuous: a 1.6-style occurrence line is rejected by the 1.5 schema.
    const withLine = structuredClone(bom) as { components: Array<{ evidence: { occurrences: Array<Record<string, unknown>> } }> };
    const first = withLine.components[0]?.evidence.occurrences[0];
    if (first) first.line = 2;
    expect(validateCycloneDx15(withLine)).not.toEqual([]);
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bom.components.map((c) => c.purl)).toEqual([
      'pkg:cargo/libc@0.2.140',
      'pkg:npm/%40babel/core@7.1.0',
      'pkg:npm/lodash@4.17.15',
      'pkg:npm/lodash@4.17.15',
      'pkg:pypi/django-rest@3.0.0',
      'pkg:pypi/six@1.16.0',
      'pkg:golang/github.com/a/b@v1.2.3',
      'pkg:golang/stdlib@v1.21',
      'pkg:maven/org.x/y@1.0',
      'pkg:npm/chalk@4.1.2',
      'pkg:npm/supports-color@7.2.0',
      'pkg:npm/supports-color@7.2.0',
    ]);
    expect(bom.components[2]).toMatchObject({
      'bom-ref': 'pkg:npm/lodash@4.17.15',
      scope: 'optional',
      evidence: { occurrences: [{ location: 'package-lock.json' }] },
      properties: expect.arrayContaining([
        { name: 'shiftguard:location', value: 'package-lock.json:16' },
        { name: 'shiftguard:installPath', value: 'node_modules/lodash' },
      ]),
    });
    // Each installed copy is one component with its own bom-ref; the top-level copy keeps the bare purl.
    const refs = bom.components.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toEqual(expect.arrayContaining([
      'pkg:npm/lodash@4.17.15|node_modules/@babel/core/node_modules/lodash',
      'pkg:npm/supports-color@7.2.0',
      'pkg:npm/supports-color@7.2.0|chalk/supports-color',
    ]));
  });

  it('rejects bad usage with exit code 2 and a one-line reason', async () => {
    const badFormat = await run(['--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be one of json\|cyclonedx/);
    expect((await run(['--bogus'])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: shiftguard deps/);
  });
});

/** The official CycloneDX 1.5 schema (shipped by @cyclonedx/cyclonedx-library) with the two it references. */
function validateCycloneDx15(bom: unknown): string[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
  const load = (name: string) => JSON.parse(require('node:fs').readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // CommonJS plugins: date-time from ajv-formats, iri-reference and idn-email from the draft 2019 set.
  type Plugin = (ajv: Ajv) => Ajv;
  (require('ajv-formats') as Plugin)(ajv);
  (require('ajv-formats-draft2019') as Plugin)(ajv);
  // bom-1.5 refers to them by their SNAPSHOT file names, relative to its own $id.
  ajv.addSchema({ ...load('spdx.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
  ajv.addSchema({ ...load('jsf-0.82.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json' });
  const validate = ajv.compile(load('bom-1.5.SNAPSHOT.schema.json'));
  validate(bom);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
