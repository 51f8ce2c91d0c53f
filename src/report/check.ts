import type { Finding, Report, ScanError } from '../model.js';
import { severityRank } from '../model.js';
import { budgetJoin, findingLine, linesThenFindings, utf8Bytes } from './markdown.js';

/** Check run output.summary and output.text: at most 65,535 characters each (bytes, for non-ASCII). */
export const CHECK_OUTPUT_LIMIT = 65_535;
/** The checks API takes at most 50 annotations per create/update request; more are appended by PATCH. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Cap on annotations per run (10 requests): the rest are counted in the output text. */
export const MAX_ANNOTATIONS = 500;

export type Verdict = 'pass' | 'fail';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text: string;
  annotations: CheckAnnotation[];
  /** Annotations left out by MAX_ANNOTATIONS. */
  annotationsOmitted: number;
}

export function failsThreshold(finding: Finding, failOn: Report['summary']['failOn']): boolean {
  return failOn !== 'none' && finding.new && !finding.suppressed && severityRank(finding.severity) >= severityRank(failOn);
}

/** New, active findings first (worst first), then existing ones: the order every budgeted list uses. */
export function reportOrder(findings: Finding[]): Finding[] {
  const key = (f: Finding): number => (f.suppressed ? 0 : f.new ? 2 : 1) * 10 + severityRank(f.severity);
  return [...findings].sort((a, b) => key(b) - key(a) || a.path.localeCompare(b.path) || a.startLine - b.startLine);
}

export function toAnnotation(finding: Finding, failOn: Report['summary']['failOn']): CheckAnnotation {
  const annotation: CheckAnnotation = {
    path: finding.path,
    start_line: finding.startLine,
    end_line: Math.max(finding.startLine, finding.endLine),
    annotation_level: failsThreshold(finding, failOn) ? 'failure' : finding.new ? 'warning' : 'notice',
    // Messages never hold a raw secret (scanners put only the redacted preview in findings).
    message: `${finding.message}${finding.preview ? ` (${finding.preview})` : ''}`.slice(0, 4000),
    title: `${finding.severity.toUpperCase()} ${finding.ruleId}`.slice(0, 255),
  };
  // Columns are only allowed when the annotation is on a single line.
  if (finding.startColumn && finding.endColumn && annotation.start_line === annotation.end_line) {
    Object.assign(annotation, { start_column: finding.startColumn, end_column: finding.endColumn });
  }
  return annotation;
}

export function checkTitle(verdict: Verdict, report: Report, errors: ScanError[]): string {
  const s = report.summary;
  const failing = `${s.failing} new finding${s.failing === 1 ? '' : 's'} at or above ${s.failOn}`;
  if (verdict === 'pass') return s.failOn === 'none' ? `${s.total} findings (fail-on: none)` : `No new findings at or above ${s.failOn}${errors.length ? ` (${errors.length} not scanned)` : ''}`;
  return errors.length > 0 && s.failing === 0 ? `${errors.length} file(s) could not be scanned` : failing;
}

export function buildCheckOutput(options: { report: Report; verdict: Verdict; reason: string; errors: ScanError[]; link: (f: Finding) => string }): CheckOutput {
  const { report, errors } = options;
  const s = report.summary;
  const summary = [
    `**Verdict: ${options.verdict.toUpperCase()}** — ${options.reason}`,
    '',
    `| | total | new | existing | suppressed |`,
    `|---|---|---|---|---|`,
    `| findings | ${s.total} | ${s.new} | ${s.existing} | ${s.suppressed} |`,
    '',
    `Files scanned: ${s.filesScanned}. Not scanned: ${errors.length}.`,
  ].join('\n');
  const ordered = reportOrder(report.findings);
  const errorLines = errors.map((e) => `- not scanned: \`${e.path.replace(/`/g, "'")}\` — ${e.reason.replace(/\r?\n/g, ' ')}`);
  const text = budgetJoin({
    head: '### Findings',
    // Rendered on demand: the output holds a few hundred lines, a large PR has thousands of findings.
    items: linesThenFindings(errorLines, ordered, (f) => `- ${findingLine(f, options.link(f))}${f.new ? '' : ' _(existing)_'}${f.suppressed ? ' _(suppressed)_' : ''}`),
    limit: CHECK_OUTPUT_LIMIT,
    measure: utf8Bytes,
  }).text;
  const annotated = ordered.filter((f) => !f.suppressed);
  return {
    title: checkTitle(options.verdict, report, errors),
    summary,
    text,
    annotations: annotated.slice(0, MAX_ANNOTATIONS).map((f) => toAnnotation(f, s.failOn)),
    annotationsOmitted: Math.max(0, annotated.length - MAX_ANNOTATIONS),
  };
}
