import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { SEVERITIES, SCANNER_IDS, type RuleMeta, type ScannerId } from '../model.js';

/**
 * The built-in rules directory. Found by walking up from this module, because the same code runs
 * from src/ (tests), lib/ (programmatic API) and dist/ (bundled action and CLI).
 */
export function builtinRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'rules');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('shiftguard: built-in rules directory not found next to package.json');
}

export const sampleSchema = z.strictObject({
  name: z.string().min(1),
  expect: z.enum(['pass', 'fail']),
  /** File name the sample is scanned as (defaults per scanner, e.g. sample.yaml). */
  file: z.string().optional(),
  content: z.string(),
  /** Lines (1-based) where this rule's findings must land; checked exactly when given. */
  lines: z.array(z.number().int().positive()).optional(),
});
export type RuleSample = z.infer<typeof sampleSchema>;

/** Fields every rule has, whatever its scanner; `check` is validated by the scanner's engine. */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, 'rule ids are lower-case kebab-case'),
  scanner: z.enum(SCANNER_IDS),
  title: z.string().min(1),
  severity: z.enum(SEVERITIES),
  description: z.string().min(1),
  remediation: z.string().min(1),
  references: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  check: z.unknown(),
  samples: z.array(sampleSchema).default([]),
});
export type RuleDoc = z.infer<typeof ruleSchema>;

export interface LoadedRule extends RuleDoc {
  /** Path of the YAML file relative to the rules directory. */
  file: string;
}

/** A rule file holds one rule, or `rules: [...]` for families (e.g. one secrets provider per file). */
const ruleFileSchema = z.union([z.strictObject({ rules: z.array(z.unknown()) }), z.unknown()]);

/** YAML files under `dir` (recursive, sorted); none when it does not exist. */
export function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Parses rule documents from YAML text; errors name the file and the field. */
export function parseRuleFile(text: string, file: string): LoadedRule[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new RuleFileError(file, `invalid YAML: ${(e as Error).message}`);
  }
  const shaped = ruleFileSchema.parse(doc);
  const docs =
    shaped && typeof shaped === 'object' && 'rules' in shaped && Array.isArray(shaped.rules) ? shaped.rules : [doc];
  return docs.map((d, index) => {
    const result = ruleSchema.safeParse(d);
    if (!result.success) {
      throw new RuleFileError(file, `${docs.length > 1 ? `rules[${index}]: ` : ''}${formatZodError(result.error)}`);
    }
    return { ...result.data, file };
  });
}

/**
 * The bundle (dist/) carries its rules pre-parsed in rules.json beside it, written by scripts/bundle.mjs
 * from the same YAML: parsing ~450 rule files with their samples took over a second of every run.
 */
export const BUNDLED_RULES_FILE = 'rules.json';

let bundled: Partial<Record<ScannerId, LoadedRule[]>> | null | undefined;

function bundledRules(scanner: ScannerId): LoadedRule[] | undefined {
  if (bundled === undefined) {
    const file = join(dirname(fileURLToPath(import.meta.url)), BUNDLED_RULES_FILE);
    bundled = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { rules: Partial<Record<ScannerId, LoadedRule[]>> }).rules : null;
  }
  return bundled?.[scanner];
}

// Several parts of a scan ask for the same scanner's rules; they are read once per process.
const loaded = new Map<string, LoadedRule[]>();

/** Loads every rule file under rules/<scanner>/ (recursively), sorted by path. */
export function loadBuiltinRules(scanner: ScannerId, rulesDir?: string): LoadedRule[] {
  if (rulesDir === undefined) {
    const fromBundle = bundledRules(scanner);
    if (fromBundle) return fromBundle;
  }
  const dir = rulesDir ?? builtinRulesDir();
  const key = `${scanner}\0${dir}`;
  let rules = loaded.get(key);
  if (!rules) {
    rules = readRulesDir(scanner, dir);
    loaded.set(key, rules);
  }
  return rules;
}

/** Reads and validates rules/<scanner>/ from disk, without the per-process cache (the bundler uses it). */
export function readRulesDir(scanner: ScannerId, rulesDir: string): LoadedRule[] {
  const base = join(rulesDir, scanner);
  const rules = listYaml(base).flatMap((full) =>
    parseRuleFile(readFileSync(full, 'utf8'), relative(rulesDir, full).split('\\').join('/')),
  );
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new RuleFileError(rule.file, `duplicate rule id ${rule.id}`);
    seen.add(rule.id);
    if (rule.scanner !== scanner) throw new RuleFileError(rule.file, `scanner is ${rule.scanner}, expected ${scanner}`);
  }
  return rules;
}

export function toRuleMeta(rule: RuleDoc): RuleMeta {
  return {
    id: rule.id,
    scanner: rule.scanner,
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    remediation: rule.remediation,
    references: rule.references,
    tags: rule.tags,
  };
}
