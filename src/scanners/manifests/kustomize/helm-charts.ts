// `helmCharts` as `kustomize build --enable-helm` inflates them, for charts present in the repository:
// found under `<chartHome>/<name>-<version>/<name>`, `<chartHome>/<name>-<version>` or `<chartHome>/<name>`
// (chartHome defaults to `charts`, relative to the kustomization), rendered by the built-in Helm evaluator
// with the chart's values.yaml, then `valuesFile` and `valuesInline` combined as `valuesMerge` says, then
// `additionalValuesFiles`. Positions go through the build's Origins, so the kustomization's transformers
// keep them and findings land on the template or values line as for a plain chart. A chart that is not in
// the repository is never pulled: that is an error entry, as for remote bases.
import { posix } from 'node:path';
import type { FileTree } from '../../../model.js';
import { parseKubeVersion } from '../helm/builtins.js';
import type { ValuesLayer } from '../helm/chart.js';
import { renderChart } from '../helm/render.js';
import { parseTrackedYaml } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { readFile, type BuildContext } from './build.js';
import { field, isObj, nameOf, type Obj, type Resource } from './resource.js';

const MERGE_MODES = ['override', 'merge', 'replace'] as const;
const decoder = new TextDecoder();

interface Where {
  ctx: BuildContext;
  dir: string;
  kfile: string;
  at: (container: unknown, key: string | number) => SourcePos;
}

function fail(w: Where, pos: SourcePos, reason: string): void {
  w.ctx.errors.push({ path: w.kfile, reason: `line ${pos.line}: ${reason}`, scanner: 'manifests' });
}

/** `entry` relative to the kustomization directory, or null when it leaves the repository. */
function inside(dir: string, entry: string): string | null {
  const normal = posix.normalize(posix.join(dir, entry.replace(/\\/g, '/')));
  if (entry.startsWith('/') || normal === '..' || normal.startsWith('../')) return null;
  return normal === '.' ? '' : normal;
}

/** The build's tree, recording what the render reads so a change to a template or values file rebuilds this kustomization. */
function recordingTree(ctx: BuildContext): FileTree {
  const tree = ctx.tree;
  return {
    read: async (path) => {
      const bytes = await tree.read(path);
      if (bytes !== null) {
        ctx.read.add(path);
        if (!path.endsWith('.tgz') && !ctx.sources.has(path)) ctx.sources.set(path, decoder.decode(bytes));
      }
      return bytes;
    },
    list: (dir) => tree.list(dir),
    ...(tree.size ? { size: tree.size.bind(tree) } : {}),
  };
}

async function findChart(ctx: BuildContext, home: string, name: string, version: string): Promise<{ dir: string | null; tried: string[] }> {
  const join = (...parts: string[]): string => posix.join(home || '.', ...parts);
  const tried = version ? [join(`${name}-${version}`, name), join(`${name}-${version}`), join(name)] : [join(name)];
  for (const dir of tried) if ((await readFile(ctx, `${dir}/Chart.yaml`)) !== null) return { dir, tried };
  return { dir: null, tried };
}

async function valuesFileLayer(w: Where, entry: unknown, pos: SourcePos, what: string): Promise<ValuesLayer | null | 'failed'> {
  if (typeof entry !== 'string' || entry === '') return null;
  const path = inside(w.dir, entry);
  if (path === null) {
    fail(w, pos, `${what} ${JSON.stringify(entry)} is outside the repository and is never read; the chart is not rendered, the rest of the kustomization is`);
    return 'failed';
  }
  const text = await readFile(w.ctx, path);
  if (text === null) {
    fail(w, pos, `${what} ${JSON.stringify(entry)} not found; the chart is not rendered`);
    return 'failed';
  }
  w.ctx.own.add(path);
  const parsed = parseTrackedYaml(text, path, w.ctx.origins);
  for (const reason of parsed.errors) w.ctx.errors.push({ path, reason: `invalid values YAML: ${reason}`, scanner: 'manifests' });
  const first = parsed.docs[0]?.value;
  return { path, values: isObj(first) ? first : {} };
}

/** The values layers over the chart's own values.yaml, in kustomize's order; null when the chart must not render. */
async function valuesLayers(w: Where, chart: Obj, label: string): Promise<ValuesLayer[] | null> {
  const mode = chart.valuesMerge ?? 'override';
  if (!MERGE_MODES.includes(mode as (typeof MERGE_MODES)[number])) {
    fail(w, w.at(chart, 'valuesMerge'), `${label}: valuesMerge must be one of ${MERGE_MODES.join(', ')}; the chart is not rendered`);
    return null;
  }
  const inline: ValuesLayer | null = isObj(chart.valuesInline) && Object.keys(chart.valuesInline).length > 0 ? { path: w.kfile, values: chart.valuesInline } : null;
  // with `replace`, inline values stand in for the values file, which is then not read at all
  const file = inline && mode === 'replace' ? null : await valuesFileLayer(w, chart.valuesFile, w.at(chart, 'valuesFile'), `${label}: valuesFile`);
  if (file === 'failed') return null;
  const layers = [file, inline].filter((l): l is ValuesLayer => l !== null);
  // `merge` keeps what the values file sets and takes only the rest from the inline values
  if (mode === 'merge') layers.reverse();
  const extra = Array.isArray(chart.additionalValuesFiles) ? chart.additionalValuesFiles : [];
  for (const [i, entry] of extra.entries()) {
    const layer = await valuesFileLayer(w, entry, w.at(extra, i), `${label}: additionalValuesFiles entry`);
    if (layer === 'failed') return null;
    if (layer) layers.push(layer);
  }
  return layers;
}

function isHook(value: Obj, testsOnly: boolean): boolean {
  const hook = field(value, 'metadata', 'annotations', 'helm.sh/hook');
  return typeof hook === 'string' && (!testsOnly || hook.split(',').some((h) => h.trim().startsWith('test')));
}

async function inflate(w: Where, chart: Obj, pos: SourcePos, home: string): Promise<Resource[]> {
  const { ctx } = w;
  const name = typeof chart.name === 'string' ? chart.name : '';
  if (name === '' || name.includes('/') || name.includes('\\') || name === '..') {
    fail(w, pos, `helmCharts entry needs a chart name without slashes (got ${JSON.stringify(chart.name ?? null)})`);
    return [];
  }
  const label = `helm chart ${JSON.stringify(name)}`;
  const version = typeof chart.version === 'string' || typeof chart.version === 'number' ? String(chart.version) : '';
  const found = await findChart(ctx, home, name, version);
  if (found.dir === null) {
    const repo = typeof chart.repo === 'string' ? ` from ${JSON.stringify(chart.repo)}` : '';
    fail(w, pos, `${label} is not in the repository (looked for ${found.tried.join(', ')}); kustomize would pull it${repo}, but charts are never pulled by design (scans never download what a pull request names), so its objects are not scanned; the rest of the kustomization is`);
    return [];
  }
  ctx.charts.add(found.dir);
  const layers = await valuesLayers(w, chart, label);
  if (layers === null) return [];
  const kubeText = typeof chart.kubeVersion === 'string' || typeof chart.kubeVersion === 'number' ? String(chart.kubeVersion) : '';
  const kubeVersion = kubeText ? parseKubeVersion(kubeText) : null;
  if (kubeText && !kubeVersion) fail(w, w.at(chart, 'kubeVersion'), `${label}: kubeVersion ${JSON.stringify(kubeText)} is not a version; rendered with the default`);
  const apiVersions = Array.isArray(chart.apiVersions) ? chart.apiVersions.filter((v): v is string => typeof v === 'string') : [];
  const result = await renderChart(recordingTree(ctx), found.dir, {
    origins: ctx.origins,
    valuesLayers: layers,
    release: {
      ...(typeof chart.releaseName === 'string' && chart.releaseName ? { name: chart.releaseName } : {}),
      ...(typeof chart.namespace === 'string' && chart.namespace ? { namespace: chart.namespace } : {}),
    },
    capabilities: { apiVersions, ...(kubeVersion ? { kubeVersion } : {}) },
    includeCRDs: chart.includeCRDs === true,
  });
  ctx.errors.push(...result.errors);
  return result.objects
    .filter((o) => !(chart.skipHooks === true && isHook(o.value, false)) && !(chart.skipTests === true && isHook(o.value, true)))
    .map((o) => ({ value: o.value, file: o.path, origin: o.origin, originalName: nameOf(o.value) }));
}

/** The objects of every `helmCharts` entry of one kustomization, in order. */
export async function inflateHelmCharts(ctx: BuildContext, dir: string, kfile: string, k: Obj, at: Where['at']): Promise<Resource[]> {
  if (!Array.isArray(k.helmCharts)) return [];
  const w: Where = { ctx, dir, kfile, at };
  const globals = isObj(k.helmGlobals) ? k.helmGlobals : {};
  const homeEntry = typeof globals.chartHome === 'string' && globals.chartHome !== '' ? globals.chartHome : 'charts';
  const home = inside(dir, homeEntry);
  if (home === null) {
    fail(w, at(globals, 'chartHome'), `helmGlobals chartHome ${JSON.stringify(homeEntry)} is outside the repository and is never read; its helmCharts are not rendered, the rest of the kustomization is`);
    return [];
  }
  const out: Resource[] = [];
  for (const [i, chart] of k.helmCharts.entries()) {
    if (isObj(chart)) out.push(...(await inflate(w, chart, at(k.helmCharts, i), home)));
  }
  return out;
}
