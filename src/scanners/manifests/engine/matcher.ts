import type { Expr, EvalContext, Leaf } from './expr.js';
import { evaluate, leafTest } from './expr.js';
import { reachedValues, valueAlong } from './path.js';

// Conditions compiled once per rule into closures that only answer "does it hold?". Nearly every
// evaluation is a miss, so this path allocates nothing; `evaluate` (expr.ts) gives the same answer plus
// the explaining paths, and runs only for findings. Both test values with the same leafTest.

export type Matcher = (ctx: EvalContext) => boolean;

function rootValue(leaf: Leaf, ctx: EvalContext): unknown {
  const root = leaf.path.root;
  return root === 'object' ? ctx.document : root === 'pod' ? ctx.values.pod : root === 'meta' ? ctx.values.meta : ctx.values.scope;
}

function rootMissing(leaf: Leaf, ctx: EvalContext): boolean {
  const root = leaf.path.root;
  return (root === 'pod' && ctx.pod === null) || (root === 'meta' && ctx.meta === null);
}

function compileLeaf(leaf: Leaf): Matcher {
  const test = leafTest(leaf);
  const segments = leaf.path.segments;
  const { keyRegex, keyNotIn } = leaf;
  if (!keyRegex && !keyNotIn) {
    if (leaf.path.literal) {
      return (ctx) => {
        if (rootMissing(leaf, ctx)) return false;
        const value = valueAlong(rootValue(leaf, ctx), segments);
        return test(value, value !== undefined && value !== null);
      };
    }
    return (ctx) => {
      if (rootMissing(leaf, ctx)) return false;
      const reached = reachedValues(rootValue(leaf, ctx), segments);
      // Reaching nothing counts as one absent field, as in `expand`.
      if (reached === null) return test(undefined, false);
      return reached.values.some((value) => test(value, value !== undefined && value !== null));
    };
  }
  return (ctx) => {
    if (rootMissing(leaf, ctx)) return false;
    // With no segments the key is the base's own last key: rare enough to leave to evaluate.
    if (segments.length === 0) return evaluate(leaf, ctx).matched;
    const reached = reachedValues(rootValue(leaf, ctx), segments);
    if (reached === null) return false;
    return reached.values.some((value, i) => {
      const key = String(reached.keys[i]);
      const present = value !== undefined && value !== null;
      return present && (!keyRegex || keyRegex.test(key)) && (!keyNotIn || !keyNotIn.includes(key)) && test(value, present);
    });
  };
}

/** Compiles a validated condition; the result answers exactly as `evaluate(expr, ctx).matched`. */
export function compileMatcher(expr: Expr): Matcher {
  if ('any' in expr) {
    const parts = expr.any.map(compileMatcher);
    return (ctx) => parts.some((m) => m(ctx));
  }
  if ('all' in expr) {
    const parts = expr.all.map(compileMatcher);
    return (ctx) => parts.every((m) => m(ctx));
  }
  if ('not' in expr) {
    const inner = compileMatcher(expr.not);
    return (ctx) => !inner(ctx);
  }
  return compileLeaf(expr);
}
