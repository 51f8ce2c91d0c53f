// Applies a kustomization's transforming fields (patches, namespace, names, labels, annotations,
// images, replicas, replacements) and the builtin transformer configs its `transformers:` lists,
// which stand for the same fields.
import { posix } from 'node:path';
import type { SourcePos } from '../types.js';
import { parseTrackedYaml } from '../tracked-yaml.js';
import { error, readFile, resolveInside, type BuildContext } from './build.js';
import { translateTransformer } from './builtin-transformers.js';
import { applyPatch, parsePatch, type PatchSource, type Target } from './patches.js';
import { isRemote, remoteError } from './remote.js';
import { applyReplacements, replacementsOf } from './replacements.js';
import { isObj, type Obj, type Resource } from './resource.js';
import { addAnnotations, addLabels, renameAll, setImages, setNamespace, setReplicas, stringMap, type ImageRule } from './transformers.js';

type At = (container: unknown, key: string | number) => SourcePos;

/** Where the fields come from: the kustomization (its directory resolves paths) and the file that holds them. */
export interface FieldSource {
  dir: string;
  kfile: string;
  file: string;
  text: string;
}

export async function applyFields(ctx: BuildContext, src: FieldSource, k: Obj, resources: Resource[], at: At): Promise<void> {
  const report = (path: string, reason: string): void => error(ctx, path, reason);
  const patch = async (source: PatchSource | null, target: Target | undefined, where: SourcePos): Promise<void> => {
    if (!source) return;
    const { docs, errors } = parsePatch(source, ctx.origins);
    for (const reason of errors) error(ctx, source.file, `invalid patch: ${reason}`);
    let reason: string | null;
    try {
      reason = applyPatch(docs, target, resources, ctx.origins, where);
    } catch (e) {
      reason = (e as Error).message;
    }
    if (reason) error(ctx, source.file, reason);
  };
  const fromFile = async (entry: string, where: SourcePos): Promise<PatchSource | null> => {
    if (isRemote(entry)) {
      ctx.errors.push(remoteError(src.kfile, where, entry, 'patch'));
      return null;
    }
    const path = resolveInside(ctx, src.dir, entry, src.kfile);
    const text = path === null ? null : await readFile(ctx, path);
    if (path === null) return null;
    if (text === null) {
      error(ctx, src.kfile, `patch file ${JSON.stringify(entry)} not found`);
      return null;
    }
    ctx.own.add(path);
    return { text, file: path, lineOffset: 0, columnOffset: 0 };
  };
  const inline = (container: object, key: string | number, body: string): PatchSource => {
    const pos = at(container, key);
    const keyLine = src.text.split('\n')[pos.line - 1] ?? '';
    const block = /[:-]\s*[|>][-+0-9]*\s*(#.*)?$/.test(keyLine);
    const indent = block ? (/^(\s*)/.exec(src.text.split('\n')[pos.line] ?? '')?.[1]?.length ?? 0) : pos.column - 1;
    return { text: body, file: src.file, lineOffset: block ? pos.line : pos.line - 1, columnOffset: indent };
  };

  if (Array.isArray(k.patchesStrategicMerge)) {
    for (const [i, entry] of k.patchesStrategicMerge.entries()) {
      if (typeof entry !== 'string') continue;
      const isInline = entry.includes('\n') || /^\s*(apiVersion|kind)\s*:/.test(entry);
      await patch(isInline ? inline(k.patchesStrategicMerge, i, entry) : await fromFile(entry, at(k.patchesStrategicMerge, i)), undefined, at(k.patchesStrategicMerge, i));
    }
  }
  for (const list of [k.patches, k.patchesJson6902]) {
    if (!Array.isArray(list)) continue;
    for (const [i, entry] of list.entries()) {
      if (!isObj(entry)) continue;
      const target = isObj(entry.target) ? (stringMap(entry.target) as Target) : undefined;
      const source = typeof entry.path === 'string' ? await fromFile(entry.path, at(list, i)) : typeof entry.patch === 'string' ? inline(entry, 'patch', entry.patch) : null;
      await patch(source, target, at(list, i));
    }
  }

  if (typeof k.namespace === 'string' && k.namespace !== '') setNamespace(resources, k.namespace, at(k, 'namespace'), ctx.origins);
  const prefix = typeof k.namePrefix === 'string' ? k.namePrefix : '';
  const suffix = typeof k.nameSuffix === 'string' ? k.nameSuffix : '';
  if (prefix || suffix) renameAll(resources, prefix, suffix);
  if (isObj(k.commonLabels)) {
    const labels = k.commonLabels;
    addLabels(resources, stringMap(labels), { selectors: true, templates: true }, (key) => at(labels, key), ctx.origins);
  }
  if (Array.isArray(k.labels)) {
    for (const entry of k.labels.filter(isObj)) {
      const pairs = isObj(entry.pairs) ? entry.pairs : {};
      addLabels(resources, stringMap(pairs), { selectors: entry.includeSelectors === true, templates: entry.includeTemplates === true }, (key) => at(pairs, key), ctx.origins);
    }
  }
  if (isObj(k.commonAnnotations)) {
    const annotations = k.commonAnnotations;
    addAnnotations(resources, stringMap(annotations), (key) => at(annotations, key), ctx.origins);
  }
  if (Array.isArray(k.images)) {
    const rules: ImageRule[] = k.images.filter(isObj).flatMap((img) => {
      if (typeof img.name !== 'string') return [];
      const where = at(img, typeof img.digest === 'string' ? 'digest' : typeof img.newTag === 'string' || typeof img.newTag === 'number' ? 'newTag' : 'newName');
      return [{
        name: img.name,
        ...(typeof img.newName === 'string' ? { newName: img.newName } : {}),
        ...(img.newTag !== undefined && img.newTag !== null ? { newTag: String(img.newTag) } : {}),
        ...(typeof img.digest === 'string' ? { digest: img.digest } : {}),
        at: where,
      }];
    });
    setImages(resources, rules, ctx.origins);
  }
  if (Array.isArray(k.replicas)) {
    for (const entry of k.replicas.filter(isObj)) {
      if (typeof entry.name !== 'string' || typeof entry.count !== 'number') continue;
      if (!setReplicas(resources, entry.name, entry.count, at(entry, 'count'), ctx.origins)) error(ctx, src.kfile, `replicas: no resource named ${entry.name}`);
    }
  }
  const replacementFile = (entry: string): { path: string; text: string } | null => {
    const path = resolveInside(ctx, src.dir, entry, src.kfile);
    const text = path === null ? null : ctx.sources.get(path);
    if (path !== null && text === undefined) error(ctx, src.kfile, `replacement file ${JSON.stringify(entry)} not found`);
    if (path === null || text === undefined || text === null) return null;
    ctx.own.add(path);
    return { path, text };
  };
  await preload(ctx, src.dir, k.replacements);
  applyReplacements(replacementsOf(k.replacements, src.kfile, ctx.origins, replacementFile, report), resources, ctx.origins, report);
}

/**
 * Applies each builtin transformer config listed under `transformers:`, in order, after the
 * kustomization's own fields (kustomize runs them in that order too).
 */
export async function applyTransformers(ctx: BuildContext, dir: string, kfile: string, entries: unknown, resources: Resource[], at: At): Promise<void> {
  if (!Array.isArray(entries)) return;
  for (const [i, entry] of entries.entries()) {
    if (typeof entry !== 'string') continue;
    const docs = await transformerDocs(ctx, dir, kfile, entry, at(entries, i));
    for (const { doc, file, text } of docs) {
      const translated = translateTransformer(doc, ctx.origins);
      if ('error' in translated) {
        error(ctx, kfile, `line ${at(entries, i).line}: ${translated.error}`);
        continue;
      }
      const docAt: At = (container, key) => (container !== null && typeof container === 'object' ? ctx.origins.get(container, key) : undefined) ?? at(entries, i);
      await applyFields(ctx, { dir, kfile, file, text }, translated.fields, resources, docAt);
    }
  }
}

/** The config documents of one `transformers:` entry: a file, or inline YAML. */
async function transformerDocs(ctx: BuildContext, dir: string, kfile: string, entry: string, where: SourcePos): Promise<{ doc: Obj; file: string; text: string }[]> {
  if (isRemote(entry)) {
    ctx.errors.push(remoteError(kfile, where, entry, 'transformer'));
    return [];
  }
  let file = kfile;
  let text = entry;
  if (!entry.includes('\n')) {
    const path = resolveInside(ctx, dir, entry, kfile);
    if (path === null) return [];
    const read = path === '' ? null : await readFile(ctx, path);
    if (read === null) {
      error(ctx, kfile, `line ${where.line}: transformer ${JSON.stringify(entry)} is not a file (a kustomization of transformer configs is not supported): not applied`);
      return [];
    }
    ctx.own.add(path);
    file = path;
    text = read;
  }
  const parsed = parseTrackedYaml(text, file, ctx.origins);
  for (const reason of parsed.errors) error(ctx, file, `invalid transformer config: ${reason}`);
  return parsed.docs.filter((d) => isObj(d.value)).map((d) => ({ doc: d.value as Obj, file, text }));
}

/** Reads the files that `- path:` replacement entries name, so the synchronous pass finds them. */
async function preload(ctx: BuildContext, dir: string, list: unknown): Promise<void> {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (!isObj(entry) || typeof entry.path !== 'string') continue;
    const normal = posix.normalize(posix.join(dir, entry.path.replace(/\\/g, '/')));
    if (!normal.startsWith('../') && !entry.path.startsWith('/')) await readFile(ctx, normal);
  }
}
