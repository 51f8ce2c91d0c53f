import { SCANNER_IDS, SEVERITIES, type Finding, type FixedFinding, type Metrics, type ScannerId, type Severity } from '../model.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from an ISO date (YYYY-MM-DD, UTC) to now; never negative. */
export function ageInDays(since: string, now: Date): number {
  const start = Date.parse(`${since}T00:00:00Z`);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((now.getTime() - start) / DAY_MS));
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The per-run numbers behind a time-to-remediate dashboard: counts, and how old accepted debt is. */
export function computeMetrics(findings: Finding[], fixed: FixedFinding[], now: Date): Metrics {
  const byScannerSeverity = Object.fromEntries(
    SCANNER_IDS.map((id) => [id, Object.fromEntries(SEVERITIES.map((s) => [s, 0]))]),
  ) as Record<ScannerId, Record<Severity, number>>;
  const metrics: Metrics = { byScannerSeverity, new: 0, existing: 0, suppressed: 0, fixed: fixed.length, suppressedByKind: {}, ages: [] };
  for (const f of findings) {
    byScannerSeverity[f.scanner][f.severity]++;
    if (f.new) metrics.new++;
    else metrics.existing++;
    if (!f.suppressed) continue;
    metrics.suppressed++;
    const kind = f.suppressed.kind;
    metrics.suppressedByKind[kind] = (metrics.suppressedByKind[kind] ?? 0) + 1;
    if (f.suppressed.since) {
      metrics.ages.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, kind, ageDays: ageInDays(f.suppressed.since, now) });
    }
  }
  const days = metrics.ages.map((a) => a.ageDays);
  if (days.length) {
    metrics.maxAgeDays = Math.max(...days);
    metrics.medianAgeDays = median(days)!;
  }
  return metrics;
}
