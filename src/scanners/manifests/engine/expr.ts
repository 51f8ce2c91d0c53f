import { z } from 'zod';
import type { NodePath } from '../types.js';
import { expand, parseFieldPath, PathSyntaxError, type FieldPath } from './path.js';
import { unsafeRegexReason } from './regex.js';

// The declarative condition language: leaves test the value(s) at a field path, `any`/`all`/`not`
// combine them. Used by built-in rules and (later) by custom rules in the repository.

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const fieldPath = z.string().transform((source, ctx): FieldPath => {
  try {
    return parseFieldPath(source);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof PathSyntaxError ? e.message : String(e) });
    return z.NEVER;
  }
});

const safeRegex = z.string().transform((source, ctx): RegExp => {
  const reason = unsafeRegexReason(source);
  if (reason) {
    ctx.addIssue({ code: 'custom', message: `unsafe or invalid regex: ${reason}` });
    return z.NEVER;
  }
  return new RegExp(source, 'u');
});

const leafSchema = z
  .strictObject({
    path: fieldPath,
    /** Keeps only expansions whose last key (a map key reached by `*`) matches, e.g. annotation prefixes. */
    keyRegex: safeRegex.optional(),
    /** Keeps only expansions whose last key is not one of these. */
    keyNotIn: z.array(z.string()).optional(),
    exists: z.boolean().optional(),
    absent: z.literal(true).optional(),
    equals: scalar.optional(),
    notEquals: scalar.optional(),
    in: z.array(scalar).optional(),
    notIn: z.array(scalar).optional(),
    regex: safeRegex.optional(),
    notRegex: safeRegex.optional(),
    contains: scalar.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
  })
  .refine((leaf) => Object.keys(leaf).length > 1, { message: 'a condition needs an operator besides path' });
export type Leaf = z.infer<typeof leafSchema>;

export type Expr = Leaf | { any: Expr[] } | { all: Expr[] } | { not: Expr };

// Dispatch on the operator key rather than a plain union, so a mistake deep inside a condition is
// reported at its own field instead of as "invalid input" for the whole expression.
const anySchema = z.strictObject({ any: z.array(z.lazy(() => exprSchema)).min(1) });
const allSchema = z.strictObject({ all: z.array(z.lazy(() => exprSchema)).min(1) });
const notSchema = z.strictObject({ not: z.lazy(() => exprSchema) });

export const exprSchema: z.ZodType<Expr, unknown> = z.unknown().transform((value, ctx): Expr => {
  const has = (key: string) => typeof value === 'object' && value !== null && key in value;
  const schema = has('any') ? anySchema : has('all') ? allSchema : has('not') ? notSchema : leafSchema;
  const result = (schema as z.ZodType<Expr, unknown>).safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/** Where `$pod`, `$meta`, `$object` and scope-relative paths start, in the object's value. */
export interface EvalContext {
  document: unknown;
  scope: NodePath;
  pod: NodePath | null;
  meta: NodePath | null;
  /**
   * The values at scope, $pod and $meta, resolved once per scope instance and shared by every rule that
   * visits it (undefined where the path reaches nothing).
   */
  values: { scope: unknown; pod: unknown; meta: unknown };
}

export interface EvalResult {
  matched: boolean;
  /** Concrete paths that explain the result: the matching fields, or the absent ones. */
  at: NodePath[];
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // YAML authors write `"0"` and `0`, `"true"` and `true`; Kubernetes would reject mismatched types,
  // so a rule value compares equal to its string form.
  return a !== undefined && a !== null && b !== null && String(a) === String(b);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

/** Whether a value (present or not) passes a leaf's operators: the one definition of their meaning. */
export type LeafTest = (value: unknown, present: boolean) => boolean;

function compileLeafTest(leaf: Leaf): LeafTest {
  if (leaf.absent || leaf.exists === false) return (_, present) => !present;
  const tests: Array<(value: unknown) => boolean> = [];
  const { equals, notEquals, contains, regex, notRegex, gt, gte, lt, lte } = leaf;
  if (equals !== undefined) tests.push((v) => same(v, equals));
  if (notEquals !== undefined) tests.push((v) => !same(v, notEquals));
  if (leaf.in) {
    const list = leaf.in;
    tests.push((v) => list.some((x) => same(v, x)));
  }
  if (leaf.notIn) {
    const list = leaf.notIn;
    tests.push((v) => !list.some((x) => same(v, x)));
  }
  if (regex || notRegex) {
    tests.push((v) => {
      if (typeof v === 'object') return false;
      const text = String(v);
      return (!regex || regex.test(text)) && (!notRegex || !notRegex.test(text));
    });
  }
  if (contains !== undefined) tests.push((v) => Array.isArray(v) && v.some((x) => same(x, contains)));
  if (gt !== undefined || gte !== undefined || lt !== undefined || lte !== undefined) {
    tests.push((v) => {
      const n = toNumber(v);
      return (
        n !== null &&
        (gt === undefined || n > gt) &&
        (gte === undefined || n >= gte) &&
        (lt === undefined || n < lt) &&
        (lte === undefined || n <= lte)
      );
    });
  }
  if (tests.length === 0) return (_, present) => present;
  if (tests.length === 1) {
    const only = tests[0]!;
    return (value, present) => present && only(value);
  }
  return (value, present) => present && tests.every((t) => t(value));
}

// Leaves are validated once per rule and kept: their tests are built once too.
const leafTests = new WeakMap<Leaf, LeafTest>();

export function leafTest(leaf: Leaf): LeafTest {
  let test = leafTests.get(leaf);
  if (!test) {
    test = compileLeafTest(leaf);
    leafTests.set(leaf, test);
  }
  return test;
}

function baseOf(path: FieldPath, ctx: EvalContext): NodePath | null {
  if (path.root === 'object') return [];
  if (path.root === 'pod') return ctx.pod;
  if (path.root === 'meta') return ctx.meta;
  return ctx.scope;
}

export function evaluate(expr: Expr, ctx: EvalContext): EvalResult {
  if ('any' in expr) {
    // Every matching branch is kept (perField reports each); the misses only matter when none match.
    let matched = false;
    const hits: NodePath[] = [];
    const misses: NodePath[] = [];
    for (const e of expr.any) {
      const r = evaluate(e, ctx);
      if (r.matched) {
        matched = true;
        hits.push(...r.at);
      } else if (!matched) misses.push(...r.at);
    }
    return { matched, at: matched ? hits : misses };
  }
  if ('all' in expr) {
    // The first failing condition explains a miss; no need to evaluate the rest.
    const at: NodePath[] = [];
    for (const e of expr.all) {
      const r = evaluate(e, ctx);
      if (!r.matched) return { matched: false, at: r.at };
      at.push(...r.at);
    }
    return { matched: true, at };
  }
  if ('not' in expr) {
    const inner = evaluate(expr.not, ctx);
    return { matched: !inner.matched, at: inner.at };
  }
  const base = baseOf(expr.path, ctx);
  if (base === null) return { matched: false, at: [] };
  let expansions = expand(ctx.document, base, expr.path.segments);
  if (expr.keyRegex || expr.keyNotIn) {
    const { keyRegex, keyNotIn } = expr;
    expansions = expansions.filter((x) => {
      const key = String(x.path[x.path.length - 1]);
      return x.present && (!keyRegex || keyRegex.test(key)) && (!keyNotIn || !keyNotIn.includes(key));
    });
    if (expansions.length === 0) return { matched: false, at: [] };
  }
  const test = leafTest(expr);
  const hits = expansions.filter((x) => test(x.value, x.present));
  return hits.length > 0 ? { matched: true, at: hits.map((x) => x.path) } : { matched: false, at: expansions.map((x) => x.path) };
}
