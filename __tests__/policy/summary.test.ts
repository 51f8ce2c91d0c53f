import type { Finding } from '../../src/model.js';
import { exitCodeOf, summarize } from '../../src/policy/summary.js';
import { mergeReports, type JsonReport } from '../../src/shard/merge.js';

const finding = (severity: Finding['severity']): Finding => ({
  scanner: 'sca', ruleId: 'GHSA-x', severity, path: 'package-lock.json', startLine: 3, endLine: 3, message: 'm',
  fingerprint: `fp-${severity}`, tags: [], new: true, inDiff: true, suppressed: null,
});

describe('summarize: the verdict, fail closed', () => {
  it('errors fail the verdict by default and the exit code is 2 when nothing else fails', () => {
    const s = summarize([], 2, 5, 'high');
    expect(s).toMatchObject({ verdict: 'fail', failing: 0, errors: 2, failOnError: true });
    expect(s.reason).toBe('no new findings at or above high; scan incomplete: 2 files or sources could not be scanned');
    expect(exitCodeOf(s)).toBe(2);
  });

  it('failOnError false keeps the errors in the reason as a warning and passes', () => {
    const s = summarize([finding('low')], 1, 5, 'high', false);
    expect(s).toMatchObject({ verdict: 'pass', failOnError: false });
    expect(s.reason).toBe('no new findings at or above high; 1 file or source could not be scanned (failOnError: false, warning only)');
    expect(exitCodeOf(s)).toBe(0);
  });

  it('failing findings decide the exit code (1) even with errors; fail-on none still fails closed on errors', () => {
    const both = summarize([finding('critical')], 1, 5, 'high');
    expect(both.reason).toBe('1 new finding at or above high; scan incomplete: 1 file or source could not be scanned');
    expect(exitCodeOf(both)).toBe(1);
    expect(exitCodeOf(summarize([finding('critical')], 1, 5, 'none'))).toBe(2);
    expect(exitCodeOf(summarize([finding('critical')], 0, 5, 'none'))).toBe(0);
  });
});

describe('mergeReports and failOnError', () => {
  const shard = (errors: number, failOnError: boolean | undefined): JsonReport => {
    const summary = summarize([], errors, 1, 'high', failOnError ?? true);
    if (failOnError === undefined) delete summary.failOnError;
    return { findings: [], errors: Array.from({ length: errors }, (_, i) => ({ path: `f${i}`, reason: 'bad' })), summary };
  };

  it('errors fail the merge unless every shard ran with failOnError false; reports without the field count as true', () => {
    expect(mergeReports([shard(1, false), shard(0, false)]).summary.verdict).toBe('pass');
    expect(mergeReports([shard(1, false), shard(0, true)]).summary.verdict).toBe('fail');
    expect(mergeReports([shard(1, false), shard(0, undefined)]).summary.verdict).toBe('fail');
  });
});
