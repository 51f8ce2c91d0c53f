import type { Finding, Report, ScanError } from '../model.js';
import { SCANNER_IDS, SEVERITIES } from '../model.js';
import { reportOrder, type Verdict } from './check.js';
import { budgetJoin, escapeMarkdown, findingLine, linesThenFindings, utf8Bytes } from './markdown.js';

/** $GITHUB_STEP_SUMMARY is capped at 1,024 KiB per step ("upload aborted" above); keep a margin for other steps' text. */
export const SUMMARY_LIMIT = 1_000_000;

export function summaryMarkdown(options: {
  report: Report;
  verdict: Verdict;
  reason: string;
  errors: ScanError[];
  /** What happened on each channel (review, check, SARIF), one line each. */
  deliveries: string[];
  link: (f: Finding) => string;
  limit?: number;
}): string {
  const { report, errors } = options;
  const s = report.summary;
  const rows = SCANNER_IDS.map((scanner) => {
    const of = report.findings.filter((f) => f.scanner === scanner);
    const cells = SEVERITIES.map((sev) => {
      const all = of.filter((f) => f.severity === sev);
      const fresh = all.filter((f) => f.new && !f.suppressed).length;
      return all.length === 0 ? '0' : `${all.length} (${fresh} new)`;
    });
    return `| ${scanner} | ${cells.join(' | ')} | ${of.length} |`;
  });
  const head = [
    `## shiftguard: ${options.verdict === 'pass' ? 'pass' : 'FAIL'}`,
    '',
    escapeMarkdown(options.reason),
    '',
    `Fail on: \`${s.failOn}\` · new: **${s.new}** · existing: ${s.existing} · suppressed: ${s.suppressed} · files scanned: ${s.filesScanned} · not scanned: ${errors.length}`,
    '',
    `| scanner | ${SEVERITIES.join(' | ')} | total |`,
    `|---|${SEVERITIES.map(() => '---').join('|')}|---|`,
    ...rows,
    '',
    ...(options.deliveries.length ? ['### Reports', ...options.deliveries.map((d) => `- ${escapeMarkdown(d)}`), ''] : []),
    '### Findings',
  ].join('\n');
  const errorItems = errors.map((e) => `- :warning: not scanned: ${escapeMarkdown(e.path)} — ${escapeMarkdown(e.reason)}`);
  // Warnings (expired exceptions, malformed ignores, a base side that could not be compared) change no verdict but need a reader.
  const warningItems = (report.warnings ?? []).map((w) => `- :warning: warning: ${escapeMarkdown(w.path)} — ${escapeMarkdown(w.reason)}`);
  const ordered = reportOrder(report.findings);
  const findingItem = (f: Finding): string => {
    const state = f.suppressed ? ` _(suppressed: ${escapeMarkdown(f.suppressed.reason)})_` : f.new ? ' **new**' : ' _(existing)_';
    return `- ${findingLine(f, options.link(f))}${state}`;
  };
  const notes = [...errorItems, ...warningItems];
  if (notes.length + ordered.length === 0) notes.push('_No findings._');
  // Finding lines are written only while they fit: past the limit they are counted, not rendered.
  const items = linesThenFindings(notes, ordered, findingItem);
  return budgetJoin({ head, items, limit: options.limit ?? SUMMARY_LIMIT, measure: utf8Bytes, more: (n) => `_${n} more not shown (all are in the SARIF file)._` }).text + '\n';
}
