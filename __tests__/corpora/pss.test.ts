import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/commands/main.js';
import type { RawFinding } from '../../src/model.js';
import { corporaDir } from '../helpers/corpora.js';
import { scanFiles } from '../manifests/helpers.js';

// Pod Security Standards agreement over the official pod-security-admission fixtures: a fail fixture
// at level L needs a finding tagged at L or below, a pass fixture none (see the corpus README).

interface Expectation {
  file: string;
  level: 'baseline' | 'restricted';
  expect: 'pass' | 'fail';
  control: string;
}

const RANK = { baseline: 0, restricted: 1 } as const;

function levelOf(finding: RawFinding): number | null {
  if (finding.tags.includes('pss:baseline')) return RANK.baseline;
  if (finding.tags.includes('pss:restricted')) return RANK.restricted;
  return null;
}

function agreement(expectations: Expectation[], findingsOf: (file: string) => RawFinding[], via: string): string[] {
  const misses: string[] = [];
  for (const e of expectations) {
    const atOrBelow = findingsOf(e.file).filter((f) => {
      const level = levelOf(f);
      return level !== null && level <= RANK[e.level];
    });
    const ok = e.expect === 'fail' ? atOrBelow.length > 0 : atOrBelow.length === 0;
    if (!ok) misses.push(`${e.file} (${e.expect}): ${atOrBelow.map((f) => `${f.ruleId}@${f.startLine}`).join(', ') || 'no finding'}`);
  }
  const agreed = expectations.length - misses.length;
  console.log(
    `PSS agreement (${via}): ${agreed}/${expectations.length} fixtures (${((100 * agreed) / expectations.length).toFixed(1)} %)` +
      (misses.length ? `\n  disagreements:\n  ${misses.join('\n  ')}` : ''),
  );
  return misses;
}

function byPath(findings: RawFinding[]): (file: string) => RawFinding[] {
  return (file) => findings.filter((f) => f.path === file);
}

describe('Pod Security Standards corpus', () => {
  const dir = join(corporaDir(), 'pss');
  const expectations: Expectation[] = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Expectation);

  it('agrees with every fixture through the scanner', async () => {
    const findings: RawFinding[] = [];
    for (const e of expectations) findings.push(...(await scanFiles({ [e.file]: readFileSync(join(dir, e.file), 'utf8') })).findings);
    expect(agreement(expectations, byPath(findings), 'scanner')).toEqual([]);
  });

  it('agrees with every fixture through the CLI (scan <dir> --format json --scanners manifests)', async () => {
    const out: string[] = [];
    const io = {
      stdout: { write: (chunk: string) => out.push(chunk), isTTY: false },
      stderr: { write: () => undefined, isTTY: false },
      env: {},
      cwd: process.cwd(),
    };
    await main(['scan', dir, '--format', 'json', '--scanners', 'manifests', '--fail-on', 'none'], io);
    const report = JSON.parse(out.join('')) as { findings: RawFinding[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(agreement(expectations, byPath(report.findings), 'CLI')).toEqual([]);
  });

  const bundled = resolve('dist', 'cli.js');
  (existsSync(bundled) ? it : it.skip)('agrees through the bundled dist/cli.js', () => {
    const stdout = execFileSync(process.execPath, [bundled, 'scan', dir, '--format', 'json', '--scanners', 'manifests', '--fail-on', 'none'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as { findings: RawFinding[] };
    expect(agreement(expectations, byPath(report.findings), 'dist/cli.js')).toEqual([]);
  });
});
