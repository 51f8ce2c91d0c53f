import type { ChangeSet, Finding, Report, RuleMeta, Severity } from '../../../src/model.js';
import { SCANNER_IDS, SEVERITIES } from '../../../src/model.js';

/** A finding as policy would leave it; tests override what the story needs. */
export function finding(overrides: Partial<Finding> & Pick<Finding, 'path' | 'startLine' | 'ruleId'>): Finding {
  return {
    scanner: 'manifests',
    severity: 'high',
    endLine: overrides.startLine,
    message: `${overrides.ruleId} at ${overrides.path}`,
    fingerprint: `fp${overrides.ruleId}${overrides.path}`.replace(/[^A-Za-z0-9]/g, '').slice(0, 40),
    tags: [],
    new: true,
    inDiff: true,
    suppressed: null,
    ...overrides,
  };
}

export function rule(id: string, severity: Severity = 'high'): RuleMeta {
  return { id, scanner: 'manifests', title: `Rule ${id}`, severity, description: 'd', remediation: 'Set it to false.', references: [], tags: [] };
}

/** A Report with a summary computed the way the pipeline does (new, active, at or above fail-on fail). */
export function reportOf(findings: Finding[], failOn: Severity | 'none' = 'high'): Report {
  const rank = (s: Severity): number => SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
  const failing = findings.filter((f) => failOn !== 'none' && f.new && !f.suppressed && rank(f.severity) >= rank(failOn)).length;
  return {
    findings,
    errors: [],
    summary: {
      total: findings.length,
      new: findings.filter((f) => f.new).length,
      existing: findings.filter((f) => !f.new).length,
      suppressed: findings.filter((f) => f.suppressed).length,
      failing,
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Report['summary']['bySeverity'],
      byScanner: Object.fromEntries(SCANNER_IDS.map((s) => [s, findings.filter((f) => f.scanner === s).length])) as Report['summary']['byScanner'],
      errors: 0,
      filesScanned: new Set(findings.map((f) => f.path)).size,
      failOn,
      verdict: failing > 0 ? 'fail' : 'pass',
      reason: 'test',
    },
    rules: [...new Set(findings.map((f) => f.ruleId))].map((id) => rule(id)),
    tool: { name: 'shiftguard', version: '0.0.0-test', informationUri: 'https://example.invalid/shiftguard' },
  };
}

export function emptyChangeSet(root: string): ChangeSet {
  const tree = { read: async () => null, list: async () => [] };
  return { root, files: [], head: tree, base: null, skipped: [] };
}
