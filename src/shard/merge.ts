import type { FailOn } from '../config.js';
import type { Finding, Report, RuleMeta, ScanError, Summary } from '../model.js';
import { computeMetrics } from '../policy/metrics.js';
import { summarize } from '../policy/summary.js';
import { SCANNERS } from '../scanners/registry.js';
import { toolInfo } from '../version.js';

/** What `shiftguard scan --format json` prints (rules are optional: the JSON contract omits them). */
export interface JsonReport {
  findings: Finding[];
  errors: ScanError[];
  summary: Summary;
  warnings?: ScanError[];
  rules?: RuleMeta[];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function compare(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.startLine - b.startLine || (a.startColumn ?? 0) - (b.startColumn ?? 0) || a.ruleId.localeCompare(b.ruleId);
}

/**
 * Combines shard reports into the report one unsharded run would give: findings deduplicated by
 * fingerprint+path+line (a lockfile or chart seen by two shards), errors and warnings unioned, the
 * summary recomputed by the policy with the strictest failOn any shard used (so a merge can never
 * turn a failing shard into a pass) and filesScanned added up.
 */
export function mergeReports(reports: JsonReport[]): Report {
  const findings = uniqueBy(
    reports.flatMap((r) => r.findings),
    (f) => `${f.fingerprint}\0${f.path}\0${f.startLine}`,
  ).sort(compare);
  const errors = uniqueBy(reports.flatMap((r) => r.errors), (e) => `${e.path}\0${e.scanner ?? ''}\0${e.reason}`);
  const warnings = uniqueBy(reports.flatMap((r) => r.warnings ?? []), (e) => `${e.path}\0${e.reason}`);
  // Ranked from strictest (low) to laxest (none).
  const order: FailOn[] = ['low', 'medium', 'high', 'critical', 'none'];
  const failOns = reports.map((r) => r.summary.failOn).filter((f): f is FailOn => (order as string[]).includes(f));
  const failOn = failOns.sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? 'low';
  const filesScanned = reports.reduce((sum, r) => sum + r.summary.filesScanned, 0);
  // A baselined finding is fixed only when no shard still produces it.
  const present = new Set(findings.map((f) => f.fingerprint));
  const fixedLists = reports.map((r) => r.summary.fixed).filter((f) => f !== undefined);
  const fixed = fixedLists.length
    ? uniqueBy(fixedLists.flat(), (f) => f.fingerprint).filter((f) => !present.has(f.fingerprint))
    : undefined;
  const summary = {
    // Errors fail the merge unless every shard was run with failOnError false (older reports lack the field: true).
    ...summarize(findings, errors.length, filesScanned, failOn, reports.every((r) => r.summary.failOnError === false) ? false : true),
    ...(fixed ? { fixed } : {}),
    metrics: computeMetrics(findings, fixed ?? [], new Date()),
  };
  const used = new Set(findings.map((f) => f.ruleId));
  const known = [...reports.flatMap((r) => r.rules ?? []), ...Object.values(SCANNERS).flatMap((s) => s.rules())];
  const rules = uniqueBy(known.filter((r) => used.has(r.id)), (r) => r.id).sort((a, b) => a.id.localeCompare(b.id));
  return { findings, errors, summary, rules, tool: toolInfo(), ...(warnings.length ? { warnings } : {}) };
}
