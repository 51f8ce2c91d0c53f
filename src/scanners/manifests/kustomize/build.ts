// Builds a kustomization in TypeScript: resources and bases (recursively), patches, generators, local
// helmCharts and the transformers, keeping each field's position in the file that set it. Paths never leave the
// repository and cycles stop with an error entry.
import { posix } from 'node:path';
import type { FileTree, ScanError } from '../../../model.js';
import { parseTrackedYaml, type Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { generate } from './generators.js';
import { inflateHelmCharts } from './helm-charts.js';
import { isObj, nameOf, type Obj, type Resource } from './resource.js';
import { isRemote, remoteError } from './remote.js';
import { varsOf, type VarDecl } from './vars.js';
import { applyFields, applyTransformers } from './fields.js';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Fields that change the output but are not built here: reported, never silently ignored. */
const UNSUPPORTED = ['generators', 'configurations'];
const MAX_BUILDS = 500;

export interface BuildContext {
  tree: FileTree;
  origins: Origins;
  errors: ScanError[];
  /** Every file the build read: a change to any of them changes the build. */
  read: Set<string>;
  /** Kustomization and patch files: not plain manifests. */
  own: Set<string>;
  sources: Map<string, string>;
  stack: string[];
  builds: number;
  /** Legacy vars of every kustomization in the build, resolved once the whole build is done. */
  vars: VarDecl[];
  /** Chart directories inflated through `helmCharts`. */
  charts: Set<string>;
}

const decoder = new TextDecoder();

export async function readFile(ctx: BuildContext, path: string): Promise<string | null> {
  const cached = ctx.sources.get(path);
  if (cached !== undefined) return cached;
  const bytes = await ctx.tree.read(path);
  if (bytes === null) return null;
  const text = decoder.decode(bytes);
  ctx.sources.set(path, text);
  ctx.read.add(path);
  return text;
}

export async function findKustomization(ctx: BuildContext, dir: string): Promise<string | null> {
  for (const name of KUSTOMIZATION_NAMES) {
    const path = dir === '' ? name : `${dir}/${name}`;
    if ((await readFile(ctx, path)) !== null) return path;
  }
  return null;
}

/** Resolves `entry` relative to `dir`; null (with an error entry) when it leaves the repository. */
export function resolveInside(ctx: BuildContext, dir: string, entry: string, from: string): string | null {
  const normal = posix.normalize(posix.join(dir, entry.replace(/\\/g, '/')));
  if (entry.startsWith('/') || normal === '..' || normal.startsWith('../')) {
    ctx.errors.push({ path: from, reason: `path ${JSON.stringify(entry)} escapes the repository root`, scanner: 'manifests' });
    return null;
  }
  return normal === '.' ? '' : normal;
}

export function error(ctx: BuildContext, path: string, reason: string): void {
  ctx.errors.push({ path, reason, scanner: 'manifests' });
}

async function loadResourceFile(ctx: BuildContext, path: string, text: string): Promise<Resource[]> {
  const parsed = parseTrackedYaml(text, path, ctx.origins);
  for (const reason of parsed.errors) error(ctx, path, `invalid YAML: ${reason}`);
  return parsed.docs.flatMap((doc) => {
    if (!isObj(doc.value)) return [];
    const value = doc.value;
    if (value.kind === 'List' && Array.isArray(value.items)) {
      return value.items.filter(isObj).map((item, i) => ({ value: item, file: path, origin: ctx.origins.get(value.items as unknown[], i) ?? doc.origin, originalName: nameOf(item) }));
    }
    return [{ value, file: path, origin: doc.origin, originalName: nameOf(value) }];
  });
}

async function loadEntry(ctx: BuildContext, dir: string, entry: string, kfile: string, at: SourcePos): Promise<Resource[]> {
  if (isRemote(entry)) {
    ctx.errors.push(remoteError(kfile, at, entry, 'resource'));
    return [];
  }
  const path = resolveInside(ctx, dir, entry, kfile);
  if (path === null) return [];
  const text = path === '' ? null : await readFile(ctx, path);
  if (text !== null) return loadResourceFile(ctx, path, text);
  if ((await findKustomization(ctx, path)) !== null) return buildDir(ctx, path);
  const isDir = path !== '' && (await ctx.tree.list(path)).length > 0;
  error(ctx, kfile, isDir ? `resource ${JSON.stringify(entry)} is a directory without a kustomization` : `resource ${JSON.stringify(entry)} not found`);
  return [];
}

/** Builds the kustomization in `dir` (which must have one). */
export async function buildDir(ctx: BuildContext, dir: string): Promise<Resource[]> {
  const resources: Resource[] = [];
  await enter(ctx, dir, resources, 'Kustomization');
  return resources;
}

type Role = 'Kustomization' | 'Component';

/**
 * Applies the kustomization in `dir` to `resources`: a Kustomization starts from an empty list, a
 * Component (listed under `components`) adds to and rewrites its parent's. False when `dir` has none.
 */
async function enter(ctx: BuildContext, dir: string, resources: Resource[], role: Role): Promise<boolean> {
  const kfile = await findKustomization(ctx, dir);
  if (kfile === null) return false;
  if (ctx.stack.includes(dir)) {
    // reported on the kustomization holding the reference that closes the loop
    const referrer = (await findKustomization(ctx, ctx.stack.at(-1)!)) ?? kfile;
    error(ctx, referrer, `kustomization cycle: ${[...ctx.stack, dir].map((d) => d || '.').join(' -> ')}`);
    return true;
  }
  if (++ctx.builds > MAX_BUILDS) {
    error(ctx, kfile, `more than ${MAX_BUILDS} kustomization builds: stopped`);
    return true;
  }
  ctx.own.add(kfile);
  ctx.stack.push(dir);
  try {
    await applyKustomization(ctx, dir, kfile, resources, role);
  } finally {
    ctx.stack.pop();
  }
  return true;
}

async function loadComponents(ctx: BuildContext, dir: string, kfile: string, list: unknown, resources: Resource[], at: (c: unknown, k: number) => SourcePos): Promise<void> {
  if (!Array.isArray(list)) return;
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'string') continue;
    if (isRemote(entry)) {
      ctx.errors.push(remoteError(kfile, at(list, i), entry, 'component'));
      continue;
    }
    const path = resolveInside(ctx, dir, entry, kfile);
    if (path !== null && !(await enter(ctx, path, resources, 'Component'))) error(ctx, kfile, `component ${JSON.stringify(entry)} has no kustomization`);
  }
}

async function applyKustomization(ctx: BuildContext, dir: string, kfile: string, resources: Resource[], role: Role): Promise<void> {
  const text = (await readFile(ctx, kfile)) ?? '';
  const parsed = parseTrackedYaml(text, kfile, ctx.origins);
  for (const reason of parsed.errors) error(ctx, kfile, `invalid kustomization: ${reason}`);
  const k = isObj(parsed.docs[0]?.value) ? (parsed.docs[0]!.value as Obj) : {};
  const kOrigin = parsed.docs[0]?.origin ?? { path: kfile, line: 1, column: 1 };
  const at = (container: unknown, key: string | number): SourcePos =>
    (container !== null && typeof container === 'object' ? ctx.origins.get(container, key) : undefined) ?? kOrigin;

  const isComponent = k.kind === 'Component';
  if (isComponent !== (role === 'Component')) {
    // a Component on its own changes nothing: it is built through the overlays that list it
    if (isComponent && ctx.stack.length === 1) return;
    error(ctx, kfile, isComponent ? 'a Component is listed under resources: list it under components' : 'listed under components but its kind is not Component');
    return;
  }
  for (const field of UNSUPPORTED) if (k[field] !== undefined) error(ctx, kfile, `kustomization field ${field} is not supported: the build ignores it`);

  for (const list of [k.resources, k.bases]) {
    if (!Array.isArray(list)) continue;
    for (const [i, entry] of list.entries()) if (typeof entry === 'string') resources.push(...(await loadEntry(ctx, dir, entry, kfile, at(list, i))));
  }
  await loadComponents(ctx, dir, kfile, k.components, resources, at);
  resources.push(...(await generate(ctx, dir, kfile, k, resources)));
  resources.push(...(await inflateHelmCharts(ctx, dir, kfile, k, at)));
  const report = (path: string, reason: string): void => error(ctx, path, reason);
  ctx.vars.push(...varsOf(k.vars, kfile, ctx.origins, report));

  await applyFields(ctx, { dir, kfile, file: kfile, text }, k, resources, at);
  await applyTransformers(ctx, dir, kfile, k.transformers, resources, at);
}
