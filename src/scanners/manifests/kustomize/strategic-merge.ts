// Strategic merge patches, as kustomize applies them to built-in kinds: maps merge, known lists merge
// by their key (containers by name, ports by containerPort...), other lists are replaced; `null` and
// `$patch: delete|replace` directives work. Every field the patch sets takes the patch file's position.
import { cloneTracked, type Origins } from '../tracked-yaml.js';

type Obj = Record<string, unknown>;

/** Merge keys of list fields of the built-in Kubernetes types (patchMergeKey in their Go types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
};

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Applies `patch` to `target` in place. */
export function strategicMerge(target: Obj, patch: Obj, origins: Origins): void {
  if (patch.$patch === 'replace') {
    for (const k of Object.keys(target)) delete target[k];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const at = origins.get(patch, key);
    if (value === null) {
      delete target[key];
      origins.delete(target, key);
      continue;
    }
    const current = target[key];
    if (isObj(value) && value.$patch === 'delete') {
      delete target[key];
      origins.delete(target, key);
      continue;
    }
    // a map or keyed list merged field by field keeps the position of the file that created it;
    // only what the patch sets or replaces takes the patch's position
    if (isObj(value) && isObj(current) && value.$patch !== 'replace') {
      strategicMerge(current, value, origins);
    } else if (Array.isArray(value) && Array.isArray(current) && MERGE_KEYS[key]) {
      target[key] = mergeList(current, value, MERGE_KEYS[key]!, origins);
      const kept = origins.get(target, key);
      if (!kept && at) origins.set(target, key, at);
    } else {
      target[key] = stripDirectives(cloneTracked(value, origins));
      if (at) origins.set(target, key, at);
    }
  }
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => !(isObj(v) && v.$patch === 'delete')).map(stripDirectives);
  if (isObj(value)) {
    delete value.$patch;
    for (const v of Object.values(value)) stripDirectives(v);
  }
  return value;
}

function mergeList(current: unknown[], patch: unknown[], mergeKey: string, origins: Origins): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) {
    return stripDirectives(cloneTracked(patch.filter((p) => !(isObj(p) && p.$patch === 'replace')), origins)) as unknown[];
  }
  const out = [...current];
  const positions = new Map([...origins.entries(current)].filter(([k]) => typeof k === 'number'));
  const result = out.map((item, i) => ({ item, at: positions.get(i) }));
  for (const [i, p] of patch.entries()) {
    const at = origins.get(patch, i);
    if (!isObj(p) || p[mergeKey] === undefined) {
      result.push({ item: cloneTracked(p, origins), at });
      continue;
    }
    const index = result.findIndex((r) => isObj(r.item) && r.item[mergeKey] === p[mergeKey]);
    if (p.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) strategicMerge(result[index]!.item as Obj, p, origins);
    else result.push({ item: stripDirectives(cloneTracked(p, origins)), at });
  }
  const merged = result.map((r) => r.item);
  result.forEach((r, i) => {
    if (r.at) origins.set(merged, i, r.at);
  });
  return merged;
}
