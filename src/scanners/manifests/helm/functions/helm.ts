// Helm's own functions (include, tpl, toYaml, required, fail, lookup) and those that see provenance
// (indent keeps each line's source). Functions that would reach outside the chart are refused here.
import { formatValue, truthy } from '../format.js';
import { indentProv, type Tracked } from '../provenance.js';
import { toYamlTracked } from '../to-yaml.js';
import { str } from './strings.js';
import { FunctionError, type PlainFn, type TrackedFn } from './types.js';

function text(t: Tracked | undefined): string {
  return str(t?.v);
}

function pad(n: unknown): string {
  const count = typeof n === 'number' ? Math.trunc(n) : parseInt(str(n), 10) || 0;
  if (count < 0 || count > 1000) throw new FunctionError(`indent width ${count} out of range`);
  return ' '.repeat(count);
}

function printed(t: Tracked): Tracked {
  const s = typeof t.v === 'string' ? t.v : formatValue(t.v);
  return { v: s, ...(t.p ? { p: t.p } : {}) };
}

export const trackedFunctions: Record<string, TrackedFn> = {
  include: (args, ctx) => {
    const [name, dot] = args;
    return ctx.include(text(name), dot ?? { v: null });
  },
  tpl: (args, ctx) => {
    const [tmpl, dot] = args;
    return ctx.tpl(printed(tmpl ?? { v: '' }), dot ?? { v: null });
  },
  toYaml: (args, ctx) => {
    const value = args[0]?.v;
    if (value === null || value === undefined) return { v: 'null' };
    const origin = args[0]?.p?.[0]?.at;
    ctx.step(1);
    const out = toYamlTracked(value, ctx.origins, origin);
    ctx.step(out.text.length / 64);
    return { v: out.text, p: out.p };
  },
  indent: (args, ctx) => {
    const subject = printed(args[1] ?? { v: '' });
    ctx.step(String(subject.v).length / 64);
    const out = indentProv(String(subject.v), subject.p, pad(args[0]?.v), false);
    return { v: out.text, ...(out.p ? { p: out.p } : {}) };
  },
  nindent: (args, ctx) => {
    const subject = printed(args[1] ?? { v: '' });
    ctx.step(String(subject.v).length / 64);
    const out = indentProv(String(subject.v), subject.p, pad(args[0]?.v), true);
    return { v: out.text, ...(out.p ? { p: out.p } : {}) };
  },
  required: (args) => {
    const [message, value] = args;
    if (!value || value.v === null || value.v === undefined || value.v === '') throw new FunctionError(`required: ${text(message)}`);
    return value;
  },
  fail: (args) => {
    throw new FunctionError(`fail: ${text(args[0])}`);
  },
  lookup: () => ({ v: {} }),
  default: (args) => {
    const given = args[1];
    if (given && truthy(given.v)) return given;
    return args[0] ?? { v: null };
  },
  toString: (args: Tracked[]) => printed(args[0] ?? { v: '' }),
};

/** Functions a chart may name but a scanner must never run: they read the environment or the network. */
const refused: Record<string, string> = {
  env: 'env is not allowed: templates are rendered without access to the environment',
  expandenv: 'expandenv is not allowed: templates are rendered without access to the environment',
  getHostByName: 'getHostByName is not allowed: templates are rendered without network access',
  exec: 'exec is not allowed',
};

export const refusedFunctions: Record<string, PlainFn> = Object.fromEntries(
  Object.entries(refused).map(([name, reason]) => [
    name,
    () => {
      throw new FunctionError(reason);
    },
  ]),
);

/** Values that vary between runs, made deterministic so fingerprints stay stable. */
export const deterministicFunctions: Record<string, PlainFn> = {
  randAlphaNum: (n) => 'x'.repeat(Math.min(1000, Math.max(0, Number(n) || 0))),
  randAlpha: (n) => 'x'.repeat(Math.min(1000, Math.max(0, Number(n) || 0))),
  randNumeric: (n) => '0'.repeat(Math.min(1000, Math.max(0, Number(n) || 0))),
  randAscii: (n) => 'x'.repeat(Math.min(1000, Math.max(0, Number(n) || 0))),
  uuidv4: () => '00000000-0000-4000-8000-000000000000',
  now: () => '1970-01-01T00:00:00Z',
};
