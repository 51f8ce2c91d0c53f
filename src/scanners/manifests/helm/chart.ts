// Loads a chart from a FileTree: Chart.yaml, values (with positions), templates, the files `.Files`
// may read, and unpacked subcharts under charts/. Only paths inside the chart are ever read.
import { posix } from 'node:path';
import type { FileTree, ScanError } from '../../../model.js';
import { parseTrackedYaml, type Origins } from '../tracked-yaml.js';
import type { SourcePos } from '../types.js';
import { mountArchive, unpackTgz } from './archive.js';
import { isMap } from './format.js';
import { mergeValues, subchartValues, valueAt } from './values.js';

type Values = Record<string, unknown>;

/** Files larger than this are not offered to `.Files` (templates never need them). */
const MAX_CHART_FILE = 1_000_000;

export interface LoadedChart {
  dir: string;
  /** `.Chart`: Chart.yaml with Helm's field names (Name, Version, AppVersion...). */
  meta: Values;
  values: Values;
  /** Template files (repo-relative) -> text. */
  templates: Map<string, string>;
  /** Chart-relative path -> text, for `.Files`. */
  files: Map<string, string>;
  /** Every file that contributed values, for mapping findings to values lines. */
  valuesPaths: Set<string>;
  subcharts: LoadedChart[];
  /** `.Template.Name` prefix: parent chart names joined with `/charts/`. */
  namePrefix: string;
  /**
   * Packaged subcharts (charts/*.tgz) of this chart -> the line of their entry in this chart's
   * Chart.yaml `dependencies` (the archive's own first line when none lists it).
   */
  archives: Map<string, SourcePos>;
  /**
   * Chart.yaml dependencies (enabled ones) found neither under charts/ nor, for a `file://`
   * repository, in the tree: `helm dependency build` was not run and charts/ is not committed.
   */
  missing: MissingDependency[];
}

export interface MissingDependency {
  name: string;
  repository: string;
  /** The entry in Chart.yaml `dependencies`. */
  at: SourcePos;
}

/** Values already parsed (with positions in the render's Origins) by whoever asks for the render. */
export interface ValuesLayer {
  /** The file the values were read from (a kustomization for inline values): findings may land there. */
  path: string;
  values: Values;
}

export interface ChartOptions {
  /** Extra values files, relative to the chart directory, applied in order over values.yaml. */
  valuesFiles?: string[];
  /** Applied in order after `valuesFiles`, e.g. a kustomization's `valuesFile` and `valuesInline`. */
  valuesLayers?: readonly ValuesLayer[];
}

const decoder = new TextDecoder();

async function readText(tree: FileTree, path: string): Promise<string | null> {
  const bytes = await tree.read(path);
  return bytes === null ? null : decoder.decode(bytes);
}

function fieldName(key: string): string {
  if (key === 'apiVersion') return 'APIVersion';
  return key.charAt(0).toUpperCase() + key.slice(1);
}

async function loadValuesFile(tree: FileTree, path: string, origins: Origins, errors: ScanError[]): Promise<Values | null> {
  const text = await readText(tree, path);
  if (text === null) return null;
  const parsed = parseTrackedYaml(text, path, origins);
  for (const reason of parsed.errors) errors.push({ path, reason: `invalid values YAML: ${reason}`, scanner: 'manifests' });
  const first = parsed.docs[0]?.value;
  return isMap(first) ? first : {};
}

export function join(dir: string, rel: string): string {
  return dir === '' ? rel : posix.join(dir, rel);
}

export async function loadChart(
  tree: FileTree,
  dir: string,
  options: ChartOptions,
  origins: Origins,
  errors: ScanError[],
  parentValues?: { values: Values; key: string; prefix: string },
  loading: ReadonlySet<string> = new Set(),
): Promise<LoadedChart | null> {
  const chartText = await readText(tree, join(dir, 'Chart.yaml'));
  if (chartText === null) return null;
  const chartDoc = parseTrackedYaml(chartText, join(dir, 'Chart.yaml'), origins);
  for (const reason of chartDoc.errors) errors.push({ path: join(dir, 'Chart.yaml'), reason: `invalid Chart.yaml: ${reason}`, scanner: 'manifests' });
  const chartYaml = isMap(chartDoc.docs[0]?.value) ? (chartDoc.docs[0]!.value as Values) : {};
  const meta = Object.fromEntries(Object.entries(chartYaml).map(([k, v]) => [fieldName(k), v]));
  const name = typeof chartYaml.name === 'string' ? chartYaml.name : posix.basename(dir) || 'chart';

  const valuesPaths = new Set<string>();
  let values: Values = {};
  const ownPath = join(dir, 'values.yaml');
  const own = await loadValuesFile(tree, ownPath, origins, errors);
  if (own) {
    values = own;
    valuesPaths.add(ownPath);
  }
  if (parentValues) values = subchartValues(values, parentValues.values, parentValues.key, origins);
  else {
    for (const extra of options.valuesFiles ?? []) {
      const rel = posix.normalize(extra.replace(/\\/g, '/'));
      if (rel.startsWith('../') || rel.startsWith('/')) {
        errors.push({ path: join(dir, 'Chart.yaml'), reason: `values file ${JSON.stringify(extra)} is outside the chart`, scanner: 'manifests' });
        continue;
      }
      const path = join(dir, rel);
      const loaded = await loadValuesFile(tree, path, origins, errors);
      if (!loaded) continue;
      values = mergeValues(values, loaded, origins);
      valuesPaths.add(path);
    }
    for (const layer of options.valuesLayers ?? []) {
      values = mergeValues(values, layer.values, origins);
      valuesPaths.add(layer.path);
    }
  }

  const all = await tree.list(dir);
  const templates = new Map<string, string>();
  const files = new Map<string, string>();
  const subchartDirs = new Set<string>();
  const chartFiles: string[] = [];
  const archives: string[] = [];
  for (const path of all) {
    const rel = dir === '' ? path : path.slice(dir.length + 1);
    if (rel.startsWith('charts/')) {
      const [, sub, ...rest] = rel.split('/');
      if (sub && rest.length > 0 && !/\.tgz$/.test(sub)) subchartDirs.add(sub);
      else if (sub && rest.length === 0 && /\.tgz$/.test(sub)) archives.push(path);
      continue;
    }
    chartFiles.push(path);
  }
  // read together: tree implementations batch concurrent reads (one git cat-file for the chart)
  const texts = await Promise.all(chartFiles.map((path) => readTextBounded(tree, path)));
  chartFiles.forEach((path, i) => {
    const text = texts[i];
    if (text === null || text === undefined) return;
    const rel = dir === '' ? path : path.slice(dir.length + 1);
    if (rel.startsWith('templates/')) templates.set(path, text);
    else files.set(rel, text);
  });

  const prefix = parentValues ? `${parentValues.prefix}/charts/${name}` : name;
  const subcharts: LoadedChart[] = [];
  const dependencies = Array.isArray(chartYaml.dependencies) ? chartYaml.dependencies.filter(isMap) : [];
  const archivePositions = new Map<string, SourcePos>();
  const located: { tree: FileTree; dir: string; sub: string }[] = [...subchartDirs].sort().map((sub) => ({ tree, dir: join(dir, `charts/${sub}`), sub }));
  for (const archive of archives.sort()) {
    const bytes = await tree.read(archive);
    if (bytes === null) continue;
    let members: Map<string, Uint8Array>;
    try {
      members = unpackTgz(bytes);
    } catch (e) {
      errors.push({ path: archive, reason: `packaged subchart could not be read: ${(e as Error).message}`, scanner: 'manifests' });
      continue;
    }
    const top = [...members.keys()].find((p) => /^[^/]+\/Chart\.yaml$/.test(p))?.split('/')[0];
    if (!top) {
      errors.push({ path: archive, reason: 'packaged subchart has no <name>/Chart.yaml', scanner: 'manifests' });
      continue;
    }
    located.push({ tree: mountArchive(tree, archive, members), dir: `${archive}/${top}`, sub: top });
    const entry = dependencies.find((d) => d.name === top);
    const listed = entry && Array.isArray(chartYaml.dependencies) ? origins.get(chartYaml.dependencies, chartYaml.dependencies.indexOf(entry)) : undefined;
    archivePositions.set(archive, listed ?? { path: archive, line: 1, column: 1 });
  }
  const missing: MissingDependency[] = [];
  const chain = new Set([...loading, dir]);
  for (const [index, dep] of dependencies.entries()) {
    const depName = typeof dep.name === 'string' ? dep.name : '';
    if (depName === '' || located.some((l) => l.sub === depName || l.sub === dep.alias)) continue;
    if (dependencyDisabled(dep, values)) continue;
    const repository = typeof dep.repository === 'string' ? dep.repository : '';
    const at = origins.get(chartYaml.dependencies as unknown[], index) ?? { path: join(dir, 'Chart.yaml'), line: 1, column: 1 };
    // `helm dependency build` copies a file:// dependency into charts/; reading it where it lies is the same chart
    const local = repository.startsWith('file://') ? posix.normalize(join(dir, repository.slice('file://'.length))) : null;
    if (local !== null && !local.startsWith('../') && local !== '..' && !posix.isAbsolute(local) && !chain.has(local) && (await tree.read(join(local, 'Chart.yaml'))) !== null) {
      located.push({ tree, dir: local === '.' ? '' : local, sub: typeof dep.alias === 'string' ? dep.alias : depName });
      continue;
    }
    missing.push({ name: depName, repository, at });
  }
  for (const { tree: subTree, dir: subDir, sub } of located) {
    const subChartText = await readText(subTree, join(subDir, 'Chart.yaml'));
    if (subChartText === null) continue;
    const dep = dependencies.find((d) => d.name === sub || d.alias === sub);
    const key = typeof dep?.alias === 'string' ? dep.alias : typeof dep?.name === 'string' ? dep.name : sub;
    if (dep && dependencyDisabled(dep, values)) continue;
    const loaded = await loadChart(subTree, subDir, options, origins, errors, { values, key, prefix }, chain);
    if (loaded) subcharts.push(loaded);
  }
  return { dir, meta, values, templates, files, valuesPaths, subcharts, namePrefix: prefix, archives: archivePositions, missing };
}

function dependencyDisabled(dep: Values, values: Values): boolean {
  if (typeof dep.condition !== 'string') return false;
  const enabled = dep.condition.split(',').map((c) => valueAt(values, c.trim())).find((v) => typeof v === 'boolean');
  return enabled === false;
}

async function readTextBounded(tree: FileTree, path: string): Promise<string | null> {
  const bytes = await tree.read(path);
  if (bytes === null || bytes.length > MAX_CHART_FILE) return null;
  return decoder.decode(bytes);
}
