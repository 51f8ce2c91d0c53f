import type { Report } from '../model.js';

/** The CLI's JSON contract: `{findings, errors, summary}`, plus `warnings` when there are any. */
export function toJson(report: Report): string {
  const { findings, errors, summary, warnings } = report;
  return `${JSON.stringify({ findings, errors, summary, ...(warnings?.length ? { warnings } : {}) }, null, 2)}\n`;
}
