import type { CompiledRule } from './rule-check.js';
import { KeywordIndex } from './keyword-index.js';
import { LineIndex } from './line-index.js';
import { isPlaceholder, isReference, looksLikeNonSecret, shannonEntropy } from './filters.js';

/** A pattern match that passed every filter. `secret` lives only until the caller redacts it. */
export interface SecretMatch {
  rule: CompiledRule;
  secret: string;
  /** Offsets of the secret in the scanned text. */
  start: number;
  end: number;
  /** Offsets of the whole match (the secret plus its context, e.g. the variable name). */
  matchStart: number;
  matchEnd: number;
}

export interface DetectOptions {
  path: string;
  lockfile: boolean;
  /** Lines longer than this are scanned in windows around each keyword hit instead of whole. */
  maxLineLength: number;
}

// Patterns are bounded (regex-safety.ts); no single match is longer than this outside multi-line rules, so a
// window reaching this far past a keyword hit cannot cut a match that contains it.
const MAX_MATCH = 2048;
// How far before its keyword a match may start (keywords sit in the middle of a few formats, e.g. OpenAI's).
const LOOK_BEHIND = 256;
// Multi-line rules (key blocks) get this much text from the keyword's line on.
const MULTILINE_SPAN = 32_768;
// Generic assignments whose name says the value is not real.
const MARKED_NOT_REAL = /example|dummy|fake|sample|placeholder|mock/i;

interface Window {
  start: number;
  end: number;
  /** Hits in [coveredFrom, coveredUntil) have all their possible matches inside this window. */
  coveredFrom: number;
  coveredUntil: number;
}

export class SecretDetector {
  private readonly index: KeywordIndex;
  /** For each keyword id, the rules it can trigger. */
  private readonly rulesOf: number[][];

  constructor(readonly rules: readonly CompiledRule[]) {
    const ids = new Map<string, number>();
    this.rulesOf = [];
    rules.forEach((rule, r) => {
      for (const k of rule.keywords) {
        let id = ids.get(k);
        if (id === undefined) {
          id = ids.size;
          ids.set(k, id);
          this.rulesOf.push([]);
        }
        this.rulesOf[id]!.push(r);
      }
    });
    this.index = new KeywordIndex([...ids.keys()]);
  }

  detect(text: string, options: DetectOptions): SecretMatch[] {
    const hits = this.index.find(text);
    if (!hits.length) return [];
    const perRule = new Map<number, number[]>();
    for (const hit of hits) {
      for (const r of this.rulesOf[hit.keyword]!) {
        let list = perRule.get(r);
        if (!list) perRule.set(r, (list = []));
        list.push(hit.start);
      }
    }
    const lines = new LineIndex(text);
    const found: SecretMatch[] = [];
    const seen = new Set<string>();
    for (const [r, starts] of [...perRule].sort((a, b) => a[0] - b[0])) {
      const rule = this.rules[r]!;
      if (!this.applies(rule, options)) continue;
      starts.sort((a, b) => a - b);
      let covered: Window | null = null;
      for (const pos of starts) {
        // The previous window already holds every match that can contain this hit.
        if (covered && pos >= covered.coveredFrom && pos < covered.coveredUntil) continue;
        covered = this.window(text, lines, pos, rule, options.maxLineLength);
        this.matchWindow(text, covered.start, covered.end, rule, seen, found);
      }
    }
    return dropGenericOverlaps(found);
  }

  private applies(rule: CompiledRule, options: DetectOptions): boolean {
    if (options.lockfile && rule.check.confidence === 'low') return false;
    return !rule.pathFilter || rule.pathFilter(options.path);
  }

  /**
   * The text a rule's pattern runs over for a keyword hit: its line and the next (values may start on the next
   * line, as in XML elements); for long lines an overlapping window around the hit.
   */
  private window(text: string, lines: LineIndex, pos: number, rule: CompiledRule, maxLineLength: number): Window {
    const line = lines.lineOf(pos);
    const lineStart = lines.startOf(line);
    const lineEnd = lines.endOf(line);
    if (rule.check.multiline) {
      return { start: lineStart, end: Math.min(text.length, lineStart + MULTILINE_SPAN), coveredFrom: lineStart, coveredUntil: lineEnd };
    }
    const end = line < lines.count ? lines.endOf(line + 1) : lineEnd;
    if (end - lineStart <= maxLineLength) return { start: lineStart, end, coveredFrom: lineStart, coveredUntil: lineEnd };
    const start = Math.max(lineStart, pos - LOOK_BEHIND);
    const stop = Math.min(end, pos + Math.max(MAX_MATCH * 2, maxLineLength - LOOK_BEHIND));
    return { start, end: stop, coveredFrom: start === lineStart ? start : start + LOOK_BEHIND, coveredUntil: stop === end ? stop : stop - MAX_MATCH };
  }

  private matchWindow(text: string, from: number, to: number, rule: CompiledRule, seen: Set<string>, found: SecretMatch[]): void {
    const slice = text.slice(from, to);
    const { regex, check } = rule;
    regex.lastIndex = 0;
    for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
      if (m[0].length === 0) regex.lastIndex++;
      const secret = m[check.secretGroup];
      const span = m.indices?.[check.secretGroup];
      if (secret === undefined || !span || !secret.length) continue;
      const start = from + span[0];
      const key = `${start}:${secret.length}`;
      if (seen.has(`${rule.meta.id}@${key}`)) continue;
      if (!this.accept(rule, secret, m[0])) continue;
      seen.add(`${rule.meta.id}@${key}`);
      found.push({ rule, secret, start, end: start + secret.length, matchStart: from + m.index, matchEnd: from + m.index + m[0].length });
    }
  }

  private accept(rule: CompiledRule, secret: string, match: string): boolean {
    const { check } = rule;
    if (check.entropy !== undefined && shannonEntropy(secret) < check.entropy) return false;
    if (rule.allowlist.some((re) => re.test(secret))) return false;
    if (rule.matchAllowlist.some((re) => re.test(match))) return false;
    if (isPlaceholder(secret) || isReference(secret)) return false;
    if (check.confidence === 'low') {
      if (looksLikeNonSecret(secret)) return false;
      if (MARKED_NOT_REAL.test(match.slice(0, Math.max(0, match.indexOf(secret))))) return false;
    }
    return true;
  }
}

/**
 * One finding per secret: a generic rule adds nothing where a provider rule already flagged the same text, and
 * of two provider rules matching exactly the same span (a format and its older variant) the first one listed wins.
 */
function dropGenericOverlaps(found: SecretMatch[]): SecretMatch[] {
  if (found.length < 2) return found;
  const specific = found.filter((f) => f.rule.check.confidence === 'high');
  const spans = new Set<string>();
  return found.filter((f) => {
    if (f.rule.check.confidence === 'low' && specific.some((s) => s.start < f.end && f.start < s.end)) return false;
    const span = `${f.start}:${f.end}`;
    if (spans.has(span)) return false;
    spans.add(span);
    return true;
  });
}
