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

/** `APIVersions.Has "group/version"` or `"group/version/Kind"`: true for the built-in groups only. */
function hasApi(name: unknown): boolean {
  const text = String(name ?? '');
  if (API_VERSIONS.has(text)) return true;
  const slash = text.lastIndexOf('/');
  return slash > 0 && /^[A-Z]/.test(text.slice(slash + 1)) && API_VERSIONS.has(text.slice(0, slash));
}

export function capabilities(): Record<string, unknown> {
  const version = `v${KUBE_VERSION.major}.${KUBE_VERSION.minor}.0`;
  return {
    KubeVersion: { Version: version, GitVersion: version, Major: String(KUBE_VERSION.major), Minor: String(KUBE_VERSION.minor) },
    APIVersions: { Has: hasApi },
    HelmVersion: { Version: 'v3.16.0', GitCommit: '', GoVersion: '' },
  };
}

export function release(): Record<string, unknown> {
  return { Name: 'release-name', Namespace: 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 };
}
