import type { Finding, Report, Severity } from '../model.js';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on only for a TTY without NO_COLOR. */
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '34', info: '90' };

function paint(on: boolean, code: string, text: string): string {
  return on ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/**
 * One line per finding, `path:line:col severity rule-id message`, so editors and terminals can jump
 * to it. Secrets appear only through the scanner's redacted `preview`, never from file content.
 */
function findingLine(finding: Finding, color: boolean): string {
  const location = `${finding.path}:${finding.startLine}:${finding.startColumn ?? 1}`;
  const notes: string[] = [];
  if (finding.preview && !finding.message.includes(finding.preview)) notes.push(finding.preview);
  if (finding.resource) notes.push(finding.resource);
  // Without a base every finding is new, so this only shows up for --base scans.
  if (!finding.new) notes.push('existing');
  if (finding.suppressed) notes.push(`suppressed (${finding.suppressed.kind}): ${finding.suppressed.reason}`);
  const tail = notes.length ? ` [${notes.join('; ')}]` : '';
  const line = `${location} ${paint(color, SEVERITY_COLOR[finding.severity], finding.severity)} ${finding.ruleId} ${finding.message}${tail}`;
  return finding.suppressed ? paint(color, '2', line) : line;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(report: Report): string {
  const s = report.summary;
  const counts = [`${plural(s.total, 'finding')} (${s.new} new, ${s.existing} existing, ${s.suppressed} suppressed)`];
  if (s.errors) counts.push(plural(s.errors, 'file error'));
  counts.push(`${plural(s.filesScanned, 'file')} scanned`);
  if (s.fixed?.length) counts.push(`${s.fixed.length} baselined fixed`);
  return `${s.verdict}: ${s.reason} — ${counts.join(', ')}`;
}

/** The human report: findings grouped by file, then errors, then a one-line summary. */
export function toText(report: Report, options: TextOptions): string {
  const { color } = options;
  const out: string[] = [];
  let currentPath: string | null = null;
  for (const finding of report.findings) {
    if (finding.path !== currentPath) {
      if (currentPath !== null) out.push('');
      out.push(paint(color, '4', finding.path));
      currentPath = finding.path;
    }
    out.push(findingLine(finding, color));
  }
  if (report.errors.length) {
    if (out.length) out.push('');
    out.push(paint(color, '1', 'Could not scan:'));
    for (const error of report.errors) out.push(`${error.path}: ${error.reason}${error.scanner ? ` (${error.scanner})` : ''}`);
  }
  if (report.summary.fixed?.length) {
    if (out.length) out.push('');
    out.push(paint(color, '1', 'Fixed since the baseline:'));
    for (const fixed of report.summary.fixed) out.push(`${fixed.path} ${fixed.ruleId} (baselined ${fixed.since ?? 'earlier'})`);
  }
  if (out.length) out.push('');
  const verdict = report.summary.verdict === 'fail' ? paint(color, '1;31', summaryLine(report)) : paint(color, '32', summaryLine(report));
  out.push(verdict);
  return `${out.join('\n')}\n`;
}
