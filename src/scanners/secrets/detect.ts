import type { CompiledRule } from './rule-check.js';
import { KeywordIndex } from './keyword-index.js';
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
  /** Files marked as examples, fixtures or mocks by their path: generic rules stay quiet there. */
  example: boolean;
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
// How much of the identifier before a match the match allowlists see (`public` in `publicToken`).
const NAME_CONTEXT = 40;

/**
 * Algolia's search-only key is public by design: every DocSearch setup (Docusaurus, VitePress, Sphinx) ships it in
 * its config next to `appId` and `indexName`. A generic match on such a key, named as the search key, in text that
 * has just said algolia or docsearch, is not a leak. Admin and write keys keep their own names and stay reported.
 */
const SEARCH_KEY_CONTEXT = 400;
const ALGOLIA_CONTEXT = /algolia|docsearch/i;
const SEARCH_KEY = /^(?![\w.-]*(?:admin|write))(?:[\w.-]*[._-])?(?:search[_-]?)?api[_-]?key["']?\s*[:=]\s*["']?[0-9a-f]{32}["']?$/i;

function isPublicSearchKey(match: string, before: string): boolean {
  return SEARCH_KEY.test(match.trim()) && ALGOLIA_CONTEXT.test(before);
}

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
  /** For each keyword id, its original spelling when a rule wants it matched with its case, else null. */
  private readonly exactCase: (string | null)[];

  constructor(readonly rules: readonly CompiledRule[]) {
    const ids = new Map<string, number>();
    this.rulesOf = [];
    this.exactCase = [];
    rules.forEach((rule, r) => {
      for (const spelled of rule.check.keywords) {
        const key = rule.check.keywordCase ? spelled : spelled.toLowerCase();
        let id = ids.get(key);
        if (id === undefined) {
          id = ids.size;
          ids.set(key, id);
          this.rulesOf.push([]);
          this.exactCase.push(rule.check.keywordCase ? spelled : null);
        }
        this.rulesOf[id]!.push(r);
      }
    });
    this.index = new KeywordIndex([...ids.keys()].map((k) => k.toLowerCase()));
  }

  detect(text: string, options: DetectOptions): SecretMatch[] {
    const hits = this.index.find(text);
    if (!hits.count) return [];
    const found: SecretMatch[] = [];
    const seen = new Set<string>();
    const covered = new Map<number, Window>();
    for (let h = 0; h < hits.count; h++) {
      const pos = hits.starts[h]!;
      const keyword = hits.keywords[h]!;
      const exact = this.exactCase[keyword];
      if (exact && !text.startsWith(exact, pos)) continue;
      for (const r of this.rulesOf[keyword]!) {
        const previous = covered.get(r);
        // The rule's previous window already holds every match that can contain this hit.
        if (previous && pos >= previous.coveredFrom && pos < previous.coveredUntil) continue;
        const rule = this.rules[r]!;
        if (!previous && !this.applies(rule, options)) {
          covered.set(r, { start: 0, end: 0, coveredFrom: 0, coveredUntil: text.length + 1 });
          continue;
        }
        const window = this.window(text, pos, rule, options.maxLineLength);
        covered.set(r, window);
        this.matchWindow(text, window, rule, seen, found);
      }
    }
    return dropDuplicates(found);
  }

  private applies(rule: CompiledRule, options: DetectOptions): boolean {
    if (rule.check.confidence === 'low' && (options.lockfile || options.example)) return false;
    if (rule.check.quietInExamples && options.example) return false;
    return !rule.pathFilter || rule.pathFilter(options.path);
  }

  /**
   * The text a rule's pattern runs over for a keyword hit: its line and the next (values may start on the next
   * line, as in XML elements); for long lines an overlapping window around the hit.
   */
  private window(text: string, pos: number, rule: CompiledRule, maxLineLength: number): Window {
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    if (rule.check.multiline) {
      return { start: lineStart, end: Math.min(text.length, lineStart + MULTILINE_SPAN), coveredFrom: lineStart, coveredUntil: lineEnd };
    }
    let end = lineEnd < text.length ? text.indexOf('\n', lineEnd + 1) : lineEnd;
    if (end < 0) end = text.length;
    if (end - lineStart <= maxLineLength) return { start: lineStart, end, coveredFrom: lineStart, coveredUntil: lineEnd };
    const start = Math.max(lineStart, pos - LOOK_BEHIND);
    const stop = Math.min(end, pos + Math.max(MAX_MATCH * 2, maxLineLength - LOOK_BEHIND));
    return { start, end: stop, coveredFrom: start === lineStart ? start : start + LOOK_BEHIND, coveredUntil: stop === end ? stop : stop - MAX_MATCH };
  }

  private matchWindow(text: string, window: Window, rule: CompiledRule, seen: Set<string>, found: SecretMatch[]): void {
    const from = window.start;
    const slice = text.slice(from, window.end);
    const { regex, check } = rule;
    regex.lastIndex = 0;
    for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
      if (m[0].length === 0) regex.lastIndex++;
      const secret = m[check.secretGroup];
      const span = m.indices?.[check.secretGroup];
      if (secret === undefined || !span || !secret.length) continue;
      const start = from + span[0];
      const key = `${rule.order}@${start}:${secret.length}`;
      if (seen.has(key)) continue;
      const matchStart = from + m.index;
      const match = nameBefore(text, matchStart) + m[0];
      if (!this.accept(rule, secret, match)) continue;
      if (rule.check.confidence === 'low' && isPublicSearchKey(match, text.slice(Math.max(0, matchStart - SEARCH_KEY_CONTEXT), matchStart))) continue;
      seen.add(key);
      found.push({ rule, secret, start, end: start + secret.length, matchStart, matchEnd: matchStart + m[0].length });
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
      if (MARKED_NOT_REAL.test(match.slice(0, Math.max(0, match.lastIndexOf(secret))))) return false;
    }
    return true;
  }
}

/** The identifier characters right before a match, so allowlists see `publicToken` and not only `Token`. */
function nameBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && at - i < NAME_CONTEXT && /[\w.-]/.test(text[i - 1]!)) i--;
  return text.slice(i, at);
}

/**
 * One finding per secret: a generic rule adds nothing where a provider rule already flagged the same text, and
 * of two provider rules matching exactly the same span (a format and its older variant) the first one listed wins.
 */
function dropDuplicates(found: SecretMatch[]): SecretMatch[] {
  if (found.length < 2) return found;
  const sorted = [...found].sort((a, b) => a.rule.order - b.rule.order || a.start - b.start);
  const specific = sorted.filter((f) => f.rule.check.confidence === 'high');
  const spans = new Set<string>();
  return sorted.filter((f) => {
    if (f.rule.check.confidence === 'low' && specific.some((s) => s.start < f.end && f.start < s.end)) return false;
    const span = `${f.start}:${f.end}`;
    if (spans.has(span)) return false;
    spans.add(span);
    return true;
  });
}
