// `transformers:` entries naming Kustomize's builtin transformer configs (LabelTransformer,
// PatchTransformer, ImageTagTransformer...) are applied like the kustomization fields they stand for;
// a finding they cause lands in the config file. Plugins cannot run and are reported.
import { buildKustomization } from '../../src/scanners/manifests/kustomize/index.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { memoryTree } from '../helpers/memory-tree.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
          image: shop/web:1.0.0
`;

const privilegedPatch = `apiVersion: builtin
kind: PatchTransformer
metadata:
  name: debug
target:
  kind: Deployment
patch: |-
  - op: add
    path: /spec/template/spec/containers/0/securityContext
    value:
      privileged: true
`;

const configs = `apiVersion: builtin
kind: LabelTransformer
metadata:
  name: labels
labels:
  env: dev
fieldSpecs:
  - path: metadata/labels
    create: true
---
apiVersion: builtin
kind: NamespaceTransformer
metadata:
  name: ns
  namespace: dev
---
apiVersion: builtin
kind: ImageTagTransformer
metadata:
  name: tag
imageTag:
  name: shop/web
  newTag: latest
---
apiVersion: builtin
kind: PrefixSuffixTransformer
metadata:
  name: names
prefix: dev-
---
apiVersion: builtin
kind: ReplicaCountTransformer
metadata:
  name: replicas
replica:
  name: web
  count: 3
`;

function files(transformers: string, extra: Record<string, string>): Record<string, string> {
  return { 'app/deployment.yaml': deployment, 'app/kustomization.yaml': `resources:\n  - deployment.yaml\ntransformers:\n${transformers}`, ...extra };
}

test('builtin transformer configs change the objects like the fields they stand for', async () => {
  const { objects, errors } = await buildKustomization(memoryTree(files('  - configs.yaml\n', { 'app/configs.yaml': configs })), 'app');
  expect(errors).toEqual([]);
  const dep = objects[0]!.value as { metadata: Record<string, unknown>; spec: { replicas: number; selector: unknown; template: { spec: { containers: { image: string }[] } } } };
  expect(dep.metadata).toMatchObject({ name: 'dev-web', namespace: 'dev', labels: { env: 'dev' } });
  // the fieldSpecs name only metadata/labels: selectors stay as they were
  expect(dep.spec.selector).toEqual({ matchLabels: { app: 'web' } });
  expect(dep.spec.template.spec.containers[0]!.image).toBe('shop/web:latest');
  expect(dep.spec.replicas).toBe(3);
});

test('a PatchTransformer that makes a container privileged is found, on its own file', async () => {
  const { objects, errors } = await buildKustomization(memoryTree(files('  - debug.yaml\n', { 'app/debug.yaml': privilegedPatch })), 'app');
  expect(errors).toEqual([]);
  const privileged = checkObjects(objects, builtinManifestRules().compiled).find((f) => f.ruleId === 'pss-privileged');
  expect(privileged).toMatchObject({ path: 'app/debug.yaml', startLine: 11 });
});

test('a transformer that is not a builtin, or not a file, is reported', async () => {
  const plugin = 'apiVersion: example.com/v1\nkind: SopsDecryptor\nmetadata:\n  name: s\n';
  const { errors } = await buildKustomization(memoryTree(files('  - plugin.yaml\n  - ../shared\n', { 'app/plugin.yaml': plugin })), 'app');
  expect(errors.map((e) => e.reason)).toEqual([
    'line 4: transformer "SopsDecryptor" is not a Kustomize builtin: plugins are not run, so its changes are not scanned',
    expect.stringContaining('line 5: transformer "../shared" is not a file'),
  ]);
});

test('a PatchStrategicMergeTransformer with an inline patch lands on its own line', async () => {
  const smp = `apiVersion: builtin
kind: PatchStrategicMergeTransformer
metadata:
  name: host
patches: |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        hostNetwork: true
`;
  const { objects, errors } = await buildKustomization(memoryTree(files('  - smp.yaml\n', { 'app/smp.yaml': smp })), 'app');
  expect(errors).toEqual([]);
  const host = checkObjects(objects, builtinManifestRules().compiled).find((f) => f.ruleId === 'pss-host-network');
  expect(host).toMatchObject({ path: 'app/smp.yaml', startLine: 13 });
});
