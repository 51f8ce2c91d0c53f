import { z } from 'zod';
import picomatch from 'picomatch';
import type { LoadedRule } from '../../rules/load.js';
import { toRuleMeta } from '../../rules/load.js';
import type { RuleMeta } from '../../model.js';
import { expandMacros } from './macros.js';
import { regexProblems } from './regex-safety.js';

/** The engine-specific `check:` block of a secrets rule. */
export const secretsCheckSchema = z.strictObject({
  /** Literal, case-insensitive strings; the pattern only runs near one of them. */
  keywords: z.array(z.string().min(2)).min(1),
  /** JavaScript regex source; may use %{macro} fragments (see macros.ts). Bounded quantifiers only. */
  pattern: z.string().min(1),
  ignoreCase: z.boolean().default(false),
  /** Capture group holding the secret; 0 = the whole match. */
  secretGroup: z.number().int().min(0).default(1),
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy: z.number().min(0).max(8).optional(),
  /** Regexes tested against the secret: a hit means "not a secret" (placeholders, documented examples). */
  allowlist: z.array(z.string()).default([]),
  /** Regexes tested against the whole match (e.g. the variable name: `public_key`, `csrf_token`). */
  matchAllowlist: z.array(z.string()).default([]),
  /** The pattern may span lines (private key blocks): it runs from the keyword's line over the next lines. */
  multiline: z.boolean().default(false),
  /**
   * high: the value's shape alone identifies the provider. low: generic assignments (password = ...), which skip
   * lockfiles and values that look like placeholders, references or variable names.
   */
  confidence: z.enum(['high', 'low']).default('high'),
  /** Keywords must appear with the case written here (e.g. `SK` for Twilio, not every `task`). */
  keywordCase: z.boolean().default(false),
  /** Stay quiet in files marked as examples or fixtures by their path (generic rules always do). */
  quietInExamples: z.boolean().default(false),
  /** Only files whose path matches one of these globs. */
  paths: z.array(z.string()).optional(),
});
export type SecretsCheck = z.infer<typeof secretsCheckSchema>;

/** Checks implemented in code rather than by a pattern; the rule file still carries the metadata and samples. */
export const builtinCheckSchema = z.strictObject({
  builtin: z.literal('kubernetes-secret-literal'),
  /** Shorter base64 values in `data:` (e.g. "YmFyCg==") are treated as harmless. */
  minEncodedLength: z.number().int().min(1).default(10),
});
export type BuiltinCheck = z.infer<typeof builtinCheckSchema>;

export function isBuiltinCheck(check: unknown): boolean {
  return typeof check === 'object' && check !== null && 'builtin' in check;
}

export interface CompiledRule {
  meta: RuleMeta;
  /** Position in the rule list: on identical spans the earlier rule wins. */
  order: number;
  check: SecretsCheck;
  regex: RegExp;
  allowlist: RegExp[];
  matchAllowlist: RegExp[];
  pathFilter: ((path: string) => boolean) | null;
  keywords: string[];
}

export class SecretsRuleError extends Error {}

// Allowlists only ever run on one bounded secret or match, never on a whole line, so they need no linear-time check.
function compileList(sources: string[], where: string): RegExp[] {
  return sources.map((s) => {
    try {
      return new RegExp(s);
    } catch (e) {
      throw new SecretsRuleError(`${where}: ${(e as Error).message}`);
    }
  });
}

/** Validates a rule's check and compiles it; throws SecretsRuleError naming the rule and the problem. */
export function compileRule(rule: LoadedRule, order = 0): CompiledRule {
  const where = `${rule.file} ${rule.id}`;
  const parsed = secretsCheckSchema.safeParse(rule.check);
  if (!parsed.success) {
    throw new SecretsRuleError(`${where}: check ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const check = parsed.data;
  const { source, unknown } = expandMacros(check.pattern);
  if (unknown.length) throw new SecretsRuleError(`${where}: unknown pattern macro ${unknown.join(', ')}`);
  const problems = regexProblems(source);
  if (problems.length) throw new SecretsRuleError(`${where}: pattern is not linear-safe: ${problems.join('; ')}`);
  let regex: RegExp;
  try {
    regex = new RegExp(source, `gmd${check.ignoreCase ? 'i' : ''}`);
  } catch (e) {
    throw new SecretsRuleError(`${where}: invalid pattern: ${(e as Error).message}`);
  }
  const groups = new RegExp(`${source}|`).exec('')!.length - 1;
  if (check.secretGroup > groups) throw new SecretsRuleError(`${where}: secretGroup ${check.secretGroup} but the pattern has ${groups} groups`);
  return {
    meta: toRuleMeta(rule),
    order,
    check,
    regex,
    allowlist: compileList(check.allowlist, `${where} allowlist`),
    matchAllowlist: compileList(check.matchAllowlist, `${where} matchAllowlist`).map((re) => new RegExp(re.source, 'i')),
    pathFilter: check.paths ? picomatch(check.paths, { dot: true, basename: !check.paths.some((p) => p.includes('/')) }) : null,
    keywords: [...new Set(check.keywords.map((k) => k.toLowerCase()))],
  };
}
