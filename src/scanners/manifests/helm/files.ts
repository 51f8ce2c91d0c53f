// `.Files` of a chart: read-only access to files already loaded from inside the chart directory.
// A path that leaves the chart is refused with an error, never resolved.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { Origins } from '../tracked-yaml.js';
import { FunctionError } from './functions/types.js';
import { toYamlTracked } from './to-yaml.js';

/** Chart-relative path -> content. */
export type ChartFiles = ReadonlyMap<string, string>;

export function chartRelative(name: string): string {
  if (typeof name !== 'string' || name === '') throw new FunctionError('file name must be a non-empty string');
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) throw new FunctionError(`path ${JSON.stringify(name)} is absolute: .Files only reads inside the chart`);
  const normal = posix.normalize(name.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith('../')) {
    throw new FunctionError(`path ${JSON.stringify(name)} escapes the chart directory: .Files only reads inside the chart`);
  }
  return normal.replace(/^\.\//, '');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The object templates see as `.Files` (and what `.Files.Glob` returns). */
export function filesObject(files: ChartFiles): Record<string, unknown> {
  const get = (name: unknown): string => files.get(chartRelative(String(name))) ?? '';
  return {
    Get: get,
    GetBytes: get,
    Lines: (name: unknown) => {
      const text = get(name);
      return text === '' ? [] : text.replace(/\n$/, '').split('\n');
    },
    Glob: (pattern: unknown) => {
      const match = picomatch(String(pattern), { dot: true });
      return filesObject(new Map([...files].filter(([path]) => match(path))));
    },
    AsConfig: () => {
      const map = Object.fromEntries([...files].map(([path, text]) => [basename(path), text]));
      return toYamlTracked(map, new Origins(), undefined).text;
    },
    AsSecrets: () => {
      const map = Object.fromEntries([...files].map(([path, text]) => [basename(path), Buffer.from(text, 'utf8').toString('base64')]));
      return toYamlTracked(map, new Origins(), undefined).text;
    },
  };
}
