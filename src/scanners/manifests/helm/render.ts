// Renders charts into ManifestObjects whose fields locate back to the template line that wrote them,
// or to the values-file line their value came from.
import { posix } from 'node:path';
import type { FileTree, ScanError, ScanTarget } from '../../../model.js';
import { Origins, parseTrackedYaml } from '../tracked-yaml.js';
import type { ManifestObject, SourcePos } from '../types.js';
import { archivePath } from './archive.js';
import { TemplateError, type ParsedTemplate } from './ast.js';
import { capabilities, release, type CapabilityOptions, type ReleaseOptions } from './builtins.js';
import { join, loadChart, type ChartOptions, type LoadedChart, type MissingDependency } from './chart.js';
import { crdObjects } from './crds.js';
import { chartObjects } from './objects.js';
import { DEFAULT_LIMITS, Evaluator, type RenderLimits } from './evaluator.js';
import { filesObject } from './files.js';
import { parseTemplate } from './parser.js';
import { ProvMap, type Tracked } from './provenance.js';
import { breakGluedSeparators } from './separators.js';

export interface HelmOptions extends ChartOptions {
  limits?: Partial<RenderLimits>;
  /** Where positions are kept; a caller that goes on transforming the objects (Kustomize) passes its own. */
  origins?: Origins;
  /** `helm template NAME --namespace NS`. */
  release?: ReleaseOptions;
  /** `--api-versions`, `--kube-version`. */
  capabilities?: CapabilityOptions;
  /** `--include-crds`: the charts' crds/ files join the output. */
  includeCRDs?: boolean;
}

export interface HelmResult {
  objects: ManifestObject[];
  errors: ScanError[];
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function flatten(chart: LoadedChart): LoadedChart[] {
  return [chart, ...chart.subcharts.flatMap(flatten)];
}

/** Renders one chart (and its unpacked subcharts). */
export async function renderChart(tree: FileTree, chartDir: string, options: HelmOptions = {}): Promise<HelmResult> {
  const errors: ScanError[] = [];
  const origins = options.origins ?? new Origins();
  const chart = await loadChart(tree, chartDir, options, origins, errors);
  if (!chart) return { objects: [], errors: [{ path: join(chartDir, 'Chart.yaml'), reason: 'Chart.yaml not found', scanner: 'manifests' }] };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const evaluator = new Evaluator(origins, limits);
  const sources = new Map<string, string>();
  const parsed: { tpl: ParsedTemplate; chart: LoadedChart }[] = [];
  const missing = flatten(chart).flatMap((c) => c.missing);
  const unrendered: string[] = [];
  const failed = new Map<string, { error: ScanError; templates: Set<string> }>();
  const fail = (e: unknown, fallbackPath: string): void => {
    if (missing.length > 0 && e instanceof TemplateError && /^(?:tpl: )?no template named /.test(e.reason)) {
      // the helpers live in a dependency that is not there: one error for the chart, not one per template
      unrendered.push(fallbackPath);
      return;
    }
    if (e instanceof RangeError) {
      // deep nesting in a template or values file overflows the stack: the file fails, the run goes on
      errors.push({ path: fallbackPath, reason: `template or values nested too deeply to render (${e.message})`, scanner: 'manifests' });
      return;
    }
    if (!(e instanceof TemplateError)) throw e;
    const source = sources.get(e.file);
    const where = source !== undefined ? `line ${lineOf(source, e.offset)}: ` : '';
    const path = e.file || fallbackPath;
    const archive = archivePath(path);
    // a chart may demand values it has no default for; say how to give them rather than leave a dead end
    const hint = /^(?:required|fail): /.test(e.reason) ? '; the chart needs values its values.yaml does not give: list a values file for it under manifests.helm.valuesFiles in .shiftguard.yml' : '';
    const error: ScanError = { path: archive ?? path, reason: `${archive ? `${path.slice(archive.length + 1)}: ` : ''}${where}${e.reason}${hint}`, scanner: 'manifests' };
    // a helper or an included file fails once per template that uses it: one error naming those templates
    const key = `${error.path}\n${error.reason}`;
    const known = failed.get(key) ?? { error, templates: new Set<string>() };
    if (fallbackPath !== path) known.templates.add(fallbackPath);
    failed.set(key, known);
  };
  for (const c of flatten(chart)) {
    for (const [path, text] of [...c.templates].sort(([a], [b]) => a.localeCompare(b))) {
      sources.set(path, text);
      try {
        const tpl = parseTemplate(text, path);
        evaluator.addDefines(tpl);
        evaluator.addFileTemplate(`${c.namePrefix}/${c.dir === '' ? path : path.slice(c.dir.length + 1)}`, tpl);
        parsed.push({ tpl, chart: c });
      } catch (e) {
        fail(e, path);
      }
    }
  }
  const valuesPaths = new Set(flatten(chart).flatMap((c) => [...c.valuesPaths]));
  for (const path of valuesPaths) {
    const bytes = await tree.read(path);
    if (bytes) sources.set(path, new TextDecoder().decode(bytes));
  }
  const objects: ManifestObject[] = [];
  const onDisk = packagedPositions(chart);
  for (const { tpl, chart: c } of parsed) {
    const base = posix.basename(tpl.file);
    if (base.startsWith('_') || base === 'NOTES.txt') continue;
    const dot = rootContext(c, tpl.file, options);
    try {
      const raw = evaluator.render(tpl, dot);
      const rendered = breakGluedSeparators(raw.text, raw.prov);
      objects.push(...toObjects(tpl.file, rendered.text, new ProvMap(rendered.text, rendered.prov), { origins, valuesPaths, sources, errors, onDisk, chart: chartDir }));
    } catch (e) {
      fail(e, tpl.file);
    }
  }
  for (const { error, templates } of failed.values()) {
    const names = [...templates].map((f) => archivePath(f) ?? f).map((f) => (chartDir === '' ? f : f.slice(chartDir.length + 1)));
    errors.push(names.length === 0 ? error : { ...error, reason: `${error.reason} (so ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} not rendered)` });
  }
  if (unrendered.length > 0) errors.push(missingDependencyError(missing, unrendered, chartDir));
  if (options.includeCRDs) objects.unshift(...crdObjects(flatten(chart), { origins, onDisk, errors, chart: chartDir, sources }));
  return { objects, errors };
}

function missingDependencyError(missing: MissingDependency[], unrendered: string[], chartDir: string): ScanError {
  const first = missing[0]!;
  // one chart listed twice under aliases is one dependency to build
  const distinct = [...new Set(missing.map((d) => `"${d.name}"${d.repository ? ` (${d.repository})` : ''}`))];
  const names = distinct.join(', ');
  const files = [...new Set(unrendered)].map((f) => (chartDir === '' ? f : f.slice(chartDir.length + 1)));
  const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
  return {
    path: first.at.path,
    reason:
      `line ${first.at.line}: ${files.length} template${files.length === 1 ? '' : 's'} not rendered (${shown}): ` +
      `they use named templates of the dependenc${distinct.length === 1 ? 'y' : 'ies'} ${names}, which ${distinct.length === 1 ? 'is' : 'are'} not under charts/; ` +
      'run helm dependency build before the scan (or commit charts/) so they are scanned',
    scanner: 'manifests',
  };
}

function rootContext(chart: LoadedChart, file: string, options: HelmOptions): Tracked {
  const rel = chart.dir === '' ? file : file.slice(chart.dir.length + 1);
  return {
    v: {
      Values: chart.values,
      Chart: chart.meta,
      Release: release(options.release),
      Capabilities: capabilities(options.capabilities),
      Template: { Name: `${chart.namePrefix}/${rel}`, BasePath: `${chart.namePrefix}/templates` },
      Files: filesObject(chart.files),
    },
  };
}

/**
 * Positions inside a packaged subchart cannot take a review comment: they point at the subchart's
 * entry in the parent's Chart.yaml `dependencies` (or the archive), naming the member and its line.
 * Values set in the parent's values.yaml never reach here: they keep their own line.
 */
function packagedPositions(chart: LoadedChart): (pos: SourcePos) => SourcePos {
  const entries = new Map(flatten(chart).flatMap((c) => [...c.archives].map(([archive, at]) => [archive, { at, chartDir: c.dir }] as const)));
  return (pos) => {
    const archive = archivePath(pos.path);
    if (!archive) return pos;
    const entry = entries.get(archive);
    const at = entry?.at ?? { path: archive, line: 1, column: 1 };
    const shown = entry && entry.chartDir !== '' ? archive.slice(entry.chartDir.length + 1) : archive;
    return { path: at.path, line: at.line, column: at.column, via: `${shown}: ${pos.path.slice(archive.length + 1)}:${pos.line}` };
  };
}

function toObjects(
  file: string,
  text: string,
  map: ProvMap,
  { origins, valuesPaths, sources, errors, onDisk, chart }: { origins: Origins; valuesPaths: Set<string>; sources: Map<string, string>; errors: ScanError[]; onDisk: (pos: SourcePos) => SourcePos; chart: string },
): ManifestObject[] {
  if (text.trim() === '') return [];
  const fileStart: SourcePos = onDisk({ path: file, line: 1, column: 1 });
  const fromValues = (pos: SourcePos): boolean => valuesPaths.has(pos.path);
  const parsed = parseTrackedYaml(text, file, origins, (keyOffset, valueRange) => {
    const fromValue = valueRange ? map.fixedIn(valueRange[0], valueRange[1], fromValues) : undefined;
    return onDisk(fromValue ?? map.at(keyOffset) ?? fileStart);
  });
  for (const reason of parsed.errors) errors.push({ path: archivePath(file) ?? file, reason: `rendered output is not valid YAML (${reason} of the rendered text)`, scanner: 'manifests' });
  return chartObjects(parsed.docs, { origins, sources, chart, reportPath: (origin) => (archivePath(file) ? origin.path : file) });
}

/** The outermost chart directory containing `path` (a subchart belongs to its parent chart), or null. */
async function chartOf(tree: FileTree, path: string, cache: Map<string, boolean>): Promise<string | null> {
  const isChart = async (dir: string): Promise<boolean> => {
    let known = cache.get(dir);
    if (known === undefined) {
      known = (await tree.read(join(dir, 'Chart.yaml'))) !== null;
      cache.set(dir, known);
    }
    return known;
  };
  let found: string | null = null;
  let dir = posix.dirname(path);
  for (;;) {
    const current = dir === '.' ? '' : dir;
    if (await isChart(current)) found = current;
    if (current === '') break;
    dir = posix.dirname(current);
  }
  return found;
}

/**
 * Renders every chart that contains a changed target; `consumed` are the targets inside those charts.
 * Charts in `skipCharts` (inflated by a kustomization, which renders them as they are deployed) are
 * consumed but not rendered on their own.
 */
export async function renderChangedCharts(
  targets: ScanTarget[],
  tree: FileTree,
  options: HelmOptions = {},
  skipCharts: ReadonlySet<string> = new Set(),
): Promise<{ objects: ManifestObject[]; errors: ScanError[]; consumed: Set<string> }> {
  const cache = new Map<string, boolean>();
  const charts = new Set<string>();
  const consumed = new Set<string>();
  for (const target of targets) {
    const chart = await chartOf(tree, target.path, cache);
    if (chart === null) continue;
    if (!skipCharts.has(chart)) charts.add(chart);
    consumed.add(target.path);
  }
  const objects: ManifestObject[] = [];
  const errors: ScanError[] = [];
  const sorted = [...charts].sort();
  const results = await Promise.all(
    sorted.map((chart) =>
      renderChart(tree, chart, options).catch((e: unknown) => {
        if (!(e instanceof RangeError)) throw e;
        const error: ScanError = { path: join(chart, 'Chart.yaml'), reason: `chart values nested too deeply to render (${e.message})`, scanner: 'manifests' };
        return { objects: [], errors: [error] };
      }),
    ),
  );
  for (const result of results) {
    objects.push(...result.objects);
    errors.push(...result.errors);
  }
  return { objects, errors, consumed };
}
