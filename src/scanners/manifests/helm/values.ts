// Values with their source lines: values.yaml, extra values files, parent overrides and `global`,
// merged the way Helm coalesces them, each key keeping the position of the file that set it last.
import { isMap } from './format.js';
import { cloneTracked, type Origins } from '../tracked-yaml.js';

type Values = Record<string, unknown>;

/**
 * `override` over `base` (both left untouched): maps merge key by key, anything else replaces;
 * a null in the override deletes the key, as `helm --set key=null` and values files do.
 */
export function mergeValues(base: Values, override: Values, origins: Origins): Values {
  const out = cloneTracked(base, origins) as Values;
  for (const [k, v] of Object.entries(override)) {
    if (v === null) {
      delete out[k];
      origins.delete(out, k);
      continue;
    }
    const current = out[k];
    out[k] = isMap(current) && isMap(v) ? mergeValues(current, v, origins) : cloneTracked(v, origins);
    const at = origins.get(override, k);
    if (at) origins.set(out, k, at);
  }
  return out;
}

/** Values a subchart sees: its own defaults under the parent's section for it, plus the parent's globals. */
export function subchartValues(own: Values, parent: Values, key: string, origins: Origins): Values {
  const section = isMap(parent[key]) ? (parent[key] as Values) : {};
  const merged = mergeValues(own, section, origins);
  const parentGlobal = isMap(parent.global) ? (parent.global as Values) : {};
  const ownGlobal = isMap(merged.global) ? (merged.global as Values) : {};
  merged.global = mergeValues(ownGlobal, parentGlobal, origins);
  return merged;
}

/** Reads a dotted path such as `redis.enabled` (a dependency's condition). */
export function valueAt(values: Values, dotted: string): unknown {
  let cur: unknown = values;
  for (const part of dotted.split('.')) {
    if (!isMap(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}
