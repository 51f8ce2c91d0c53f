import { SCANNER_IDS, SEVERITIES, severityRank, type Finding, type ScannerId, type Severity, type Summary } from '../model.js';
import type { FailOn } from '../config.js';

/** Whether a finding counts against the threshold: active (not suppressed), new, severe enough. */
export function isFailing(finding: Finding, failOn: FailOn): boolean {
  return failOn !== 'none' && finding.suppressed === null && finding.new && severityRank(finding.severity) >= severityRank(failOn);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The verdict, the same in the CLI, the pre-commit hook and the action (fail closed): a new, active finding at or
 * above the threshold fails, and so does anything that could not be scanned (a file that did not parse, an
 * advisory source that did not answer) unless `failOnError` is false, which keeps the errors listed as a warning.
 * bySeverity and byScanner count active (unsuppressed) findings, new and existing.
 */
export function summarize(findings: Finding[], errors: number, filesScanned: number, failOn: FailOn, failOnError = true): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byScanner = Object.fromEntries(SCANNER_IDS.map((s) => [s, 0])) as Record<ScannerId, number>;
  let fresh = 0;
  let suppressed = 0;
  let failing = 0;
  for (const finding of findings) {
    if (finding.new) fresh++;
    if (finding.suppressed) {
      suppressed++;
      continue;
    }
    bySeverity[finding.severity]++;
    byScanner[finding.scanner]++;
    if (isFailing(finding, failOn)) failing++;
  }
  const incomplete = failOnError && errors > 0;
  const verdict = failing > 0 || incomplete ? 'fail' : 'pass';
  const parts: string[] = [];
  if (failing > 0) parts.push(`${plural(failing, 'new finding')} at or above ${failOn}`);
  if (errors > 0) {
    const what = `${errors} ${errors === 1 ? 'file or source' : 'files or sources'} could not be scanned`;
    parts.push(incomplete ? `scan incomplete: ${what}` : `${what} (failOnError: false, warning only)`);
  }
  if (failing === 0) {
    parts.unshift(failOn === 'none' ? 'failOn is none: findings never fail the run' : `no new findings at or above ${failOn}`);
  }
  return {
    total: findings.length,
    new: fresh,
    existing: findings.length - fresh,
    suppressed,
    failing,
    bySeverity,
    byScanner,
    errors,
    filesScanned,
    failOn,
    verdict,
    reason: parts.join('; '),
    failOnError,
  };
}

/**
 * The CLI's exit code for a summary: 1 when findings fail it, 2 when only an incomplete scan does (the same
 * code as any error that stopped the run: the result is unknown, not clean), else 0.
 */
export function exitCodeOf(summary: Summary): 0 | 1 | 2 {
  if (summary.failing > 0) return 1;
  return summary.verdict === 'fail' ? 2 : 0;
}
