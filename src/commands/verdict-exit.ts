import type { Report } from '../model.js';
import { exitCodeOf } from '../policy/summary.js';
import type { OutputStream } from './types.js';

/**
 * The exit code of a scan or merge report, and for an incomplete scan (exit 2) the one-line reason on stderr:
 * what could not be scanned first, and how to opt out, so a red pre-commit hook or CI step explains itself.
 */
export function verdictExit(report: Report, stderr: OutputStream): number {
  const code = exitCodeOf(report.summary);
  if (code === 2) {
    const first = report.errors[0];
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
    const what = first ? `${first.path}: ${first.reason}`.replace(/\s+/g, ' ').slice(0, 300) : 'errors were reported';
    stderr.write(`shiftguard: scan incomplete, not a pass: ${what}${more}; set failOnError: false (or --fail-on-error false) to report errors without failing\n`);
  }
  return code;
}
