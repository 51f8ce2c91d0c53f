import { z } from 'zod';
import { RuleFileError, type LoadedRule } from '../../../rules/load.js';
import { TEMPLATES } from '../templates/index.js';
import { compileDeclarative, declarativeSchema, skipRenderedBySchema } from './declarative.js';
import type { CompiledCheck } from './types.js';

// A rule's `check` is either `{ template: <id>, params: {...} }` (code in templates/) or a
// declarative match (see declarative.ts). Both are validated here, once, with errors that name the
// rule file and the field.

const templateCheckSchema = z.strictObject({
  template: z.string().min(1),
  kinds: z.array(z.string().min(1)).min(1).optional(),
  skipRenderedBy: skipRenderedBySchema,
  params: z.unknown().optional(),
});

function formatIssues(error: z.ZodError, prefix: string): string {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
}

export function compileCheck(rule: Pick<LoadedRule, 'id' | 'file' | 'check'>): CompiledCheck {
  const raw = rule.check;
  if (raw && typeof raw === 'object' && 'template' in raw) {
    const parsed = templateCheckSchema.safeParse(raw);
    if (!parsed.success) throw new RuleFileError(rule.file, formatIssues(parsed.error, 'check'));
    const template = TEMPLATES[parsed.data.template];
    if (!template) {
      throw new RuleFileError(rule.file, `check.template: unknown template "${parsed.data.template}" (known: ${Object.keys(TEMPLATES).sort().join(', ')})`);
    }
    const params = template.params.safeParse(parsed.data.params ?? {});
    if (!params.success) throw new RuleFileError(rule.file, formatIssues(params.error, 'check.params'));
    const value = params.data as never;
    const kinds = parsed.data.kinds ? new Set(parsed.data.kinds) : null;
    const skipRenderedBy = parsed.data.skipRenderedBy ? new Set(parsed.data.skipRenderedBy) : null;
    if (template.runSet) {
      const runSet = template.runSet.bind(template);
      const keeper = template.keeper?.bind(template);
      return {
        kinds,
        skipRenderedBy,
        backgroundKinds: template.backgroundKinds,
        runSet: (set) => runSet(set, value),
        ...(keeper ? { keeper: () => keeper(value) } : {}),
      };
    }
    const run = template.run.bind(template);
    const gate = template.applies ? { id: template.id, applies: template.applies.bind(template) } : undefined;
    return { kinds, skipRenderedBy, run: (ctx) => run(ctx, value), ...(gate ? { gate } : {}) };
  }
  const parsed = declarativeSchema.safeParse(raw);
  if (!parsed.success) throw new RuleFileError(rule.file, formatIssues(parsed.error, 'check'));
  const check = parsed.data;
  return {
    kinds: check.kinds ? new Set(check.kinds) : null,
    skipRenderedBy: check.skipRenderedBy ? new Set(check.skipRenderedBy) : null,
    run: compileDeclarative(check),
  };
}
