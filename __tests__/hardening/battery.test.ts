import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { TempDir } from '../helpers/tempRepo.js';
import { hostileZip } from './hostile-zip.js';
import { expectError, expectKnownFindings, GOOD_TOKEN, PRIVILEGED_POD, runCase } from './run-case.js';

// Hostile pull request content: every case must finish, name the bad file in `errors` (when it is
// unreadable) and still report the two known findings runCase plants next to it.
const CASE_TIMEOUT = 60_000;
let cases = 0;
afterAll(() => console.log(`hostile-input battery: ${cases} cases`));

function hostile(name: string, setup: (dir: TempDir) => void, check: (result: Awaited<ReturnType<typeof runCase>>) => void, args: string[] = []) {
  cases++;
  test(name, async () => {
    const result = await runCase(setup, args);
    check(result);
    expectKnownFindings(result);
  }, CASE_TIMEOUT);
}

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i <= 9; i++) {
  const prev = String.fromCharCode(96 + i);
  const next = String.fromCharCode(97 + i);
  laughs.push(`${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
}

hostile('YAML alias bomb (billion laughs)', (d) => d.write('bomb.yaml', `${laughs.join('\n')}\n`), (r) => expectError(r, 'bomb.yaml', /alias|large|limit/i));

hostile('YAML nested 100k levels (flow and block)', (d) => {
  d.write('deep.yaml', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  d.write('deep-block.yaml', Array.from({ length: 100_000 }, (_, i) => `${' '.repeat(i % 2000)}k${i}:`).join('\n'));
}, (r) => {
  // Deep but well-formed YAML that is no Kubernetes object may parse; it must then yield no crash
  // error ("scanner ... failed") and no finding, or be reported by path.
  expect(r.errors.filter((e) => e.path === '.')).toEqual([]);
});

hostile('JSON nested 100k levels (package-lock.json)', (d) => d.write('deep/package-lock.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), (r) =>
  expectError(r, 'deep/package-lock.json'),
);

hostile('100 MB text file (sparse) is rejected by size', (d) => {
  d.write('huge.txt', '');
  truncateSync(join(d.root, 'huge.txt'), 100 * 1024 * 1024);
}, (r) => expectError(r, 'huge.txt', /too large \(104857600 bytes, limit 5242880; see maxFileBytes\); not read/));

hostile('10 MB single line with a token at its end (over the 5 MB limit)', (d) => d.write('line.txt', `${'x'.repeat(10 * 1024 * 1024)} ${GOOD_TOKEN}`), (r) =>
  expectError(r, 'line.txt', /too large \(10485801 bytes, limit 5242880; see maxFileBytes\); not read/),
);

hostile('4 MB single line with a token in the middle is still found', (d) => d.write('line.env', `K=${'ab '.repeat(700_000)}${GOOD_TOKEN}${' cd'.repeat(700_000)}\n`), (r) =>
  expect(r.findings.some((f) => f.path === 'line.env' && f.ruleId === 'github-pat')).toBe(true),
);

hostile('binary disguised as .yaml', (d) => d.write('image.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00])), (r) =>
  expectError(r, 'image.yaml', /binary/),
);

hostile('invalid UTF-8', (d) => d.write('bad.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a])), (r) => expectError(r, 'bad.yaml', /UTF-8/));

hostile('UTF-16 LE and BE with BOM: decoded, token found on its line', (d) => {
  const text = `# config\nTOKEN=${GOOD_TOKEN}\n`;
  d.write('utf16.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  d.write('utf16be.env', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
}, (r) => {
  expect(r.findings.find((f) => f.path === 'utf16.env' && f.ruleId === 'github-pat')?.startLine).toBe(2);
  expect(r.findings.find((f) => f.path === 'utf16be.env' && f.ruleId === 'github-pat')?.startLine).toBe(2);
});

hostile('CRLF and mixed line endings keep finding lines right', (d) => {
  d.write('crlf.env', `a=1\r\nb=2\r\nTOKEN=${GOOD_TOKEN}\r\n`);
  d.write('mixed.env', `a=1\nb=2\r\nc=3\rd=4\nTOKEN=${GOOD_TOKEN}\n`);
}, (r) => {
  expect(r.findings.find((f) => f.path === 'crlf.env')?.startLine).toBe(3);
  // A lone CR is not a line break for editors that GitHub's diff view follows (git counts LF only).
  expect(r.findings.find((f) => f.path === 'mixed.env')?.startLine).toBe(4);
});

hostile('symlinks outside the workspace and to /etc/passwd are skipped, not followed', (d) => {
  mkdirSync(join(d.root, 'links'));
  symlinkSync('/etc/passwd', join(d.root, 'links/passwd.yaml'));
  symlinkSync('../../../../../../../tmp', join(d.root, 'links/out.env'));
}, (r) => {
  expectError(r, 'links/passwd.yaml', /outside the scanned root/);
  expectError(r, 'links/out.env', /outside the scanned root/);
  expect(r.findings.some((f) => f.path.startsWith('links/'))).toBe(false);
  expect(r.stdout).not.toContain('root:x:0');
});

hostile('file names with spaces, a newline, unicode and leading dashes', (d) => {
  for (const name of ['with space.env', 'new\nline.env', 'ünï-čødé 🔑.env', '-rf.env', '--help.env']) d.write(`names/${name}`, `T=${GOOD_TOKEN}\n`);
}, (r) => {
  const paths = r.findings.filter((f) => f.path.startsWith('names/')).map((f) => f.path).sort();
  expect(paths).toEqual(['names/--help.env', 'names/-rf.env', 'names/new\nline.env', 'names/with space.env', 'names/ünï-čødé 🔑.env'].sort());
});

hostile('3,000 tiny files', (d) => {
  mkdirSync(join(d.root, 'many'));
  for (let i = 0; i < 3000; i++) writeFileSync(join(d.root, 'many', `f${i}.yaml`), `k${i}: v\n`);
}, (r) => expect(r.errors.filter((e) => e.path.startsWith('many/'))).toEqual([]));

hostile('lockfile with 100,000 entries completes', (d) => {
  const packages: Record<string, unknown> = { '': { name: 'big', version: '1.0.0' } };
  for (let i = 0; i < 100_000; i++) packages[`node_modules/p${i}`] = { version: '1.0.0' };
  d.write('big/package-lock.json', JSON.stringify({ name: 'big', lockfileVersion: 3, packages }));
}, (r) => {
  // The lockfile itself parses; the advisory DB named here does not exist, so the scan is incomplete (exit 2,
  // checked with the known findings) and says so, rather than passing with 100,000 unchecked packages.
  expect(r.errors.filter((e) => e.path === 'big/package-lock.json')).toEqual([]);
  expect(r.errors.some((e) => /SCA incomplete/.test(e.reason))).toBe(true);
}, ['--advisory-db', 'advisories']);

const CHART = { 'chart/Chart.yaml': 'apiVersion: v2\nname: evil\nversion: 0.1.0\n', 'chart/values.yaml': 'a: 1\n' };
function chart(d: TempDir, templates: Record<string, string>): void {
  for (const [path, content] of Object.entries({ ...CHART, ...templates })) d.write(path, content);
}

hostile('Helm .Files.Get "../../../../etc/passwd": refused, named by template', (d) => chart(d, { 'chart/templates/files.yaml': 'data: {{ .Files.Get "../../../../etc/passwd" | quote }}\n' }), (r) => {
  expectError(r, 'chart/templates/files.yaml', /escapes the chart directory/);
  expect(r.stdout).not.toContain('root:x:0');
});

hostile('Helm env "HOME": refused, named by template', (d) => chart(d, { 'chart/templates/env.yaml': 'home: {{ env "HOME" }}\n' }), (r) => {
  expectError(r, 'chart/templates/env.yaml', /env is not allowed/);
  expect(r.stdout).not.toContain(process.env.HOME ?? '/root');
});

hostile('Helm lookup answers empty, as `helm template` does offline: no cluster call, the rendered Pod still checked', (d) =>
  chart(d, {
    'chart/templates/pod.yaml': `${PRIVILEGED_POD.replace('privileged: true', 'privileged: {{ (lookup "v1" "Pod" "default" "x").spec | default true }}')}`,
  }), (r) => {
  // Not an error: charts use lookup to reuse live objects, and failing closed on every such chart would block them.
  expect(r.errors.filter((e) => e.path.startsWith('chart/'))).toEqual([]);
  expect(r.findings.some((f) => f.path === 'chart/templates/pod.yaml' && f.ruleId === 'pss-privileged')).toBe(true);
});

hostile('Helm recursion without end (a define that includes itself): stopped, named by template', (d) =>
  chart(d, { 'chart/templates/_loop.tpl': '{{ define "loop" }}{{ include "loop" . }}{{ end }}\n', 'chart/templates/loop.yaml': 'x: {{ include "loop" . }}\n' }), (r) =>
  expectError(r, 'chart/templates/_loop.tpl', /nesting deeper than \d+ \(recursive include of "loop"/),
);

hostile('Kustomize base outside the repo: refused, named by kustomization', (d) => d.write('kust/out/kustomization.yaml', 'resources:\n  - ../../../../../../etc\n'), (r) => {
  expectError(r, 'kust/out/kustomization.yaml', /escapes the repository root/);
  expect(r.stdout).not.toContain('root:x:0');
});

hostile('Kustomize helmCharts valuesFile ../../etc/passwd: refused, named by kustomization, never read', (d) => {
  d.write('kh/charts/app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  d.write('kh/charts/app/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  v: {{ .Values | toYaml | quote }}\n');
  d.write('kh/kustomization.yaml', 'helmCharts:\n  - name: app\n    valuesFile: ../../etc/passwd\n');
}, (r) => {
  expectError(r, 'kh/kustomization.yaml', /line 3: helm chart "app": valuesFile "\.\.\/\.\.\/etc\/passwd" is outside the repository and is never read/);
  expect(r.stdout).not.toContain('root:x:0');
});

hostile('Kustomize loop between two kustomizations: both named with the cycle', (d) => {
  d.write('kust/a/kustomization.yaml', 'resources:\n  - ../b\n');
  d.write('kust/b/kustomization.yaml', 'resources:\n  - ../a\n');
}, (r) => {
  expectError(r, 'kust/a/kustomization.yaml', /cycle: kust\/b -> kust\/a -> kust\/b/);
  expectError(r, 'kust/b/kustomization.yaml', /cycle: kust\/a -> kust\/b -> kust\/a/);
});

// Hostile advisory archives, given with --advisory-db; built here because zip writers refuse to make them.
const zips = new TempDir('shiftguard-zips-');
afterAll(() => zips.remove());
const VULNERABLE_LOCK = JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x', version: '1.0.0' }, 'node_modules/lodash': { version: '4.17.15' } } });
const ZIPS: Array<[string, () => Buffer, RegExp]> = [
  ['zip bomb: 64 MiB of one byte in one entry', () => hostileZip([{ name: 'npm/a.json', content: Buffer.alloc(64 * 1024 * 1024, 0x20) }]), /zip bomb: entry npm\/a.json unpacks to 67108864 bytes/],
  ['entry lying about its unpacked size', () => hostileZip([{ name: 'npm/a.json', content: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 100 }]), /too many bytes|expected 100/],
  ['entry named ../../evil.json', () => hostileZip([{ name: '../../evil.json', content: Buffer.from('{"id":"X"}') }]), /invalid relative path: \.\.\/\.\.\/evil\.json/],
  ['absolute entry name', () => hostileZip([{ name: '/etc/evil.json', content: Buffer.from('{"id":"X"}') }]), /absolute path/],
  ['corrupt zip (truncated before its directory)', () => hostileZip([{ name: 'npm/a.json', content: Buffer.from('{}') }]).subarray(0, 60), /not a zip file|truncated/],
];
for (const [name, build, reason] of ZIPS) {
  const file = join(zips.root, `${name.replace(/\W+/g, '-')}.zip`);
  hostile(`hostile advisory zip via --advisory-db: ${name}`, (d) => {
    writeFileSync(file, build());
    d.write('app/package-lock.json', VULNERABLE_LOCK);
  }, (r) => {
    expectError(r, file, reason);
    expect(r.errors.find((e) => e.path === file)?.reason).toMatch(/^SCA incomplete: advisory DB rejected: /);
    expect(existsSync(join(zips.root, '..', 'evil.json'))).toBe(false);
  }, ['--advisory-db', file]);
}

hostile('10 MB single lines under a raised limit: no scanner hangs, the token at the end of one is found', (d) => {
  const long = 'x'.repeat(10 * 1024 * 1024);
  d.write('.shiftguard.yml', `maxFileBytes: ${32 * 1024 * 1024}\n`);
  d.write('long/line.env', `K=${long} ${GOOD_TOKEN}`);
  d.write('long/line.yaml', `k: ${long}`);
  d.write('long/flow.yaml', `[${'a,'.repeat(5 * 1024 * 1024)}a]`);
  d.write('long/Dockerfile', `FROM alpine:3.19\nRUN echo ${long}`);
  d.write('long/requirements.txt', `${long}==1.0`);
  d.write('long/package-lock.json', JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: long.slice(0, 10), version: '1.0.0', description: long } } }));
}, (r) => {
  expect(r.findings.some((f) => f.path === 'long/line.env' && f.ruleId === 'github-pat')).toBe(true);
  // Parsers that cost per node or per character refuse by path rather than run for minutes.
  expectError(r, 'long/flow.yaml', /YAML too large to parse: up to 5242881 nodes/);
  expectError(r, 'long/Dockerfile', /Dockerfile too large to parse/);
  expect(r.errors.filter((e) => e.path === '.')).toEqual([]);
}, ['--advisory-db', 'long']);

// Counted as a case, but without the known findings: the run stops at the config.
test('config file with wrong types: exit 2, message names the key', async () => {
  cases++;
  const result = await runCase((d) => {
    d.write('.shiftguard.yml', 'failOn: 7\nmaxFileBytes: lots\n');
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/failOn|maxFileBytes/);
}, CASE_TIMEOUT);

const secretRules = loadBuiltinRules('secrets');
hostile(`regex bait for all ${secretRules.length} secret rules (keyword + 100k repeated characters)`, (d) => {
  for (const rule of secretRules) {
    const check = rule.check as { keywords?: string[] };
    const keyword = check.keywords?.[0] ?? rule.id;
    const lines = ['A', '0', 'a', '-', '=', ' ', '/'].map((c) => `${keyword}${c.repeat(100_000)}`);
    d.write(`bait/${rule.id}.txt`, `${lines.join('\n')}\n`);
  }
}, (r) => expect(r.code).toBe(0));
