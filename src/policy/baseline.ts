import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { SCANNER_IDS, type Finding, type FixedFinding, type ScannerId } from '../model.js';
import { isoDay } from './exceptions.js';

const entrySchema = z.strictObject({
  fingerprint: z.string().min(1),
  ruleId: z.string().min(1),
  scanner: z.enum(SCANNER_IDS).optional(),
  path: z.string().min(1),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
});

const baselineSchema = z.strictObject({
  version: z.literal(1),
  tool: z.literal('shiftguard'),
  findings: z.array(entrySchema),
});

export type BaselineEntry = z.infer<typeof entrySchema>;
export type Baseline = z.infer<typeof baselineSchema>;

/** Parses a baseline file; `source` names it in errors. */
export function parseBaseline(text: string, source: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline ${source}: invalid JSON: ${(error as Error).message}`);
  }
  const result = baselineSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`baseline ${source}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

export async function readBaseline(file: string, shown: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`baseline ${shown}: cannot read: ${(error as Error).message}`);
  }
  return parseBaseline(text, shown);
}

/**
 * The baseline for the active findings of a run: fingerprint, rule, scanner, path and the date it
 * entered the baseline — never content. Entries already in `previous` keep their date, so ages run on.
 */
export function buildBaseline(findings: Finding[], now: Date, previous?: Baseline): Baseline {
  const since = new Map((previous?.findings ?? []).map((e) => [e.fingerprint, e.since]));
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (f.suppressed && f.suppressed.kind !== 'baseline') continue;
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, scanner: f.scanner, path: f.path, since: since.get(f.fingerprint) ?? isoDay(now) });
  }
  entries.sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: 'shiftguard', findings: entries };
}

export function baselineToJson(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * Marks findings the baseline lists as existing and suppressed {kind: 'baseline'}, unless something
 * else suppressed them first; returns the marked findings.
 */
export function applyBaseline(findings: Finding[], baseline: Baseline): Finding[] {
  const byFingerprint = new Map(baseline.findings.map((e) => [e.fingerprint, e]));
  return findings.map((f) => {
    const entry = byFingerprint.get(f.fingerprint);
    if (!entry || f.suppressed) return f;
    return { ...f, new: false, suppressed: { kind: 'baseline', reason: `in the baseline since ${entry.since}`, since: entry.since } };
  });
}

export interface FixedQuery {
  baseline: Baseline;
  findings: Finding[];
  /** Scanners that ran: an entry of a scanner that did not run is not evidence of a fix. */
  scanners: ScannerId[];
  /** Whether the run looked at this path (scanned it, or knows it is gone from the head). */
  covered: (path: string) => Promise<boolean>;
}

/** Baselined findings the run would have produced again but did not. */
export async function fixedFindings(query: FixedQuery): Promise<FixedFinding[]> {
  const produced = new Set(query.findings.map((f) => f.fingerprint));
  const fixed: FixedFinding[] = [];
  for (const entry of query.baseline.findings) {
    if (produced.has(entry.fingerprint)) continue;
    if (entry.scanner && !query.scanners.includes(entry.scanner)) continue;
    if (!(await query.covered(entry.path))) continue;
    fixed.push({ fingerprint: entry.fingerprint, ruleId: entry.ruleId, path: entry.path, since: entry.since, ...(entry.scanner ? { scanner: entry.scanner } : {}) });
  }
  return fixed;
}
