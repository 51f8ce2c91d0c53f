// Kustomize overlays built in TypeScript, for the manifests scanner.
import { posix } from 'node:path';
import type { FileTree, ScanError, ScanTarget } from '../../../model.js';
import { Origins } from '../tracked-yaml.js';
import type { ManifestObject } from '../types.js';
import { buildDir, KUSTOMIZATION_NAMES, type BuildContext } from './build.js';
import { resolveVars } from './vars.js';

export { KUSTOMIZATION_NAMES } from './build.js';

export interface KustomizeResult {
  objects: ManifestObject[];
  errors: ScanError[];
  /** Kustomization and patch files the builds used. */
  own: Set<string>;
  /** Every file the builds read. */
  read: Set<string>;
  /** Chart directories the builds inflate through `helmCharts`. */
  charts: Set<string>;
}

export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_NAMES.includes(posix.basename(path));
}

/** Builds the kustomization in `dir` ('' = repository root). */
export async function buildKustomization(tree: FileTree, dir: string): Promise<KustomizeResult> {
  const ctx: BuildContext = { tree, origins: new Origins(), errors: [], read: new Set(), own: new Set(), sources: new Map(), stack: [], builds: 0, vars: [], charts: new Set() };
  let resources: Awaited<ReturnType<typeof buildDir>> = [];
  try {
    resources = await buildDir(ctx, dir);
  } catch (e) {
    // a pathologically nested resource or patch overflows the stack: that build fails, the run goes on
    if (!(e instanceof RangeError)) throw e;
    ctx.errors.push({ path: dir === '' ? 'kustomization.yaml' : `${dir}/kustomization.yaml`, reason: `kustomization too deeply nested to build (${e.message})`, scanner: 'manifests' });
  }
  // vars of every level resolve against the finished build, as kustomize does
  resolveVars(ctx.vars, resources, ctx.origins, (path, reason) => ctx.errors.push({ path, reason, scanner: 'manifests' }));
  const objects: ManifestObject[] = resources.map((r) => ({
    value: r.value,
    path: r.file,
    origin: r.origin,
    renderedBy: 'kustomize',
    locate: (path) => ctx.origins.locate(r.value, path, r.origin),
    sourceLine: (file, line) => ctx.sources.get(file)?.split('\n')[line - 1],
  }));
  return { objects, errors: ctx.errors, own: ctx.own, read: ctx.read, charts: ctx.charts };
}

/**
 * Builds every kustomization that reads a changed target, directly or through its bases, patches or
 * generator files. `consumed` holds the kustomization and patch files of those builds (resource
 * files stay with the plain YAML scan). `charts` are the chart directories any kustomization of the
 * repository inflates: those charts are scanned as the kustomization renders them, not on their own.
 */
export async function buildChangedKustomizations(
  targets: ScanTarget[],
  tree: FileTree,
  _options: Record<string, never> = {},
): Promise<{ objects: ManifestObject[]; errors: ScanError[]; consumed: Set<string>; charts: Set<string> }> {
  const changed = new Set(targets.map((t) => t.path));
  const objects: ManifestObject[] = [];
  const errors: ScanError[] = [];
  const consumed = new Set<string>();
  const charts = new Set<string>();
  if (changed.size === 0) return { objects, errors, consumed, charts };
  const kustomizations = (await tree.list('')).filter(isKustomizationPath).sort();
  // built concurrently so that tree reads batch; results are taken in path order
  const results = await Promise.all(kustomizations.map((file) => buildKustomization(tree, posix.dirname(file) === '.' ? '' : posix.dirname(file))));
  for (const result of results) {
    for (const chart of result.charts) charts.add(chart);
    if (![...result.read].some((p) => changed.has(p))) continue;
    objects.push(...result.objects);
    errors.push(...result.errors);
    for (const p of result.own) consumed.add(p);
  }
  return { objects, errors: dedupe(errors), consumed, charts };
}

function dedupe(errors: ScanError[]): ScanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\0${e.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
