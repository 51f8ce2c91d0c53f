import type { Config } from '../config.js';
import type { ChangedFile, Finding, RawFinding, ScanError, Suppression } from '../model.js';
import { activeExceptions, matchException } from './exceptions.js';
import { matchInlineIgnore, type InlineIgnore } from './inlineSuppressions.js';
import { isInDiff, markNew } from './newness.js';

export interface PolicyInput {
  findings: RawFinding[];
  /** Changed files by head path. */
  files: ReadonlyMap<string, ChangedFile>;
  /** Fingerprints the base versions yielded, by head path; null when there is no base. */
  baseFingerprints: ReadonlyMap<string, readonly string[]> | null;
  /** Head text by path, for inline `shiftguard:ignore` comments. */
  /** Ignore comments (and malformed ones) per scanned file, found when the file was read. */
  inlineIgnores: ReadonlyMap<string, { ignores: InlineIgnore[]; warnings: ScanError[] }>;
  config: Config;
  now: Date;
}

export interface PolicyResult {
  findings: Finding[];
  warnings: ScanError[];
}

/**
 * Marks every finding — severity override, new, inDiff, suppressed — and drops none. Suppressions,
 * first match wins: the scanner's own (annotations), an inline comment, a config exception, a rule
 * disabled in the config.
 */
export function applyPolicy(input: PolicyInput): PolicyResult {
  const { config } = input;
  const { active, warnings } = activeExceptions(config.exceptions, input.now);
  const ignoresByPath = new Map<string, InlineIgnore[]>();
  for (const [path, found] of input.inlineIgnores) {
    ignoresByPath.set(path, found.ignores);
    warnings.push(...found.warnings);
  }
  const isNew = markNew(input.findings, input.files, input.baseFingerprints);

  const findings = input.findings.map((raw, index): Finding => {
    const override = config.rules[raw.ruleId];
    const inline = matchInlineIgnore(ignoresByPath.get(raw.path) ?? [], raw.ruleId, raw.startLine);
    const exception = matchException(active, raw);
    let suppressed: Suppression | null = raw.suppressed ?? null;
    if (!suppressed && inline) suppressed = { kind: 'inline', reason: inline.reason || 'no reason given' };
    if (!suppressed && exception) {
      suppressed = {
        kind: 'config',
        reason: exception.reason,
        ...(exception.expires ? { expires: exception.expires } : {}),
        ...(exception.since ? { since: exception.since } : {}),
      };
    }
    if (!suppressed && override?.enabled === false) suppressed = { kind: 'config', reason: `rule ${raw.ruleId} is disabled in the config` };
    return {
      ...raw,
      severity: override?.severity ?? raw.severity,
      new: isNew[index]!,
      inDiff: isInDiff(raw, input.files, input.baseFingerprints !== null),
      suppressed,
    };
  });
  return { findings, warnings };
}
