// Parsed documents of a chart's output (rendered templates, crds/ files) as ManifestObjects whose fields
// locate through the render's Origins.
import type { Origins, TrackedDoc } from '../tracked-yaml.js';
import type { ManifestObject, SourcePos } from '../types.js';
import { isMap } from './format.js';

export function chartObjects(
  docs: readonly TrackedDoc[],
  options: { origins: Origins; sources: ReadonlyMap<string, string>; chart: string; reportPath: (origin: SourcePos) => string },
): ManifestObject[] {
  const { origins, sources } = options;
  const objects: ManifestObject[] = [];
  for (const doc of docs) {
    if (!isMap(doc.value)) continue;
    const value = doc.value;
    const origin = doc.origin;
    objects.push({
      value,
      path: options.reportPath(origin),
      origin,
      renderedBy: 'helm',
      chart: options.chart,
      locate: (path) => origins.locate(value, path, origin),
      sourceLine: (path, line) => sources.get(path)?.split('\n')[line - 1],
    });
  }
  return objects;
}
