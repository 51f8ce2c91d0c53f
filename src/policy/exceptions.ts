import picomatch from 'picomatch';
import type { ConfigException } from '../config.js';
import type { RawFinding, ScanError } from '../model.js';

export interface ActiveException {
  exception: ConfigException;
  matchesPath: (path: string) => boolean;
}

/** Today as YYYY-MM-DD (UTC), the format of `expires`. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Splits config exceptions into those still in force and warnings for expired ones: an exception
 * is valid through its `expires` day and stops applying the day after.
 */
export function activeExceptions(exceptions: ConfigException[], now: Date): { active: ActiveException[]; warnings: ScanError[] } {
  const today = isoDay(now);
  const active: ActiveException[] = [];
  const warnings: ScanError[] = [];
  for (const exception of exceptions) {
    if (exception.expires !== undefined && exception.expires < today) {
      warnings.push({
        path: exception.path ?? '.shiftguard.yml',
        reason: `exception for ${exception.rule} expired on ${exception.expires} and no longer applies (${exception.reason})`,
      });
      continue;
    }
    const matchesPath = exception.path === undefined ? () => true : picomatch(exception.path, { dot: true });
    active.push({ exception, matchesPath });
  }
  return { active, warnings };
}

export function matchException(active: ActiveException[], finding: RawFinding): ConfigException | undefined {
  return active.find(
    ({ exception, matchesPath }) =>
      exception.rule === finding.ruleId &&
      (exception.fingerprint === undefined || exception.fingerprint === finding.fingerprint) &&
      matchesPath(finding.path),
  )?.exception;
}
