import type { NodePath } from './types.js';

// Where pod specs live inside Kubernetes objects. PSA checks pod specs wherever they are embedded, so
// besides the known workload kinds any object with spec.template.spec or spec.jobTemplate counts.

export const CONTAINER_GROUPS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
export type ContainerGroup = (typeof CONTAINER_GROUPS)[number];

export type Json = Record<string, unknown>;

export interface ContainerRef {
  group: ContainerGroup;
  index: number;
  name: string;
  /** Path of the container object from the object root. */
  path: NodePath;
  value: Json;
}

export interface PodSpecRef {
  /** Path of the pod spec from the object root. */
  path: NodePath;
  spec: Json;
  /** Path of the metadata that goes with the pod spec (the object's own for a Pod, the template's otherwise). */
  metadataPath: NodePath;
  metadata: Json;
  containers: ContainerRef[];
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path, or undefined when any step is missing. */
export function getAt(root: unknown, path: NodePath): unknown {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) return undefined;
    const segment = path[i]!;
    if (Array.isArray(node)) {
      if (typeof segment !== 'number') return undefined;
      node = node[segment];
    } else {
      node = (node as Json)[typeof segment === 'string' ? segment : String(segment)];
    }
  }
  return node;
}

/** Candidate (spec, metadata) locations, most specific first. */
const POD_SPEC_LOCATIONS: ReadonlyArray<{ spec: NodePath; metadata: NodePath; kinds?: string[] }> = [
  { spec: ['spec'], metadata: ['metadata'], kinds: ['Pod'] },
  { spec: ['template', 'spec'], metadata: ['template', 'metadata'], kinds: ['PodTemplate'] },
  { spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'] },
  { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
];

function containersOf(spec: Json, specPath: NodePath): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const group of CONTAINER_GROUPS) {
    const list = spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((value, index) => {
      if (!isJson(value)) return;
      const name = typeof value.name === 'string' ? value.name : `${group}[${index}]`;
      out.push({ group, index, name, path: [...specPath, group, index], value });
    });
  }
  return out;
}

export function findPodSpecs(object: Json): PodSpecRef[] {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  for (const location of POD_SPEC_LOCATIONS) {
    if (location.kinds && !location.kinds.includes(kind)) continue;
    const spec = getAt(object, location.spec);
    if (!isJson(spec)) continue;
    const metadata = getAt(object, location.metadata);
    return [
      {
        path: location.spec,
        spec,
        metadataPath: location.metadata,
        metadata: isJson(metadata) ? metadata : {},
        containers: containersOf(spec, location.spec),
      },
    ];
  }
  return [];
}
