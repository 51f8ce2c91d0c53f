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
 * The verdict. Errors (files that could not be scanned) are counted but do not decide it: the CLI
 * fails on findings only, while the action fails closed on errors itself. bySeverity and byScanner
 * count active (unsuppressed) findings, new and existing.
 */
export function summarize(findings: Finding[], errors: number, filesScanned: number, failOn: FailOn): Summary {
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
  const verdict = failing > 0 ? 'fail' : 'pass';
  const reason =
    failOn === 'none'
      ? 'failOn is none: findings never fail the run'
      : failing > 0
        ? `${plural(failing, 'new finding')} at or above ${failOn}`
        : `no new findings at or above ${failOn}`;
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
    reason,
  };
}
