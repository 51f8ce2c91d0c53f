// What a reader of an alert learns about its rule: name, help text, docs link, tags, GitHub severity score.
// Shared by the SARIF reporter and the generated rule docs so both say the same thing.

import type { RuleMeta, ScannerId, Severity } from '../model.js';
import type { SarifLevel, SarifPrecision } from './sarif-types.js';

/** One place for where generated rule pages live (docs/rules/<id>.md, written by `shiftguard rules --format markdown`). */
export const RULE_DOCS_BASE_URL = 'https://github.com/shiftguard/shiftguard/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${encodeURIComponent(ruleId)}.md`;
}

/** The rule's help page: its own (advisory rules) or its generated docs page. */
export function ruleHelpUri(rule: RuleMeta): string {
  return rule.helpUri ?? ruleDocsUrl(rule.id);
}

// GitHub maps security-severity to its labels: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
// The defaults sit inside each band so a rounding elsewhere never moves a rule across a boundary.
const SECURITY_SEVERITY: Record<Severity, number> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0, info: 0.0 };

export function securitySeverity(rule: Pick<RuleMeta, 'severity' | 'securitySeverity'>): string {
  const score = rule.securitySeverity ?? SECURITY_SEVERITY[rule.severity];
  const bounded = Number.isFinite(score) ? Math.min(10, Math.max(0, score)) : SECURITY_SEVERITY[rule.severity];
  return bounded.toFixed(1);
}

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** A Pascal-case friendly name from the title ("Container runs privileged" -> "ContainerRunsPrivileged"). */
export function ruleName(rule: Pick<RuleMeta, 'id' | 'title'>): string {
  const words = (rule.title.match(/[\p{L}\p{N}]+/gu) ?? rule.id.split('-')).filter((w) => w.length > 0);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  // An identifier cannot start with a digit; the id is always a usable fallback.
  return /^\p{L}/u.test(name) ? name : `Rule${name || rule.id}`;
}

// How often a rule's findings are right. Manifest checks read structured YAML deterministically; secrets and
// advisories depend on patterns and version data. A rule may say otherwise with a `precision:<level>` tag.
const SCANNER_PRECISION: Record<ScannerId, SarifPrecision> = { manifests: 'very-high', sca: 'high', secrets: 'high' };
const PRECISIONS: readonly SarifPrecision[] = ['very-high', 'high', 'medium', 'low'];

export function rulePrecision(rule: Pick<RuleMeta, 'scanner' | 'tags'>): SarifPrecision {
  for (const tag of rule.tags) {
    const level = /^precision:(.+)$/.exec(tag)?.[1];
    const known = PRECISIONS.find((p) => p === level);
    if (known) return known;
  }
  return SCANNER_PRECISION[rule.scanner];
}

/** GitHub rejects a rule with more tags than this (and shows the first 10). */
export const MAX_RULE_TAGS = 20;

/** `cwe:79` -> `external/cwe/cwe-079`, the form GitHub code scanning shows as a CWE link (as CodeQL writes it). */
function githubCweTag(tag: string): string | null {
  const n = /^cwe:(?:cwe-)?(\d+)$/i.exec(tag)?.[1];
  return n ? `external/cwe/cwe-${n.padStart(3, '0')}` : null;
}

/**
 * Tags in the order a reader needs them: GitHub keeps only the first 10 (and accepts 20), so `security` first (GitHub
 * reads security-severity only for rules tagged `security`: microsoft/sarif-sdk#2712), then CWE links and the
 * rule's own tags, then the scanner name. Capped at GitHub's 20 so even the CLI's SARIF uploads as it is.
 */
export function ruleTags(rule: Pick<RuleMeta, 'scanner' | 'tags'>): string[] {
  const cwe = rule.tags.map(githubCweTag).filter((t): t is string => t !== null);
  return [...new Set(['security', ...cwe, ...rule.tags, rule.scanner])].slice(0, MAX_RULE_TAGS);
}

export function isUrl(reference: string): boolean {
  return /^https?:\/\/\S+$/i.test(reference);
}

/** A reference as a Markdown list item: URLs as links, peer ids (CKV_K8S_16) as code. */
export function referenceMarkdown(reference: string): string {
  return isUrl(reference) ? `- <${reference}>` : `- \`${reference.replace(/`/g, "'")}\``;
}

export function referencesMarkdown(references: readonly string[]): string {
  return references.map(referenceMarkdown).join('\n');
}

/** SARIF help: plain text for tools that cannot render Markdown, Markdown for GitHub's alert page. */
export function ruleHelp(rule: RuleMeta): { text: string; markdown: string } {
  const refs = rule.references;
  const text = [
    rule.description,
    `How to fix: ${rule.remediation}`,
    ...(refs.length > 0 ? [`References:\n${refs.map((r) => `- ${r}`).join('\n')}`] : []),
  ].join('\n\n');
  const markdown =
    rule.helpMarkdown ??
    [
      rule.description,
      '## How to fix',
      rule.remediation,
      ...(refs.length > 0 ? ['## References', referencesMarkdown(refs)] : []),
      `[Rule documentation](${ruleHelpUri(rule)})`,
    ].join('\n\n');
  return { text, markdown };
}
