import cvss from 'ae-cvss-calculator';
import type { Severity } from '../../model.js';
import type { OsvRecord } from './osv/record.js';

// Severity of an advisory: the CVSS base score of its newest vector, computed by ae-cvss-calculator (it
// implements FIRST's 3.0, 3.1 and 4.0 formulas, including 4.0's macro-vector lookup tables, which are
// not worth re-deriving), else the database's own label (GHSA: CRITICAL/HIGH/MODERATE/LOW).

const V3_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'];
const V4_METRICS = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];

function hasBaseMetrics(vector: string, metrics: string[]): boolean {
  const present = new Set(vector.split('/').slice(1).map((m) => m.split(':')[0]));
  return metrics.every((m) => present.has(m));
}

/** The CVSS base score of a v3.0/v3.1/v4.0 vector, or undefined when it is not a complete one. */
export function cvssScore(vector: string): number | undefined {
  const v = vector.trim();
  try {
    if (v.startsWith('CVSS:4.0/') && hasBaseMetrics(v, V4_METRICS)) return new cvss.Cvss4P0(v).calculateScores().overall;
    if (v.startsWith('CVSS:3.1/') && hasBaseMetrics(v, V3_METRICS)) return new cvss.Cvss3P1(v).calculateScores().overall;
    if (v.startsWith('CVSS:3.0/') && hasBaseMetrics(v, V3_METRICS)) return new cvss.Cvss3P0(v).calculateScores().overall;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The score of the newest CVSS vector the record carries (4.0 over 3.x), when any can be computed. */
export function advisoryScore(record: OsvRecord): number | undefined {
  const vectors = (record.severity ?? [])
    .filter((s) => s.type === 'CVSS_V4' || s.type === 'CVSS_V3')
    .map((s) => s.score)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  for (const vector of vectors) {
    const score = cvssScore(vector);
    if (score !== undefined) return score;
  }
  return undefined;
}

/** CVSS qualitative rating scale. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const LABELS: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

export function advisorySeverity(record: OsvRecord): { severity: Severity; score?: number } {
  const score = advisoryScore(record);
  if (score !== undefined) return { severity: severityFromScore(score), score };
  const label = record.database_specific?.severity;
  const known = typeof label === 'string' ? LABELS[label.toUpperCase()] : undefined;
  // A known vulnerability without any rating is treated as high, so it fails a default gate
  // rather than slipping through as low.
  return { severity: known ?? 'high' };
}
