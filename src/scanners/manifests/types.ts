// The object model the manifests engine checks. Plain YAML files, rendered Helm charts and built
// Kustomize overlays all become ManifestObjects, so a rule never knows where an object came from.

/** A place in a source file, 1-based. */
export interface SourcePos {
  path: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /**
   * Where the field really is when `path` is only the nearest place a reviewer can act on, e.g.
   * `charts/redis-1.2.3.tgz: redis/templates/statefulset.yaml:12` for a packaged subchart. Findings
   * name it in their message.
   */
  via?: string;
}

/** A path into an object: keys and array indexes, e.g. ['spec', 'containers', 0, 'securityContext']. */
export type NodePath = ReadonlyArray<string | number>;

export interface ManifestObject {
  /** The parsed object (a Kubernetes object: apiVersion, kind, metadata, ...). */
  value: Record<string, unknown>;
  /** File the object is reported against when nothing more precise is known. */
  path: string;
  /** Position of the document (its first line) in `path`. */
  origin: SourcePos;
  /**
   * Where a field is set: the key's position for a present field; for an absent field the position of
   * its nearest present ancestor (so "missing field" findings point at the parent). Helm and Kustomize
   * map through to the template / values / patch file that produced the value.
   */
  locate(path: NodePath): SourcePos;
  /** Line range of a field's whole value (key line to last line of its value), when known. */
  span?(path: NodePath): { start: SourcePos; end: SourcePos };
  /**
   * Set for objects produced by rendering a Helm chart or building a kustomization (absent for plain
   * files). Rendered Helm objects, for instance, get their namespace from the release at install time.
   */
  renderedBy?: 'helm' | 'kustomize';
  /** For Helm-rendered objects: the chart directory rendered. Its objects share one release namespace. */
  chart?: string;
  /** Comments on or above lines, for inline suppressions: returns the raw text of a source line. */
  sourceLine?(path: string, line: number): string | undefined;
}
