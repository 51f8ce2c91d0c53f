// How a chart's rendered output becomes objects and errors: a helper or included file that fails is
// one error naming the templates it stopped; documents split where Helm splits them.
import { renderChart } from '../../src/scanners/manifests/helm/index.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { memoryTree } from '../helpers/memory-tree.js';

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
`;

async function render(files: Record<string, string>) {
  const result = await renderChart(memoryTree(files), 'charts/web');
  return { ...result, findings: checkObjects(result.objects, builtinManifestRules().compiled) };
}

test('a failing included file is one error that names the templates it stopped', async () => {
  const secret = '{{ $_ := required "db.password is required" .Values.db.password }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n';
  const withChecksum = deployment.replace('{{ include "lib.fullname" . }}', 'web\n  annotations:\n    checksum: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}');
  const { errors } = await render({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'charts/web/values.yaml': 'db: {}\n',
    'charts/web/templates/secret.yaml': secret,
    'charts/web/templates/deployment.yaml': withChecksum,
  });
  expect(errors).toEqual([
    { path: 'charts/web/templates/secret.yaml', reason: 'line 1: required: db.password is required; the chart needs values its values.yaml does not give: list a values file for it under manifests.helm.valuesFiles in .shiftguard.yml (so templates/deployment.yaml was not rendered)', scanner: 'manifests' },
  ]);
});

test('a separator glued to the next line by a trim marker splits documents, as Helm splits them', async () => {
  const template = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---

{{- if true -}}

# the trim markers leave this comment on the separator line
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
    - name: app
      image: shop/app:1.0.0
      securityContext:
        privileged: true
{{- end }}
`;
  const { errors, objects, findings } = await render({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'charts/web/templates/all.yaml': template,
  });
  expect(errors).toEqual([]);
  expect(objects.map((o) => o.value.kind)).toEqual(['ConfigMap', 'Pod']);
  expect(findings.find((f) => f.ruleId === 'pss-privileged')).toMatchObject({ path: 'charts/web/templates/all.yaml', startLine: 19 });
});
