import { buildChangedKustomizations, buildKustomization } from '../../src/scanners/manifests/kustomize/index.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import type { ManifestObject } from '../../src/scanners/manifests/types.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { lineOf } from '../helm/fixtures.js';
import { scanFiles } from '../manifests/helpers.js';

// A small chart of our own: one Deployment whose container securityContext comes from values via
// toYaml | nindent, plus a ConfigMap that shows what .Release and .Capabilities the render saw.
const chartYaml = 'apiVersion: v2\nname: app\nversion: 1.2.3\n';
const chartValues = `image: nginx:1.27
securityContext:
  privileged: false
  runAsNonRoot: true
`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-app
spec:
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
        - name: app
          image: {{ .Values.image }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`;
const info = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-info
data:
  namespace: {{ .Release.Namespace | quote }}
  kube: {{ .Capabilities.KubeVersion.Version | quote }}
  monitoring: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" | quote }}
`;
const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n';

function chart(dir: string): Record<string, string> {
  return {
    [`${dir}/Chart.yaml`]: chartYaml,
    [`${dir}/values.yaml`]: chartValues,
    [`${dir}/templates/deployment.yaml`]: deployment,
    [`${dir}/templates/info.yaml`]: info,
    [`${dir}/crds/widgets.yaml`]: crd,
  };
}

const byKind = (objects: ManifestObject[], kind: string): ManifestObject => objects.find((o) => o.value.kind === kind)!;
const container = (o: ManifestObject): Record<string, unknown> =>
  ((o.value.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0])!;

const kustomization = `namespace: shop
commonLabels:
  team: web
helmCharts:
  - name: app
    releaseName: web
    namespace: shop
    valuesInline:
      securityContext:
        privileged: true
`;

describe('kustomize helmCharts with a chart in the repository', () => {
  test('values set privileged: true -> the finding lands on the kustomization line that sets it', async () => {
    const files = { ...chart('k/charts/app'), 'k/kustomization.yaml': kustomization };
    const { objects, errors } = await buildKustomization(memoryTree(files), 'k');
    expect(errors).toEqual([]);
    expect(objects.map((o) => `${String(o.value.kind)}/${String((o.value.metadata as { name: string }).name)}`).sort()).toEqual(['ConfigMap/web-info', 'Deployment/web-app']);
    const privileged = checkObjects(objects, builtinManifestRules().compiled).filter((f) => f.ruleId === 'pss-privileged');
    expect(privileged.map((f) => [f.path, f.startLine])).toEqual([['k/kustomization.yaml', lineOf(kustomization, 'privileged: true')]]);
    // what the template wrote stays on the template line; a whole value from values.yaml maps there
    const deploy = byKind(objects, 'Deployment');
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 0, 'name'])).toMatchObject({ path: 'k/charts/app/templates/deployment.yaml', line: lineOf(deployment, '- name: app') });
    expect(deploy.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({ path: 'k/charts/app/values.yaml', line: 1 });
  });

  test("the kustomization's transformers apply to the rendered objects: namespace, labels, images", async () => {
    const files = {
      ...chart('k/charts/app'),
      'k/kustomization.yaml': `${kustomization}images:\n  - name: nginx\n    newTag: "1.28"\n`,
    };
    const { objects } = await buildKustomization(memoryTree(files), 'k');
    for (const o of objects) {
      expect((o.value.metadata as { namespace?: string }).namespace).toBe('shop');
      expect(o.locate(['metadata', 'namespace'])).toMatchObject({ path: 'k/kustomization.yaml', line: 1 });
      expect((o.value.metadata as { labels?: Record<string, string> }).labels).toMatchObject({ team: 'web' });
    }
    expect(container(byKind(objects, 'Deployment')).image).toBe('nginx:1.28');
    // .Release.Namespace came from the chart entry's namespace
    expect(byKind(objects, 'ConfigMap').value.data).toMatchObject({ namespace: 'shop' });
  });

  test('valuesFile and valuesInline combine as valuesMerge says; findings land in the values file', async () => {
    const prod = 'securityContext:\n  privileged: true\n  allowPrivilegeEscalation: true\n';
    const entry = (merge: string) => `helmCharts:\n  - name: app\n    valuesFile: values-prod.yaml\n${merge}    valuesInline:\n      securityContext:\n        privileged: false\n`;
    const render = async (merge: string) => {
      const files = { ...chart('k/charts/app'), 'k/values-prod.yaml': prod, 'k/kustomization.yaml': entry(merge) };
      const { objects, errors } = await buildKustomization(memoryTree(files), 'k');
      expect(errors).toEqual([]);
      return byKind(objects, 'Deployment');
    };
    // override (the default): inline wins; merge: the values file wins; replace: the values file is not used
    expect(container(await render('')).securityContext).toEqual({ privileged: false, runAsNonRoot: true, allowPrivilegeEscalation: true });
    const merged = await render('    valuesMerge: merge\n');
    expect(container(merged).securityContext).toEqual({ privileged: true, runAsNonRoot: true, allowPrivilegeEscalation: true });
    const findings = checkObjects([merged], builtinManifestRules().compiled).filter((f) => f.ruleId === 'pss-privileged');
    expect(findings.map((f) => [f.path, f.startLine])).toEqual([['k/values-prod.yaml', 2]]);
    expect(container(await render('    valuesMerge: replace\n')).securityContext).toEqual({ privileged: false, runAsNonRoot: true });
  });

  test("pulled-chart layout <chartHome>/<name>-<version>/<name>, chartHome, includeCRDs, apiVersions and kubeVersion", async () => {
    const files = {
      ...chart('deploy/vendor/app-1.2.3/app'),
      'deploy/kustomization.yaml': [
        'helmGlobals:',
        '  chartHome: vendor',
        'helmCharts:',
        '  - name: app',
        '    version: 1.2.3',
        '    repo: https://charts.example.com',
        '    includeCRDs: true',
        '    kubeVersion: "1.29"',
        '    apiVersions:',
        '      - monitoring.coreos.com/v1',
        '',
      ].join('\n'),
    };
    const { objects, errors } = await buildKustomization(memoryTree(files), 'deploy');
    expect(errors).toEqual([]);
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['ConfigMap', 'CustomResourceDefinition', 'Deployment']);
    expect(byKind(objects, 'ConfigMap').value.data).toEqual({ namespace: 'default', kube: 'v1.29.0', monitoring: 'true' });
    expect(byKind(objects, 'CustomResourceDefinition').locate(['metadata', 'name'])).toMatchObject({ path: 'deploy/vendor/app-1.2.3/app/crds/widgets.yaml', line: 4 });
  });

  test('a chart not in the repository is an error entry naming the kustomization line and the chart; nothing is pulled', async () => {
    const files = {
      'k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n',
      'k/kustomization.yaml': 'resources:\n  - cm.yaml\nhelmCharts:\n  - name: redis\n    repo: https://charts.bitnami.com/bitnami\n    version: 18.0.0\n',
    };
    const { objects, errors } = await buildKustomization(memoryTree(files), 'k');
    expect(errors).toEqual([
      {
        path: 'k/kustomization.yaml',
        reason: expect.stringMatching(/^line 4: helm chart "redis" is not in the repository \(looked for k\/charts\/redis-18\.0\.0\/redis, k\/charts\/redis-18\.0\.0, k\/charts\/redis\); kustomize would pull it from "https:\/\/charts\.bitnami\.com\/bitnami", but charts are never pulled by design/),
        scanner: 'manifests',
      },
    ]);
    expect(objects.map((o) => o.value.kind)).toEqual(['ConfigMap']);
  });

  test('chartHome or valuesFile outside the repository: an error entry, never read', async () => {
    const outside = { ...chart('k/charts/app'), 'k/kustomization.yaml': 'helmGlobals:\n  chartHome: ../../../opt/charts\nhelmCharts:\n  - name: app\n' };
    expect((await buildKustomization(memoryTree(outside), 'k')).errors).toEqual([
      expect.objectContaining({ path: 'k/kustomization.yaml', reason: expect.stringMatching(/^line 2: helmGlobals chartHome "..\/..\/..\/opt\/charts" is outside the repository and is never read/) }),
    ]);
    const values = { ...chart('k/charts/app'), 'k/kustomization.yaml': 'helmCharts:\n  - name: app\n    valuesFile: ../../etc/passwd\n' };
    const built = await buildKustomization(memoryTree(values), 'k');
    expect(built.errors).toEqual([
      expect.objectContaining({ path: 'k/kustomization.yaml', reason: expect.stringMatching(/^line 3: helm chart "app": valuesFile "..\/..\/etc\/passwd" is outside the repository and is never read/) }),
    ]);
    expect(built.objects).toEqual([]);
  });

  test('a change to a chart template rebuilds the kustomization that inflates it', async () => {
    const files = { ...chart('k/charts/app'), 'k/kustomization.yaml': kustomization };
    const targets = [{ path: 'k/charts/app/templates/deployment.yaml', content: deployment, addedLines: null }];
    const { objects, consumed } = await buildChangedKustomizations(targets, memoryTree(files));
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['ConfigMap', 'Deployment']);
    expect(consumed.has('k/kustomization.yaml')).toBe(true);
  });
});

test('through the scanner: the inline privileged value lands on the kustomization line; the chart is not rendered twice', async () => {
  const files = { ...chart('k/charts/app'), 'k/kustomization.yaml': kustomization };
  const output = await scanFiles(files, memoryTree(files));
  expect(output.errors).toEqual([]);
  const privileged = output.findings.filter((f) => f.ruleId === 'pss-privileged');
  expect(privileged.map((f) => [f.path, f.startLine, f.resource])).toEqual([['k/kustomization.yaml', lineOf(kustomization, 'privileged: true'), expect.stringContaining('web-app')]]);
  // the chart is scanned as the kustomization deploys it, not a second time on its own with its defaults
  expect(output.findings.filter((f) => !f.resource?.includes('shop/web-app'))).toEqual([]);
  expect(output.findings.filter((f) => f.ruleId === 'read-only-root-filesystem')).toHaveLength(1);
});
