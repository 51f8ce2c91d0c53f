// Components add resources to, and patch, the overlay that lists them; remote bases and components are
// never fetched: an error entry names the kustomization, the line and the URL, and the rest is built.
import { buildChangedKustomizations, buildKustomization } from '../../src/scanners/manifests/kustomize/index.js';
import type { ManifestObject } from '../../src/scanners/manifests/types.js';
import { memoryTree } from '../helpers/memory-tree.js';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop/web:1.0\n';
const files = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': deployment,
  'components/debug/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cm.yaml\npatches:\n  - path: privileged.yaml\n    target:\n      kind: Deployment\n',
  'components/debug/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: debug\n',
  'components/debug/privileged.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n',
  'overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources:\n  - ../../base\ncomponents:\n  - ../../components/debug\n',
};

function byKind(objects: ManifestObject[], kind: string): ManifestObject {
  const found = objects.find((o) => o.value.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
}

test('a component adds its resources and patches the overlay\'s; the patched field lands on the component\'s patch file', async () => {
  const { objects, errors, own } = await buildKustomization(memoryTree(files), 'overlays/dev');
  expect(errors).toEqual([]);
  expect(objects.map((o) => `${String(o.value.kind)}/${String((o.value.metadata as { name: string }).name)}`).sort()).toEqual(['ConfigMap/dev-debug', 'Deployment/dev-web']);
  const dep = byKind(objects, 'Deployment');
  const privileged = ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'];
  expect(dep.locate(privileged)).toMatchObject({ path: 'components/debug/privileged.yaml', line: 11 });
  expect(dep.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({ path: 'base/deployment.yaml', line: 10 });
  expect(byKind(objects, 'ConfigMap').path).toBe('components/debug/cm.yaml');
  expect([...own]).toEqual(expect.arrayContaining(['components/debug/kustomization.yaml', 'components/debug/privileged.yaml']));
});

test('a change to a component rebuilds the overlays listing it; the component alone builds nothing and reports nothing', async () => {
  const changed = [{ path: 'components/debug/privileged.yaml', content: files['components/debug/privileged.yaml'], addedLines: null }];
  const { objects, errors, consumed } = await buildChangedKustomizations(changed, memoryTree(files));
  expect(errors).toEqual([]);
  expect(objects.filter((o) => o.value.kind === 'Deployment').map((o) => o.path)).toEqual(['base/deployment.yaml']);
  expect(consumed.has('components/debug/privileged.yaml')).toBe(true);
});

test('a Component under resources, or a Kustomization under components, is an error entry', async () => {
  const wrong = {
    ...files,
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n  - ../../components/debug\ncomponents:\n  - ../../base\n',
  };
  const { errors } = await buildKustomization(memoryTree(wrong), 'overlays/dev');
  expect(errors.map((e) => [e.path, e.reason])).toEqual([
    ['components/debug/kustomization.yaml', 'a Component is listed under resources: list it under components'],
    ['base/kustomization.yaml', 'listed under components but its kind is not Component'],
  ]);
});

test('remote resources and components are not fetched: one error each with file, line and URL; local parts are still built', async () => {
  const remote = {
    ...files,
    'overlays/dev/kustomization.yaml':
      'resources:\n  - ../../base\n  - github.com/org/platform/deploy?ref=v1.2.0\ncomponents:\n  - ../../components/debug\n  - https://example.com/components/tracing.git\n',
  };
  const { objects, errors } = await buildKustomization(memoryTree(remote), 'overlays/dev');
  expect(errors).toEqual([
    {
      path: 'overlays/dev/kustomization.yaml',
      reason: 'line 3: remote resource "github.com/org/platform/deploy?ref=v1.2.0" is not fetched by design (scans never download what a pull request names); its objects are not scanned, the rest of the kustomization is',
      scanner: 'manifests',
    },
    expect.objectContaining({ path: 'overlays/dev/kustomization.yaml', reason: expect.stringMatching(/^line 6: remote component "https:\/\/example.com\/components\/tracing.git" is not fetched by design/) }),
  ]);
  expect(objects.map((o) => o.value.kind).sort()).toEqual(['ConfigMap', 'Deployment']);
});

test('through the scanner: the remote base is an error entry and the local objects are still checked', async () => {
  const { manifestsScanner } = await import('../../src/scanners/manifests/index.js');
  const remote = { ...files, 'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n  - https://github.com/org/platform//deploy?ref=main\ncomponents:\n  - ../../components/debug\n' };
  const output = await manifestsScanner.scan({
    targets: [{ path: 'overlays/dev/kustomization.yaml', content: remote['overlays/dev/kustomization.yaml'], addedLines: null }],
    tree: memoryTree(remote),
    side: 'head',
    config: {},
    services: { now: () => new Date(0), log: () => undefined },
  });
  expect(output.errors).toEqual([expect.objectContaining({ path: 'overlays/dev/kustomization.yaml', reason: expect.stringContaining('line 3: remote resource') })]);
  expect(output.findings.find((f) => f.ruleId === 'pss-privileged')).toMatchObject({ path: 'components/debug/privileged.yaml', startLine: 11 });
});
