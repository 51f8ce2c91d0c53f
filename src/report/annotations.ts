import type { Finding, Report } from '../model.js';
import { failsThreshold, reportOrder } from './check.js';

/** The runner keeps 10 error, 10 warning and 10 notice workflow-command annotations per step and drops the rest. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';

/** Workflow-command data escaping (as @actions/core does): a newline or % in data cannot start a new command. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationCommand(level: Level, finding: Finding): string {
  const props = [
    `file=${escapeProperty(finding.path)}`,
    `line=${finding.startLine}`,
    `endLine=${Math.max(finding.startLine, finding.endLine)}`,
    `title=${escapeProperty(`${finding.severity.toUpperCase()} ${finding.ruleId}`)}`,
  ].join(',');
  const message = `${finding.message}${finding.preview ? ` (${finding.preview})` : ''}`;
  return `::${level} ${props}::${escapeData(message)}`;
}

/**
 * Last-resort channel (no check run, no review): workflow-command annotations, worst first, at most 10 per level,
 * then one notice counting what was left out.
 */
export function workflowAnnotations(report: Report): string[] {
  const lines: string[] = [];
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  let omitted = 0;
  for (const finding of reportOrder(report.findings)) {
    if (finding.suppressed) continue;
    const level: Level = failsThreshold(finding, report.summary.failOn) ? 'error' : finding.new ? 'warning' : 'notice';
    // Keep one notice slot for the "more not shown" line.
    const cap = level === 'notice' ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
    if (used[level] >= cap) {
      omitted++;
      continue;
    }
    used[level]++;
    lines.push(annotationCommand(level, finding));
  }
  if (omitted > 0) lines.push(`::notice title=shiftguard::${omitted} more findings not annotated; see the job summary and the SARIF file`);
  return lines;
}

/**
 * Makes untrusted text inert in the log: the runner treats `::` at a line start as a workflow command (and `##[`
 * as the old syntax), so every occurrence gets a zero-width space, and each line is kept on one line.
 */
export function inertLog(text: string): string {
  return text.replace(/::/g, ':\u200b:').replace(/##\[/g, '#\u200b#[');
}
