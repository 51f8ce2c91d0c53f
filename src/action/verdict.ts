import type { Report, ScanError } from '../model.js';
import { failsThreshold, type Verdict } from '../report/check.js';

export interface Decision {
  verdict: Verdict;
  reason: string;
  /** Findings at or above fail-on that are new and active. */
  failing: number;
}

/**
 * Fail closed: findings at or above the threshold fail, and so does anything that could not be scanned
 * (unless fail-on-error is false, which turns errors into a warning that is still reported everywhere).
 */
export function decide(report: Report, errors: ScanError[], failOnError: boolean): Decision {
  const failing = report.findings.filter((f) => failsThreshold(f, report.summary.failOn)).length;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (failing > 0) parts.push(`${plural(failing, 'new finding')} at or above ${report.summary.failOn}`);
  // Worded as the CLI's summary words it, so the check, the job summary and a local run explain alike.
  const what = `${errors.length} ${errors.length === 1 ? 'file or source' : 'files or sources'} could not be scanned`;
  if (errors.length > 0) parts.push(failOnError ? `scan incomplete: ${what}` : `${what} (fail-on-error: false, warning only)`);
  const fail = failing > 0 || (failOnError && errors.length > 0);
  const reason = parts.length > 0 ? parts.join('; ') : report.summary.failOn === 'none' ? 'fail-on is none: findings never fail' : `no new findings at or above ${report.summary.failOn}`;
  return { verdict: fail ? 'fail' : 'pass', reason, failing };
}
