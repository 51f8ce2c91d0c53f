import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { severityRank } from '../../src/model.js';
import { toSarif } from '../../src/report/sarif.js';
import { encodeSarifForUpload, fitToGitHubLimits, gzipSize } from '../../src/report/sarif-limits.js';
import type { SarifLog, SarifResult } from '../../src/report/sarif-types.js';
import { bulkReport } from './fixtures/bulk.js';
import { sampleReport } from './fixtures/report.js';

function rank(result: SarifResult): number {
  return severityRank(result.properties.severity);
}

describe('results per run', () => {
  const log = toSarif(bulkReport(25_001));

  test('25,001 results: the 5,000 GitHub keeps are chosen by us, most severe first, and the rest counted', () => {
    const fitted = fitToGitHubLimits(log);
    const run = fitted.log.runs[0]!;
    expect(run.results).toHaveLength(5_000);
    expect(new Set(run.results.map((r) => r.properties.severity))).toEqual(new Set(['critical']));
    expect(fitted.omitted).toMatchObject({ results: 20_001, resultsOverRunLimit: 20_001, runs: 0, resultsForSize: 0 });
    expect(fitted.notes).toEqual([expect.stringContaining('20,001 more result(s) not shown')]);
    const notices = run.invocations[0]!.toolExecutionNotifications;
    expect(notices.at(-1)).toEqual({ level: 'warning', message: { text: fitted.notes[0] } });
    expect(fitted.fits).toBe(true);
    expect(log.runs[0]!.results).toHaveLength(25_001);
  });

  test('a caller may keep up to 25,000 (what GitHub accepts) but never more', () => {
    expect(fitToGitHubLimits(log, { maxResultsPerRun: 25_000 }).omitted.results).toBe(1);
    expect(fitToGitHubLimits(log, { maxResultsPerRun: 100_000 }).log.runs[0]!.results).toHaveLength(25_000);
  });

  test('active findings outrank suppressed ones of any severity, and new outranks existing', () => {
    const report = sampleReport();
    const fitted = fitToGitHubLimits(toSarif(report), { maxResultsPerRun: 2 });
    // Active: critical (new), github-pat high (new), medium, info, low; suppressed: medium, high.
    expect(fitted.log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['pss-privileged', 'github-pat']);
    const keepSix = fitToGitHubLimits(toSarif(report), { maxResultsPerRun: 6 }).log.runs[0]!.results;
    expect(keepSix.filter((r) => r.suppressions)).toHaveLength(1);
    expect(keepSix.find((r) => r.suppressions)?.ruleId).toBe('ghsa-xq3m-2v4x-88gg');
  });
});

test('21 runs: the least important run is left out, and said so', () => {
  const base = toSarif(bulkReport(30), { splitByScanner: true }).runs[0]!;
  const runs = Array.from({ length: 21 }, (_, i) => ({
    ...structuredClone(base),
    automationDetails: { id: `shiftguard/part-${i}/` },
    // Run 7 holds only low-severity results, so it is the one to go.
    results: i === 7 ? base.results.filter((r) => r.properties.severity === 'low') : structuredClone(base.results),
  }));
  const log: SarifLog = { ...toSarif(bulkReport(0)), runs };
  const fitted = fitToGitHubLimits(log);
  expect(fitted.log.runs).toHaveLength(20);
  expect(fitted.log.runs.map((r) => r.automationDetails?.id)).not.toContain('shiftguard/part-7/');
  expect(fitted.omitted).toMatchObject({ runs: 1, resultsInDroppedRuns: runs[7]!.results.length });
  expect(fitted.omitted.results).toBe(runs[7]!.results.length);
  expect(fitted.notes[0]).toMatch(/at most 20 runs.*shiftguard\/part-7\//);
});

test('25 tags on a rule: the first 20 are kept (GitHub shows the first 10), the rest counted', () => {
  const log = toSarif(bulkReport(15, { tags: 30 }));
  // toSarif already stops at 20; a log from elsewhere (or edited) may not.
  expect(log.runs[0]!.tool.driver.rules.every((r) => r.properties.tags.length === 20)).toBe(true);
  for (const rule of log.runs[0]!.tool.driver.rules) rule.properties.tags.push('extra-1', 'extra-2', 'extra-3', 'extra-4', 'extra-5');
  const before = log.runs[0]!.tool.driver.rules[0]!.properties.tags;
  expect(before).toHaveLength(25);
  const fitted = fitToGitHubLimits(log);
  const rules = fitted.log.runs[0]!.tool.driver.rules;
  for (const rule of rules) expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
  expect(rules[0]!.properties.tags).toEqual(before.slice(0, 20));
  expect(fitted.omitted.tags).toBe(rules.length * (before.length - 20));
  expect(fitted.notes[0]).toMatch(/at most 20 tags per rule/);
});

test('1,001 locations on a result: 1,000 kept', () => {
  const log = toSarif(bulkReport(3));
  const result = log.runs[0]!.results[0]!;
  result.locations = Array.from({ length: 1_001 }, () => structuredClone(result.locations[0]!));
  const fitted = fitToGitHubLimits(log);
  expect(fitted.log.runs[0]!.results[0]!.locations).toHaveLength(1_000);
  expect(fitted.omitted.locations).toBe(1);
});

test('fitting never changes the caller\'s log, even when every limit cuts', () => {
  const log = toSarif(bulkReport(5_010, { tags: 30 }));
  for (const rule of log.runs[0]!.tool.driver.rules) rule.properties.tags.push('extra-1', 'extra-2', 'extra-3', 'extra-4', 'extra-5');
  const result = log.runs[0]!.results[0]!;
  result.locations = Array.from({ length: 1_001 }, () => structuredClone(result.locations[0]!));
  const before = JSON.stringify(log);
  const fitted = fitToGitHubLimits(log);
  expect(fitted.omitted.tags).toBeGreaterThan(0);
  expect(fitted.omitted.resultsOverRunLimit).toBe(10);
  expect(JSON.stringify(log)).toBe(before);
});

describe('upload size', () => {
  // Incompressible messages, so the log is over 10 MB even gzipped (about 11 MB).
  const big = toSarif(bulkReport(2_400, { filler: () => randomBytes(4_500).toString('base64') }));

  test('over 10 MB gzipped: the lowest-severity results go until it fits, the most severe stay', () => {
    expect(gzipSize(big)).toBeGreaterThan(10_000_000);
    const fitted = fitToGitHubLimits(big);
    expect(fitted.fits).toBe(true);
    expect(fitted.gzipBytes).toBeLessThanOrEqual(10_000_000);
    expect(gzipSize(fitted.log)).toBe(fitted.gzipBytes);
    // Only as many as needed: one more result would not have fitted (each is ~4.6 KB gzipped).
    expect(fitted.gzipBytes).toBeGreaterThan(10_000_000 - 10_000);
    const kept = fitted.log.runs[0]!.results;
    expect(fitted.omitted.resultsForSize).toBe(2_400 - kept.length);
    expect(fitted.omitted.results).toBe(fitted.omitted.resultsForSize);
    const keptFingerprints = new Set(kept.map((r) => r.partialFingerprints['shiftguard/v1']));
    const dropped = big.runs[0]!.results.filter((r) => !keptFingerprints.has(r.partialFingerprints['shiftguard/v1']));
    expect(Math.min(...kept.map(rank))).toBeGreaterThanOrEqual(Math.max(...dropped.map(rank)));
    expect(fitted.notes.join('\n')).toMatch(/more result\(s\) not shown to stay under the 10,000,000-byte gzip upload limit/);
    // What was measured is what is written and uploaded: the fitted log's JSON and exactly those bytes compressed.
    expect(fitted.json).toBe(JSON.stringify(fitted.log));
    expect(fitted.gzip.length).toBe(fitted.gzipBytes);
    expect(gunzipSync(fitted.gzip).toString('utf8')).toBe(fitted.json);
    expect(encodeSarifForUpload(fitted.log)).toBe(fitted.gzip.toString('base64'));
  });

  test('when even the rules alone are too large it says so instead of pretending', () => {
    const fitted = fitToGitHubLimits(toSarif(bulkReport(30)), { maxGzipBytes: 500 });
    expect(fitted.fits).toBe(false);
    expect(fitted.log.runs[0]!.results).toHaveLength(0);
    expect(fitted.omitted.resultsForSize).toBe(30);
    expect(fitted.notes.join('\n')).toMatch(/Even without results/);
  });
});

test('a log within every limit comes back unchanged', () => {
  const log = toSarif(sampleReport(), { splitByScanner: true });
  const fitted = fitToGitHubLimits(log);
  expect(fitted.log).toEqual(log);
  expect(fitted.notes).toEqual([]);
  expect(fitted.omitted.results + fitted.omitted.runs + fitted.omitted.tags + fitted.omitted.locations).toBe(0);
});

test('upload encoding is gzip then Base64, and decodes to the same log', () => {
  const log = toSarif(sampleReport(), { splitByScanner: true });
  const encoded = encodeSarifForUpload(log);
  expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
  const decoded = gunzipSync(Buffer.from(encoded, 'base64'));
  expect(decoded[0]).toBe('{'.charCodeAt(0));
  expect(JSON.parse(decoded.toString('utf8'))).toEqual(log);
});
