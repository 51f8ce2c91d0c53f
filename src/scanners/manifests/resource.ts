import { isJson } from './podspec.js';

/** "Kind/namespace/name" — namespace "default" when absent, as kubectl would apply it. */
export function resourceId(object: Record<string, unknown>): string {
  const kind = typeof object.kind === 'string' ? object.kind : 'Unknown';
  const metadata = isJson(object.metadata) ? object.metadata : {};
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  const name =
    typeof metadata.name === 'string' && metadata.name
      ? metadata.name
      : typeof metadata.generateName === 'string'
        ? `${metadata.generateName}*`
        : '(unnamed)';
  return `${kind}/${namespace}/${name}`;
}

export function annotationsOf(metadata: unknown): Record<string, string> {
  const annotations = isJson(metadata) && isJson(metadata.annotations) ? metadata.annotations : {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) out[key] = value === null || value === undefined ? '' : String(value);
  return out;
}
