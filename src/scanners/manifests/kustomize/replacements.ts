// The `replacements` field: copy one field of one source resource (or a literal `sourceValue`) into
// fields of every selected target. Runs after this kustomization's other transformers, as kustomize
// does. A replaced field is located where its new value is written: the source field's line, or the
// `sourceValue` line of the replacement.
import { cloneTracked, parseTrackedYaml, type Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { parseFieldPath, readSlot, resolveSlots } from './field-path.js';
import { targetMatches, type Target } from './patches.js';
import { isObj, type Obj, type Resource } from './resource.js';
import { stringMap } from './transformers.js';

/** One replacement and the file that declares it (the kustomization, or a file it names). */
export interface Replacement {
  spec: Obj;
  file: string;
  at: SourcePos;
}

type Report = (file: string, reason: string) => void;

/** Inline entries and `- path: file.yaml` entries (a file holds one replacement or a list). */
export function replacementsOf(
  list: unknown,
  kfile: string,
  origins: Origins,
  readText: (entry: string) => { path: string; text: string } | null,
  report: Report,
): Replacement[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, i): Replacement[] => {
    const at = origins.get(list, i) ?? { path: kfile, line: 1, column: 1 };
    if (!isObj(entry)) return [];
    if (typeof entry.path !== 'string') return [{ spec: entry, file: kfile, at }];
    const file = readText(entry.path);
    if (file === null) return [];
    const parsed = parseTrackedYaml(file.text, file.path, origins);
    for (const reason of parsed.errors) report(file.path, `invalid replacement file: ${reason}`);
    const doc = parsed.docs[0];
    const items = Array.isArray(doc?.value) ? doc.value : doc ? [doc.value] : [];
    return items.filter(isObj).map((spec, j) => ({ spec, file: file.path, at: (Array.isArray(doc?.value) ? origins.get(doc.value, j) : doc?.origin) ?? at }));
  });
}

function optionsOf(value: unknown): { delimiter?: string; index: number; create: boolean } {
  const o = isObj(value) ? value : {};
  return { ...(typeof o.delimiter === 'string' && o.delimiter !== '' ? { delimiter: o.delimiter } : {}), index: typeof o.index === 'number' ? o.index : 0, create: o.create === true };
}

/** The value to copy and where it was written; a reason when the source cannot be read. */
function sourceValue(r: Replacement, resources: Resource[], origins: Origins): { value: unknown; at: SourcePos } | string {
  const spec = r.spec;
  if (spec.sourceValue !== undefined) return { value: spec.sourceValue, at: origins.get(spec, 'sourceValue') ?? r.at };
  if (!isObj(spec.source)) return 'a replacement needs a source or a sourceValue';
  const selector = stringMap(spec.source) as Target & { fieldPath?: string };
  const matched = resources.filter((res) => targetMatches(selector, res));
  const described = `${selector.kind ?? '*'}/${selector.name ?? '*'}`;
  if (matched.length !== 1) return `replacement source ${described} matches ${matched.length} resources (needs exactly one)`;
  const fieldPath = selector.fieldPath ?? 'metadata.name';
  const slots = resolveSlots(matched[0]!.value, parseFieldPath(fieldPath), { create: false, origins, at: r.at });
  if (slots.length !== 1) return `replacement source ${described} has no field ${fieldPath}`;
  const slot = slots[0]!;
  let value = readSlot(slot);
  const at = origins.get(slot.container, slot.key) ?? r.at;
  const opts = optionsOf(spec.source.options);
  if (opts.delimiter !== undefined) {
    const parts = String(value).split(opts.delimiter);
    if (opts.index < 0 || opts.index >= parts.length) return `replacement source ${described}: options.index ${opts.index} is out of range`;
    value = parts[opts.index];
  }
  return { value, at };
}

/** Writes `value` into a delimited string: an index past either end prefixes or appends a part. */
function splice(current: unknown, value: unknown, delimiter: string, index: number): string {
  const parts = typeof current === 'string' ? current.split(delimiter) : [];
  if (index < 0) parts.unshift(String(value));
  else if (index >= parts.length) parts.push(String(value));
  else parts[index] = String(value);
  return parts.join(delimiter);
}

export function applyReplacements(replacements: Replacement[], resources: Resource[], origins: Origins, report: Report): void {
  for (const r of replacements) {
    const source = sourceValue(r, resources, origins);
    if (typeof source === 'string') {
      report(r.file, source);
      continue;
    }
    const targets = Array.isArray(r.spec.targets) ? r.spec.targets.filter(isObj) : [];
    for (const target of targets) {
      const select = isObj(target.select) ? (stringMap(target.select) as Target) : {};
      const reject = Array.isArray(target.reject) ? target.reject.filter(isObj).map((x) => stringMap(x) as Target) : [];
      const opts = optionsOf(target.options);
      const fieldPaths = Array.isArray(target.fieldPaths) ? target.fieldPaths.filter((p): p is string => typeof p === 'string') : ['metadata.name'];
      for (const res of resources) {
        if (!targetMatches(select, res) || reject.some((x) => targetMatches(x, res))) continue;
        for (const fieldPath of fieldPaths) {
          for (const slot of resolveSlots(res.value, parseFieldPath(fieldPath), { create: opts.create, origins, at: source.at })) {
            const container = slot.container as Record<string | number, unknown>;
            const current = container[slot.key];
            // without `create`, a target field that does not exist is left alone, as kustomize does
            if (current === undefined && !opts.create) continue;
            container[slot.key] = opts.delimiter !== undefined ? splice(current, source.value, opts.delimiter, opts.index) : cloneTracked(source.value, origins);
            origins.set(slot.container, slot.key, source.at);
          }
        }
      }
    }
  }
}
