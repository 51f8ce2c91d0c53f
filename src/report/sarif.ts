// Report -> SARIF 2.1.0 for code scanning and other SARIF viewers. Pure: report in, log out.
// The CLI writes one run; the action splits by scanner because code scanning rejects two runs of one category
// in an upload and replaces a category's alerts per upload, so each scanner needs its own stable category.

import { SCANNER_IDS, type Finding, type Report, type RuleMeta, type ScanError, type ScannerId } from '../model.js';
import { ruleHelp, ruleHelpUri, ruleName, rulePrecision, ruleTags, sarifLevel, securitySeverity } from './rule-help.js';
import { errorNotification, fingerprintOccurrences, toSarifResult, warningNotification } from './sarif-result.js';
import { SARIF_SCHEMA_URI, SARIF_VERSION, type SarifLog, type SarifRule, type SarifRun } from './sarif-types.js';
import { SRCROOT, rootFileUri } from './sarif-uri.js';

export interface SarifOptions {
  /** One run per scanner, each with category `<categoryPrefix>/<scanner>/` (the action); default one run (the CLI). */
  splitByScanner?: boolean;
  /** Default `shiftguard`. */
  categoryPrefix?: string;
  /** Absolute path (or file URI) of the repository root, recorded as %SRCROOT%; unknown when absent. */
  srcRoot?: string;
  /**
   * With splitByScanner: the scanners that ran. Each gets a run even when it has nothing to report, because an
   * upload replaces its category's analysis: an empty run is how code scanning learns that SCA alerts whose
   * advisory rules no longer appear were fixed. Default: the scanners with rules, findings or errors.
   */
  scanners?: readonly ScannerId[];
}

export const DEFAULT_CATEGORY_PREFIX = 'shiftguard';

/** The code scanning category of a scanner's run; SARIF reads a trailing '/' as "category without run id". */
export function sarifCategory(scanner: ScannerId, prefix = DEFAULT_CATEGORY_PREFIX): string {
  return `${prefix.replace(/\/+$/, '')}/${scanner}/`;
}

export function toSarifRule(rule: RuleMeta): SarifRule {
  return {
    id: rule.id,
    name: ruleName(rule),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: ruleHelp(rule),
    helpUri: ruleHelpUri(rule),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ruleTags(rule),
      'security-severity': securitySeverity(rule),
      precision: rulePrecision(rule),
      severity: rule.severity,
      scanner: rule.scanner,
    },
  };
}

/**
 * Metadata for a finding whose rule the report does not describe, so its result still has a valid rule. It has no
 * generated docs page, so its help link is the tool's home page.
 */
function placeholderRule(finding: Finding, informationUri: string): RuleMeta {
  return {
    id: finding.ruleId,
    scanner: finding.scanner,
    title: finding.ruleId,
    severity: finding.severity,
    description:
      `Findings of the ${finding.scanner} scanner under rule ${finding.ruleId}; ` +
      'the report carried no description of this rule.',
    remediation: 'Read the finding message for what to change.',
    references: [],
    tags: [...finding.tags],
    helpUri: informationUri,
  };
}

/** Each rule once (first description wins), plus a placeholder for any rule id only findings mention. */
function runRules(rules: readonly RuleMeta[], findings: readonly Finding[], informationUri: string): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const finding of findings) {
    if (!byId.has(finding.ruleId)) byId.set(finding.ruleId, placeholderRule(finding, informationUri));
  }
  return [...byId.values()];
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

interface RunParts {
  rules: readonly RuleMeta[];
  findings: readonly Finding[];
  errors: readonly ScanError[];
  warnings: readonly ScanError[];
  category?: string;
}

function buildRun(report: Report, parts: RunParts, srcRoot: string | undefined): SarifRun {
  const rules = runRules(parts.rules, parts.findings, report.tool.informationUri);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const occurrences = fingerprintOccurrences(parts.findings);
  const { tool } = report;
  const run: SarifRun = {
    tool: {
      driver: {
        name: tool.name,
        version: tool.version,
        ...(SEMVER.test(tool.version) ? { semanticVersion: tool.version } : {}),
        informationUri: tool.informationUri,
        rules: rules.map(toSarifRule),
      },
    },
    columnKind: 'utf16CodeUnits',
    // The scan itself completed; files it could not read are reported as error notifications (and fail the
    // check through the policy), not as a failed execution, which code scanning would show instead of results.
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: parts.errors.map(errorNotification),
        ...(parts.warnings.length > 0 ? { toolConfigurationNotifications: parts.warnings.map(warningNotification) } : {}),
      },
    ],
    results: parts.findings.map((finding, i) =>
      toSarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0, occurrences[i] ?? 1),
    ),
  };
  if (parts.category !== undefined) run.automationDetails = { id: parts.category };
  if (srcRoot !== undefined) run.originalUriBaseIds = { [SRCROOT]: { uri: rootFileUri(srcRoot) } };
  return run;
}

function splitRuns(report: Report, prefix: string, ran: readonly ScannerId[] | undefined): RunParts[] {
  const parts: RunParts[] = [];
  for (const scanner of SCANNER_IDS) {
    const rules = report.rules.filter((r) => r.scanner === scanner);
    const findings = report.findings.filter((f) => f.scanner === scanner);
    const ownErrors = report.errors.filter((e) => e.scanner === scanner);
    const hasContent = rules.length > 0 || findings.length > 0 || ownErrors.length > 0;
    if (!hasContent && !ran?.includes(scanner)) continue;
    // A file no scanner could read (no scanner named) was not scanned by this one either; likewise a warning
    // about the configuration concerns every scanner unless it names one.
    const concerns = (e: ScanError) => e.scanner === scanner || e.scanner === undefined;
    const errors = report.errors.filter(concerns);
    const warnings = (report.warnings ?? []).filter(concerns);
    parts.push({ rules, findings, errors, warnings, category: sarifCategory(scanner, prefix) });
  }
  return parts;
}

export function toSarif(report: Report, options: SarifOptions = {}): SarifLog {
  const prefix = options.categoryPrefix ?? DEFAULT_CATEGORY_PREFIX;
  const parts: RunParts[] = options.splitByScanner
    ? splitRuns(report, prefix, options.scanners)
    : [{ rules: report.rules, findings: report.findings, errors: report.errors, warnings: report.warnings ?? [] }];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: parts.map((p) => buildRun(report, p, options.srcRoot)),
  };
}
