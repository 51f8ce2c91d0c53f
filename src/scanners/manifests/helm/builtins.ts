// `.Release` and `.Capabilities` as `helm template` sees them offline: a fixed release and a recent
// Kubernetes version with its built-in API groups. No cluster is ever asked.

export const KUBE_VERSION = { major: 1, minor: 31 };

const API_VERSIONS = new Set([
  'v1',
  'apps/v1',
  'batch/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'policy/v1',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
  'storage.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'node.k8s.io/v1',
  'certificates.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
]);

export interface CapabilityOptions {
  /** Extra `group/version` or `group/version/Kind` entries, as `helm template --api-versions` adds them. */
  apiVersions?: readonly string[];
  /** `helm template --kube-version`, e.g. `1.29` or `v1.29.3`; null when it is not a version. */
  kubeVersion?: { major: number; minor: number; patch: number };
}

export interface ReleaseOptions {
  name?: string;
  namespace?: string;
}

/** `v1.29.3`, `1.29` -> its numbers; null for anything else (helm refuses it too). */
export function parseKubeVersion(text: string): { major: number; minor: number; patch: number } | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) } : null;
}

/** `APIVersions.Has "group/version"` or `"group/version/Kind"`: the built-in groups plus the extra ones. */
function hasApi(extra: ReadonlySet<string>): (name: unknown) => boolean {
  return (name) => {
    const text = String(name ?? '');
    if (API_VERSIONS.has(text) || extra.has(text)) return true;
    const slash = text.lastIndexOf('/');
    if (slash <= 0 || !/^[A-Z]/.test(text.slice(slash + 1))) return false;
    const groupVersion = text.slice(0, slash);
    // an extra `group/version` covers its kinds; an extra `group/version/Kind` only that kind
    return API_VERSIONS.has(groupVersion) || extra.has(groupVersion);
  };
}

export function capabilities(options: CapabilityOptions = {}): Record<string, unknown> {
  const kube = options.kubeVersion ?? { ...KUBE_VERSION, patch: 0 };
  const version = `v${kube.major}.${kube.minor}.${kube.patch}`;
  return {
    KubeVersion: { Version: version, GitVersion: version, Major: String(kube.major), Minor: String(kube.minor) },
    APIVersions: { Has: hasApi(new Set(options.apiVersions ?? [])) },
    HelmVersion: { Version: 'v3.16.0', GitCommit: '', GoVersion: '' },
  };
}

export function release(options: ReleaseOptions = {}): Record<string, unknown> {
  return { Name: options.name ?? 'release-name', Namespace: options.namespace ?? 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 };
}
