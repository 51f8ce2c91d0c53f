// Chart.yaml dependencies that are not unpacked under charts/: a `file://` one is read where it lies
// in the repository (what `helm dependency build` would copy), and a remote one that was never built
// gives one error per chart that says what to do, instead of one error per template.
import { renderChart } from '../../src/scanners/manifests/helm/index.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { memoryTree } from '../helpers/memory-tree.js';

const library = {
  'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\ntype: library\nversion: 2.0.0\n',
  'charts/lib/templates/_names.tpl': '{{- define "lib.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n',
};

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "lib.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1.0.0
          securityContext:
            privileged: true
`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n';

function chartYaml(repository: string): string {
  return `apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: lib\n    version: 2.x.x\n    repository: ${repository}\n`;
}

async function render(files: Record<string, string>) {
  const result = await renderChart(memoryTree(files), 'charts/web');
  return { ...result, findings: checkObjects(result.objects, builtinManifestRules().compiled) };
}

test('a file:// dependency elsewhere in the repository renders with its parent', async () => {
  const { errors, findings } = await render({
    ...library,
    'charts/web/Chart.yaml': chartYaml('file://../lib'),
    'charts/web/templates/deployment.yaml': deployment,
  });
  expect(errors).toEqual([]);
  expect(findings.find((f) => f.ruleId === 'pss-privileged')).toMatchObject({ path: 'charts/web/templates/deployment.yaml', startLine: 12 });
});

test('an unbuilt remote dependency gives one error on its Chart.yaml entry; the other templates are still scanned', async () => {
  const { errors, findings } = await render({
    'charts/web/Chart.yaml': chartYaml('oci://registry.example.com/charts'),
    'charts/web/templates/deployment.yaml': deployment,
    'charts/web/templates/worker.yaml': deployment.replace('kind: Deployment', 'kind: StatefulSet'),
    'charts/web/templates/service.yaml': service,
  });
  expect(errors).toHaveLength(1);
  expect(errors[0]!.path).toBe('charts/web/Chart.yaml');
  expect(errors[0]!.reason).toMatch(/^line 5: 2 templates not rendered \(templates\/deployment\.yaml, templates\/worker\.yaml\)/);
  expect(errors[0]!.reason).toContain('"lib" (oci://registry.example.com/charts)');
  expect(errors[0]!.reason).toContain('helm dependency build');
  expect(findings.some((f) => f.ruleId === 'service-node-port')).toBe(true);
});

test('a dependency reached through tpl, listed twice under aliases, is named once', async () => {
  const twice = 'apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: lib\n    alias: a\n    repository: https://charts.example.com\n  - name: lib\n    alias: b\n    repository: https://charts.example.com\n';
  const { errors } = await render({
    'charts/web/Chart.yaml': twice,
    'charts/web/values.yaml': 'name: \'{{ include "lib.fullname" . }}\'\n',
    'charts/web/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ tpl .Values.name . }}\n',
  });
  expect(errors).toHaveLength(1);
  expect(errors[0]!.reason).toContain('1 template not rendered (templates/cm.yaml): they use named templates of the dependency "lib" (https://charts.example.com), which is not');
});

test('a file:// dependency outside the repository, or one that loops back, is not followed', async () => {
  const outside = await render({
    'charts/web/Chart.yaml': chartYaml('file://../../../elsewhere/lib'),
    'charts/web/templates/deployment.yaml': deployment,
  });
  expect(outside.errors).toHaveLength(1);
  expect(outside.errors[0]!.reason).toContain('"lib" (file://../../../elsewhere/lib)');

  const loop = await render({
    'charts/web/Chart.yaml': chartYaml('file://../lib'),
    'charts/web/templates/service.yaml': service,
    'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 2.0.0\ndependencies:\n  - name: web\n    repository: file://../web\n',
  });
  expect(loop.errors).toEqual([]);
  expect(loop.findings.some((f) => f.ruleId === 'service-node-port')).toBe(true);
});

test('a dependency switched off by its condition is not the one blamed: Helm would not load it either', async () => {
  const { errors } = await render({
    'charts/web/Chart.yaml': `${chartYaml('https://charts.example.com')}    condition: lib.enabled\n`,
    'charts/web/values.yaml': 'lib:\n  enabled: false\n',
    'charts/web/templates/deployment.yaml': deployment,
  });
  expect(errors).toEqual([{ path: 'charts/web/templates/deployment.yaml', reason: 'line 4: no template named "lib.fullname"', scanner: 'manifests' }]);
});
