// Dict functions that build new maps from values (omit, pick, merge, deepCopy...). They keep the
// source position of every key they carry over, so `omit .Values.securityContext "enabled" | toYaml`
// still maps each emitted key to its values line.
import { cloneTracked } from '../../tracked-yaml.js';
import { isMap } from '../format.js';
import type { Tracked } from '../provenance.js';
import { str } from './strings.js';
import { FunctionError, type CallContext, type TrackedFn } from './types.js';

type Dict = Record<string, unknown>;

function dict(t: Tracked | undefined, fn: string): Dict {
  if (!t || t.v === null || t.v === undefined) return {};
  if (!isMap(t.v)) throw new FunctionError(`${fn}: cannot use ${typeof t.v} as a dict`);
  return t.v;
}

function keep(source: Dict, keys: (k: string) => boolean, ctx: CallContext): Dict {
  const out: Dict = {};
  for (const [k, v] of Object.entries(source)) {
    if (!keys(k)) continue;
    out[k] = v;
    const at = ctx.origins.get(source, k);
    if (at) ctx.origins.set(out, k, at);
  }
  return out;
}

/** Sprig's merge: fills keys missing (or nil) in dst from src, recursively; dst is changed in place. */
function mergeInto(dst: Dict, src: Dict, overwrite: boolean, ctx: CallContext): Dict {
  for (const [k, v] of Object.entries(src)) {
    const cur = dst[k];
    if (isMap(cur) && isMap(v)) mergeInto(cur, v, overwrite, ctx);
    else if (overwrite || cur === undefined || cur === null) {
      dst[k] = cloneTracked(v, ctx.origins);
      const at = ctx.origins.get(src, k);
      if (at) ctx.origins.set(dst, k, at);
    }
  }
  return dst;
}

const mergeFn =
  (overwrite: boolean, name: string): TrackedFn =>
  (args, ctx) => {
    const [dst, ...srcs] = args;
    const target = dict(dst, name);
    for (const s of srcs) mergeInto(target, dict(s, name), overwrite, ctx);
    return { v: target, ...(dst?.p ? { p: dst.p } : {}) };
  };

export const trackedCollectionFunctions: Record<string, TrackedFn> = {
  omit: (args, ctx) => {
    const [d, ...keys] = args;
    const drop = new Set(keys.map((k) => str(k.v)));
    return { v: keep(dict(d, 'omit'), (k) => !drop.has(k), ctx), ...(d?.p ? { p: d.p } : {}) };
  },
  pick: (args, ctx) => {
    const [d, ...keys] = args;
    const take = new Set(keys.map((k) => str(k.v)));
    return { v: keep(dict(d, 'pick'), (k) => take.has(k), ctx), ...(d?.p ? { p: d.p } : {}) };
  },
  merge: mergeFn(false, 'merge'),
  mergeOverwrite: mergeFn(true, 'mergeOverwrite'),
  deepCopy: (args, ctx) => ({ v: cloneTracked(args[0]?.v ?? null, ctx.origins), ...(args[0]?.p ? { p: args[0].p } : {}) }),
  dict: (args, ctx) => {
    const out: Dict = {};
    for (let i = 0; i < args.length; i += 2) {
      const key = str(args[i]?.v);
      const value = args[i + 1];
      out[key] = value === undefined ? '' : value.v;
      const at = value?.p?.[0];
      if (at && !at.lit) ctx.origins.set(out, key, at.at);
    }
    return { v: out };
  },
};
