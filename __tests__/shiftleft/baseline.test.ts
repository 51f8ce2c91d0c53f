import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/commands/main.js';
import { memoryIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';
import { ageInDays, computeMetrics } from '../../src/policy/metrics.js';

interface JsonReport {
  findings: { path: string; new: boolean; suppressed: { kind: string; since?: string } | null }[];
  summary: {
    verdict: string;
    fixed?: { path: string; ruleId: string; since?: string }[];
    metrics: { new: number; existing: number; suppressed: number; fixed: number; ages: { ageDays: number; kind: string }[]; byScannerSeverity: Record<string, Record<string, number>> };
  };
}

async function scanJson(root: string, ...args: string[]): Promise<{ code: number; report: JsonReport }> {
  const run = memoryIo(root);
  const code = await main(['scan', '--scanners', 'manifests', '--format', 'json', ...args], run.io);
  return { code, report: JSON.parse(run.stdout()) as JsonReport };
}

describe('baselines', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
    dir.write('old.yaml', 'a: BAD\n').write('legacy/x.yaml', 'b: BAD\nc: fine\n');
  });
  afterEach(() => dir.remove());

  test('baseline writes fingerprints, rule, path and date, never content', async () => {
    const run = memoryIo(dir.root);
    expect(await main(['baseline', '--scanners', 'manifests'], run.io)).toBe(0);
    const text = readFileSync(join(dir.root, '.shiftguard-baseline.json'), 'utf8');
    const file = JSON.parse(text) as { version: number; findings: { fingerprint: string; ruleId: string; path: string; since: string }[] };
    expect(file.version).toBe(1);
    expect(file.findings.map((e) => [e.path, e.ruleId, e.since])).toEqual([
      ['legacy/x.yaml', 'no-bad', '2026-06-01'],
      ['old.yaml', 'no-bad', '2026-06-01'],
    ]);
    expect(text).not.toContain('BAD');
    expect(run.stderr()).toContain('2 findings written');
  });

  test('baselined findings are reported as suppressed, not failed on; a new one still fails; gone ones are "fixed"', async () => {
    expect(await main(['baseline', '--scanners', 'manifests', '--output', 'bl.json'], memoryIo(dir.root).io)).toBe(0);
    const accepted = await scanJson(dir.root, '--baseline', 'bl.json');
    expect(accepted.code).toBe(0);
    expect(accepted.report.findings.map((f) => [f.path, f.new, f.suppressed?.kind, f.suppressed?.since])).toEqual([
      ['legacy/x.yaml', false, 'baseline', '2026-06-01'],
      ['old.yaml', false, 'baseline', '2026-06-01'],
    ]);

    // Fix one, add one: the new one fails, the fixed one is listed.
    unlinkSync(join(dir.root, 'old.yaml'));
    dir.write('legacy/x.yaml', 'b: BAD\nc: BAD too\n');
    const later = await scanJson(dir.root, '--baseline', 'bl.json');
    expect(later.code).toBe(1);
    expect(later.report.summary.fixed).toEqual([expect.objectContaining({ path: 'old.yaml', ruleId: 'no-bad', since: '2026-06-01' })]);
    expect(later.report.summary.metrics).toMatchObject({ new: 1, existing: 1, suppressed: 1, fixed: 1 });
    expect(later.report.summary.metrics.byScannerSeverity.manifests!.high).toBe(2);

    const text = memoryIo(dir.root);
    await main(['scan', '--scanners', 'manifests', '--baseline', 'bl.json'], text.io);
    expect(text.stdout()).toContain('Fixed since the baseline:\nold.yaml no-bad (baselined 2026-06-01)');
    expect(text.stdout()).toContain('1 baselined fixed');
  });

  test('config key baseline: is read relative to the root; a broken file is exit 2 naming it', async () => {
    await main(['baseline', '--scanners', 'manifests', '--output', 'bl.json'], memoryIo(dir.root).io);
    dir.write('.shiftguard.yml', 'baseline: bl.json\n');
    expect((await scanJson(dir.root)).code).toBe(0);
    dir.write('bl.json', '{"version":1,"tool":"shiftguard","findings":[{"ruleId":"x"}]}');
    const run = memoryIo(dir.root);
    expect(await main(['scan', '--scanners', 'manifests'], run.io)).toBe(2);
    expect(run.stderr()).toContain('baseline bl.json: findings.0.fingerprint');
  });

  test('re-running baseline keeps the first date of entries already there', async () => {
    dir.write('bl.json', JSON.stringify({ version: 1, tool: 'shiftguard', findings: [] }));
    await main(['baseline', '--scanners', 'manifests', '--output', 'bl.json'], memoryIo(dir.root).io);
    const first = JSON.parse(readFileSync(join(dir.root, 'bl.json'), 'utf8')) as { findings: { fingerprint: string; since: string }[] };
    const edited = { version: 1, tool: 'shiftguard', findings: first.findings.map((e) => ({ ...e, since: '2025-01-01' })) };
    dir.write('bl.json', JSON.stringify(edited));
    await main(['baseline', '--scanners', 'manifests', '--output', 'bl.json'], memoryIo(dir.root).io);
    const second = JSON.parse(readFileSync(join(dir.root, 'bl.json'), 'utf8')) as { findings: { since: string }[] };
    expect(second.findings.map((e) => e.since)).toEqual(['2025-01-01', '2025-01-01']);
    // And the age shows in the metrics: 2025-01-01 -> 2026-06-01 is 516 days.
    const { report } = await scanJson(dir.root, '--baseline', 'bl.json');
    expect(report.summary.metrics.ages.map((a) => [a.kind, a.ageDays])).toEqual([
      ['baseline', 516],
      ['baseline', 516],
    ]);
  });
});

describe('metrics', () => {
  test('ageInDays counts whole UTC days and never goes negative', () => {
    expect(ageInDays('2026-01-01', new Date('2026-01-11T23:00:00Z'))).toBe(10);
    expect(ageInDays('2027-01-01', new Date('2026-01-01T00:00:00Z'))).toBe(0);
  });

  test('exception ages come from their since date; median and max', () => {
    const base = { scanner: 'secrets' as const, severity: 'high' as const, startLine: 1, endLine: 1, message: 'm', tags: [], inDiff: true };
    const metrics = computeMetrics(
      [
        { ...base, ruleId: 'r', path: 'a', fingerprint: 'f1', new: true, suppressed: { kind: 'config', reason: 'ok', since: '2026-01-01' } },
        { ...base, ruleId: 'r', path: 'b', fingerprint: 'f2', new: false, suppressed: { kind: 'inline', reason: 'ok' } },
        { ...base, ruleId: 'r', path: 'c', fingerprint: 'f3', new: true, suppressed: null },
      ],
      [],
      new Date('2026-01-31T00:00:00Z'),
    );
    expect(metrics).toMatchObject({ new: 2, existing: 1, suppressed: 2, fixed: 0, suppressedByKind: { config: 1, inline: 1 }, maxAgeDays: 30, medianAgeDays: 30 });
    expect(metrics.byScannerSeverity.secrets.high).toBe(3);
  });
});
