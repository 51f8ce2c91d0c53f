import picomatch from 'picomatch';
import type { RawFinding, RuleMeta, ScanTarget, Suppression } from '../../model.js';
import { keyedFingerprint } from '../../fingerprint.js';
import type { SecretsConfig } from './config.js';
import type { SecretsRuleSet } from './rule-set.js';
import type { SecretMatch } from './detect.js';
import { LineIndex } from './line-index.js';
import { redactedPreview } from './redact.js';
import { isExamplePath, isLockfile, skipReason, type SkipReason } from './file-kind.js';
import { decodeDataValue, findKubernetesSecrets, isLiteralValue, mayHoldKubernetesSecret, type KubernetesSecret } from './kubernetes.js';

/**
 * Used when the config sets no `secrets.fingerprintKey`. A fixed key still keeps fingerprints stable across runs
 * and machines (baselines and allowlists depend on that) and makes them useless for lookups in precomputed
 * tables of plain hashes; only a private key also stops someone who can read reports from confirming a guess.
 */
export const DEFAULT_FINGERPRINT_KEY = 'shiftguard/secrets/v1';

const INLINE_ALLOW = 'gitleaks:allow';

export interface FileScanContext {
  rules: SecretsRuleSet;
  config: SecretsConfig;
}

export interface FileScanResult {
  findings: RawFinding[];
  skipped: SkipReason | null;
}

interface Location {
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
}

export class FileScanner {
  private readonly key: string;
  private readonly pathAllow: { match: (path: string) => boolean; reason: string }[];
  private readonly regexAllow: { regex: RegExp; reason: string }[];
  private readonly fingerprintAllow: Map<string, string>;

  constructor(private readonly context: FileScanContext) {
    const { config } = context;
    this.key = config.fingerprintKey ?? DEFAULT_FINGERPRINT_KEY;
    this.pathAllow = config.allowlist.paths.map((p) => ({ match: picomatch(p.path, { dot: true }), reason: p.reason }));
    this.regexAllow = config.allowlist.regexes.map((r) => ({ regex: new RegExp(r.regex), reason: r.reason }));
    this.fingerprintAllow = new Map(config.allowlist.fingerprints.map((f) => [f.fingerprint, f.reason]));
  }

  scan(target: ScanTarget): FileScanResult {
    const skipped = skipReason(target.path, target.content);
    if (skipped) return { findings: [], skipped };
    const { detector } = this.context.rules;
    const options = {
      path: target.path,
      lockfile: isLockfile(target.path),
      example: isExamplePath(target.path),
      maxLineLength: this.context.config.maxLineLength,
    };
    const k8s = mayHoldKubernetesSecret(target.path, target.content);
    const secrets = k8s ? findKubernetesSecrets(target.content) : [];
    // A Secret's own values are reported by the Kubernetes check (decoded, or as literals); a generic rule
    // reading the same base64 text would only say it twice.
    const entryLines = new Set(secrets.flatMap((s) => s.entries.map((e) => e.line)));
    const detected = detector.detect(target.content, options);
    if (!detected.length && !secrets.length) return { findings: [], skipped: null };
    const lines = new LineIndex(target.content);
    const matches = entryLines.size
      ? detected.filter((m) => m.rule.check.confidence === 'high' || !entryLines.has(lines.lineOf(m.start)))
      : detected;
    const findings: RawFinding[] = [];
    for (const match of matches) {
      const span = { first: lines.lineOf(match.matchStart), last: lines.lineOf(Math.max(match.matchStart, match.matchEnd - 1)) };
      if (!touchesAddedLines(target.addedLines, span.first, span.last)) continue;
      const startLine = lines.lineOf(match.start);
      const endLine = lines.lineOf(match.end - 1);
      const location: Location = {
        startLine,
        endLine,
        startColumn: match.start - lines.startOf(startLine) + 1,
        endColumn: match.end - lines.startOf(endLine) + 1,
      };
      const inline = rangeHas(lines, span.first, span.last, INLINE_ALLOW);
      findings.push(this.toFinding(target.path, match, location, inline));
    }
    if (secrets.length) findings.push(...this.scanKubernetesSecrets(target, secrets, lines));
    return { findings, skipped: null };
  }

  /** Redacts at once: the returned finding holds a preview and a keyed fingerprint, never the value. */
  private toFinding(path: string, match: SecretMatch, location: Location, inlineAllowed: boolean, context = ''): RawFinding {
    const { meta } = match.rule;
    const preview = redactedPreview(match.secret);
    const fingerprint = keyedFingerprint(this.key, meta.id, path, match.secret);
    const configured = this.regexAllow.find((r) => r.regex.test(match.secret));
    const finding: RawFinding = {
      scanner: 'secrets',
      ruleId: meta.id,
      severity: meta.severity,
      path,
      ...location,
      message: `${meta.title}${context} (${preview}). ${meta.remediation.split('\n')[0]}`,
      fingerprint,
      tags: meta.tags,
      preview,
    };
    const suppressed = this.suppression(path, fingerprint, inlineAllowed, configured?.reason);
    if (suppressed) finding.suppressed = suppressed;
    return finding;
  }

  private suppression(path: string, fingerprint: string, inline: boolean, regexReason?: string): Suppression | null {
    if (inline) return { kind: 'inline', reason: `${INLINE_ALLOW} on the line` };
    const byFingerprint = this.fingerprintAllow.get(fingerprint);
    if (byFingerprint) return { kind: 'config', reason: byFingerprint };
    if (regexReason) return { kind: 'config', reason: regexReason };
    const byPath = this.pathAllow.find((p) => p.match(path));
    if (byPath) return { kind: 'config', reason: byPath.reason };
    return null;
  }

  /** Secrets' base64 data is decoded and scanned; literal values in a PR are a finding of their own. */
  private scanKubernetesSecrets(target: ScanTarget, secrets: KubernetesSecret[], lines: LineIndex): RawFinding[] {
    const { detector, kubernetesLiteral } = this.context.rules;
    const findings: RawFinding[] = [];
    for (const secret of secrets) {
      const literal = kubernetesLiteral ? secret.entries.filter((e) => isLiteralValue(e, kubernetesLiteral.minEncodedLength)) : [];
      const lastEntryLine = secret.entries.reduce((m, e) => Math.max(m, e.line), secret.lastLine);
      for (const entry of secret.entries) {
        const decoded = entry.encoded ? decodeDataValue(entry.value) : null;
        if (!decoded) continue;
        if (!touchesAddedLines(target.addedLines, entry.line, entry.line === lastEntryLine ? secret.lastLine : entry.line)) continue;
        const options = { path: target.path, lockfile: false, example: false, maxLineLength: this.context.config.maxLineLength };
        for (const match of detector.detect(decoded, options)) {
          const inline = lines.lineText(entry.line).includes(INLINE_ALLOW);
          const where = ` in the base64 value of ${entry.key} in Secret ${secret.name || '(unnamed)'}`;
          findings.push(this.toFinding(target.path, match, { startLine: entry.line, endLine: entry.line }, inline, where));
        }
      }
      if (kubernetesLiteral && literal.length && touchesAddedLines(target.addedLines, secret.kindLine, secret.lastLine)) {
        findings.push(this.literalFinding(target.path, lines, secret.name, literal, kubernetesLiteral.meta));
      }
    }
    return findings;
  }

  private literalFinding(
    path: string,
    lines: LineIndex,
    name: string,
    entries: { line: number; key: string; value: string }[],
    meta: RuleMeta,
  ): RawFinding {
    const first = entries[0]!.line;
    const last = entries[entries.length - 1]!.line;
    const content = entries.map((e) => `${e.key}=${e.value}`).join('\n');
    const fingerprint = keyedFingerprint(this.key, meta.id, path, name, content);
    const keys = entries.map((e) => e.key).join(', ');
    const finding: RawFinding = {
      scanner: 'secrets',
      ruleId: meta.id,
      severity: meta.severity,
      path,
      startLine: first,
      endLine: last,
      message: `${meta.title}: Secret ${name || '(unnamed)'} holds literal values (${keys}). ${meta.remediation.split('\n')[0]}`,
      fingerprint,
      tags: meta.tags,
    };
    const inline = rangeHas(lines, first, last, INLINE_ALLOW);
    const suppressed = this.suppression(path, fingerprint, inline);
    if (suppressed) finding.suppressed = suppressed;
    return finding;
  }
}

function touchesAddedLines(added: ReadonlySet<number> | null, first: number, last: number): boolean {
  if (!added) return true;
  for (let line = first; line <= last; line++) if (added.has(line)) return true;
  return false;
}

function rangeHas(lines: LineIndex, first: number, last: number, needle: string): boolean {
  for (let line = first; line <= last; line++) if (lines.lineText(line).includes(needle)) return true;
  return false;
}
