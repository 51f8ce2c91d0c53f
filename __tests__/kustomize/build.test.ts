import { buildChangedKustomizations, buildKustomization } from '../../src/scanners/manifests/kustomize/index.js';
import type { ManifestObject } from '../../src/scanners/manifests/types.js';
import { memoryTree } from '../helpers/memory-tree.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
          ports:
            - containerPort: 80
        - name: sidecar
          image: busybox
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`;

const base = {
  'base/deployment.yaml': deployment,
  'base/service.yaml': service,
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
};

const overlay = {
  ...base,
  'overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
namePrefix: prod-
namespace: shop
commonLabels:
  env: prod
images:
  - name: nginx
    newTag: "1.27"
patchesStrategicMerge:
  - privileged.yaml
patches:
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: add
        path: /spec/template/spec/containers/1/securityContext
        value:
          runAsUser: 0
patchesJson6902:
  - target:
      group: apps
      version: v1
      kind: Deployment
      name: web
    path: replicas.yaml
configMapGenerator:
  - name: settings
    literals:
      - LOG_LEVEL=debug
`,
  'overlays/prod/privileged.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
`,
  'overlays/prod/replicas.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n',
};

function get(o: ManifestObject | undefined, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[k] : undefined), o?.value);
}

const c0 = ['spec', 'template', 'spec', 'containers', 0];
const c1 = ['spec', 'template', 'spec', 'containers', 1];

describe('buildKustomization', () => {
  test('an overlay applies prefix, namespace, labels, images, patches and generators', async () => {
    const { objects, errors } = await buildKustomization(memoryTree(overlay), 'overlays/prod');
    expect(errors).toEqual([]);
    const dep = objects.find((o) => o.value.kind === 'Deployment');
    const svc = objects.find((o) => o.value.kind === 'Service');
    expect(get(dep, 'metadata', 'name')).toBe('prod-web');
    expect(get(dep, 'metadata', 'namespace')).toBe('shop');
    expect(get(dep, 'spec', 'selector', 'matchLabels')).toEqual({ app: 'web', env: 'prod' });
    expect(get(svc, 'spec', 'selector')).toEqual({ app: 'web', env: 'prod' });
    expect(get(dep, ...c0, 'image')).toBe('nginx:1.27');
    expect(get(dep, ...c0, 'securityContext')).toEqual({ privileged: true });
    expect(get(dep, ...c0, 'ports')).toEqual([{ containerPort: 80 }]);
    expect(get(dep, ...c1, 'securityContext')).toEqual({ runAsUser: 0 });
    expect(get(dep, 'spec', 'replicas')).toBe(3);
    const cm = objects.find((o) => o.value.kind === 'ConfigMap');
    expect(get(cm, 'data')).toEqual({ LOG_LEVEL: 'debug' });
  });

  test('each field locates to the file that set it', async () => {
    const { objects } = await buildKustomization(memoryTree(overlay), 'overlays/prod');
    const dep = objects.find((o) => o.value.kind === 'Deployment')!;
    const k = 'overlays/prod/kustomization.yaml';
    expect(dep.path).toBe('base/deployment.yaml');
    expect(dep.locate([...c0, 'securityContext', 'privileged'])).toEqual({ path: 'overlays/prod/privileged.yaml', line: 11, column: 13 });
    expect(dep.locate([...c0, 'ports', 0, 'containerPort'])).toMatchObject({ path: 'base/deployment.yaml', line: 21 });
    expect(dep.locate([...c1, 'securityContext', 'runAsUser'])).toMatchObject({ path: k, line: 22 });
    expect(dep.locate(['spec', 'replicas'])).toMatchObject({ path: 'overlays/prod/replicas.yaml', line: 3 });
    expect(dep.locate(['metadata', 'namespace'])).toMatchObject({ path: k, line: 6 });
    expect(dep.locate([...c0, 'image'])).toMatchObject({ path: k, line: 11 });
    expect(dep.locate(['metadata', 'labels', 'env'])).toMatchObject({ path: k, line: 8 });
    expect(dep.locate([...c1, 'image'])).toMatchObject({ path: 'base/deployment.yaml', line: 23 });
    // a map the patch merged into keeps the base's position; what the patch set takes the patch's
    expect(dep.locate([...c0, 'securityContext'])).toMatchObject({ path: 'overlays/prod/privileged.yaml', line: 10 });
    expect(dep.locate(['spec', 'template', 'spec', 'securityContext'])).toMatchObject({ path: 'base/deployment.yaml', line: 16 });
    expect(dep.renderedBy).toBe('kustomize');
    // an absent field points at its nearest present parent
    expect(dep.locate([...c1, 'resources', 'limits'])).toMatchObject({ path: 'base/deployment.yaml', line: 22 });
    expect(dep.sourceLine?.('overlays/prod/privileged.yaml', 11)).toBe('            privileged: true');
  });

  test('strategic merge directives: null deletes, $patch: delete removes a list item', async () => {
    const files = {
      ...base,
      'o/kustomization.yaml': 'resources:\n  - ../base\npatchesStrategicMerge:\n  - |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n      labels: null\n    spec:\n      template:\n        spec:\n          containers:\n            - name: sidecar\n              $patch: delete\n',
    };
    const { objects, errors } = await buildKustomization(memoryTree(files), 'o');
    expect(errors).toEqual([]);
    const dep = objects.find((o) => o.value.kind === 'Deployment');
    expect(get(dep, 'metadata', 'labels')).toBeUndefined();
    expect((get(dep, 'spec', 'template', 'spec', 'containers') as unknown[]).length).toBe(1);
  });

  test('paths escaping the repository, cycles, remote bases and unsupported fields are error entries', async () => {
    const files = {
      'a/kustomization.yaml': 'resources:\n  - ../b\n  - ../../../etc/passwd\n  - https://github.com/org/repo//deploy?ref=v1\ngenerators:\n  - g.yaml\n',
      'b/kustomization.yaml': 'resources:\n  - ../a\n',
    };
    const { errors } = await buildKustomization(memoryTree(files), 'a');
    expect(errors.map((e) => [e.path, e.reason])).toEqual([
      ['a/kustomization.yaml', 'kustomization field generators is not supported: the build ignores it'],
      ['b/kustomization.yaml', 'kustomization cycle: a -> b -> a'],
      ['a/kustomization.yaml', 'path "../../../etc/passwd" escapes the repository root'],
      ['a/kustomization.yaml', expect.stringContaining('line 4: remote resource "https://github.com/org/repo//deploy?ref=v1" is not fetched by design')],
    ]);
  });

  test('a patch whose target selects nothing is a no-op, as in kustomize', async () => {
    const patch = '- op: add\n  path: /spec/template/spec/containers/0/args\n  value: [--x]\n';
    const files = {
      ...base,
      'o/kustomization.yaml': `resources:\n  - ../base\npatches:\n  - target:\n      kind: Deployment\n      name: "(api|worker)"\n    patch: |\n${patch.replace(/^/gm, '      ')}  - target:\n      kind: StatefulSet\n    patch: |\n      kind: StatefulSet\n      metadata:\n        name: any\n`,
    };
    const { objects, errors } = await buildKustomization(memoryTree(files), 'o');
    expect(errors).toEqual([]);
    expect(objects).toHaveLength(2);
  });

  test('a patch that matches nothing is an error on the patch file', async () => {
    const files = { ...base, 'o/kustomization.yaml': 'resources:\n  - ../base\npatchesStrategicMerge:\n  - p.yaml\n', 'o/p.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n' };
    const { errors } = await buildKustomization(memoryTree(files), 'o');
    expect(errors).toEqual([{ path: 'o/p.yaml', reason: 'no resource matches the patch for Service/other', scanner: 'manifests' }]);
  });
});

describe('buildChangedKustomizations', () => {
  test('a change to a base file builds the base and every overlay on it; consumed excludes resource files', async () => {
    const files = { ...overlay, 'other/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' };
    const targets = [{ path: 'base/deployment.yaml', content: deployment, addedLines: null }];
    const { objects, errors, consumed } = await buildChangedKustomizations(targets, memoryTree(files));
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.value.kind === 'Deployment').map((o) => get(o, 'metadata', 'name')).sort()).toEqual(['prod-web', 'web']);
    expect(objects.some((o) => get(o, 'metadata', 'name') === 'x')).toBe(false);
    expect([...consumed].sort()).toEqual(['base/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/privileged.yaml', 'overlays/prod/replicas.yaml']);
  });

  test('a change to a patch file builds only the overlay that uses it', async () => {
    const targets = [{ path: 'overlays/prod/privileged.yaml', content: '', addedLines: null }];
    const { objects } = await buildChangedKustomizations(targets, memoryTree(overlay));
    expect(objects.map((o) => get(o, 'metadata', 'name')).sort()).toEqual(['prod-settings', 'prod-web', 'prod-web']);
  });
});
