// `helm template --include-crds`: the plain YAML files under each chart's `crds/` directory (never
// templated) join the rendered objects. Their positions are their own lines, mapped like the templates'
// when they sit in a packaged subchart.
import type { ScanError } from '../../../model.js';
import { linePositions, parseTrackedYaml, type Origins } from '../tracked-yaml.js';
import type { ManifestObject, SourcePos } from '../types.js';
import { archivePath } from './archive.js';
import { join, type LoadedChart } from './chart.js';
import { chartObjects } from './objects.js';

const CRD_FILE = /^crds\/.+\.(ya?ml|json)$/i;

export function crdObjects(
  charts: readonly LoadedChart[],
  options: { origins: Origins; onDisk: (pos: SourcePos) => SourcePos; errors: ScanError[]; chart: string; sources: Map<string, string> },
): ManifestObject[] {
  const { origins, onDisk, errors, sources } = options;
  let objects: ManifestObject[] = [];
  for (const c of charts) {
    for (const [rel, text] of [...c.files].sort(([a], [b]) => a.localeCompare(b))) {
      if (!CRD_FILE.test(rel)) continue;
      const path = join(c.dir, rel);
      sources.set(path, text);
      const lines = linePositions(path, text);
      const parsed = parseTrackedYaml(text, path, origins, (offset) => onDisk(lines(offset, null)));
      for (const reason of parsed.errors) errors.push({ path: archivePath(path) ?? path, reason: `invalid CRD YAML: ${reason}`, scanner: 'manifests' });
      objects = objects.concat(chartObjects(parsed.docs, { origins, sources, chart: options.chart, reportPath: (origin) => origin.path }));
    }
  }
  return objects;
}
