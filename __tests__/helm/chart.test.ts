import { renderChangedCharts, renderChart } from '../../src/scanners/manifests/helm/index.js';
import type { ManifestObject } from '../../src/scanners/manifests/types.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { demoChart, deployment, helpers, lineOf, values } from './fixtures.js';

const DIR = 'charts/demo';
const container = ['spec', 'template', 'spec', 'containers', 0];

/** Reads a nested field of a rendered object. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((cur, key) => (cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined), value);
}

function byKind(objects: ManifestObject[], kind: string): ManifestObject {
  const found = objects.find((o) => o.value.kind === kind);
  if (!found) throw new Error(`no ${kind} rendered`);
  return found;
}

describe('renderChart on a helm-create style chart', () => {
  test('renders the Deployment and Service, skips helpers, NOTES.txt and the disabled Ingress', async () => {
    const { objects, errors } = await renderChart(memoryTree(demoChart()), DIR);
    expect(errors).toEqual([]);
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['Deployment', 'Service']);
    const dep = byKind(objects, 'Deployment');
    expect(dep.path).toBe(`${DIR}/templates/deployment.yaml`);
    expect(dep.renderedBy).toBe('helm');
    expect((dep.value.metadata as Record<string, unknown>).name).toBe('release-name-demo');
    expect(at(dep.value, ...container, 'image')).toBe('nginx:1.16.0');
    expect(at(dep.value, ...container, 'env')).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'MODE', value: 'production' },
    ]);
  });

  test('must-show: privileged: true in values.yaml, through toYaml | nindent, lands on values.yaml', async () => {
    const { objects } = await renderChart(memoryTree(demoChart()), DIR);
    const pos = byKind(objects, 'Deployment').locate([...container, 'securityContext', 'privileged']);
    expect(pos).toEqual({ path: `${DIR}/values.yaml`, line: lineOf(values, 'privileged: true'), column: 3 });
  });

  test('fields written by the template land on the template line; absent fields on their parent', async () => {
    const { objects } = await renderChart(memoryTree(demoChart()), DIR);
    const dep = byKind(objects, 'Deployment');
    expect(dep.locate(['kind'])).toMatchObject({ path: `${DIR}/templates/deployment.yaml`, line: 2 });
    expect(dep.locate([...container, 'ports', 0, 'protocol'])).toMatchObject({ line: lineOf(deployment, 'protocol: TCP') });
    expect(dep.locate([...container, 'readinessProbe'])).toMatchObject({ line: lineOf(deployment, '- name: {{ .Chart.Name }}') });
    // labels come from an include: the helper's line
    expect(dep.locate(['metadata', 'labels', 'app.kubernetes.io/managed-by'])).toMatchObject({
      path: `${DIR}/templates/_helpers.tpl`,
      line: lineOf(helpers, 'app.kubernetes.io/managed-by'),
    });
    // a value printed from values lands on the values key, through range and quote too
    expect(dep.locate([...container, 'resources', 'limits', 'memory'])).toMatchObject({ path: `${DIR}/values.yaml`, line: lineOf(values, 'memory: 128Mi') });
    expect(dep.locate([...container, 'env', 1, 'value'])).toMatchObject({ path: `${DIR}/values.yaml`, line: lineOf(values, 'MODE: production') });
    expect(dep.sourceLine?.(`${DIR}/values.yaml`, lineOf(values, 'privileged'))).toBe('  privileged: true');
  });

  test('extra values files from config are merged over values.yaml and keep their own lines', async () => {
    const prod = 'ingress:\n  enabled: true\n  hosts:\n    - host: shop.example.com\n      paths:\n        - path: /api\n          pathType: Prefix\n';
    const tree = memoryTree(demoChart(DIR, { [`${DIR}/values-prod.yaml`]: prod }));
    const { objects, errors } = await renderChart(tree, DIR, { valuesFiles: ['values-prod.yaml'] });
    expect(errors).toEqual([]);
    const ing = byKind(objects, 'Ingress');
    expect(at(ing.value, 'spec', 'rules', 0, 'host')).toBe('shop.example.com');
    expect(ing.locate(['spec', 'rules', 0, 'host'])).toMatchObject({ path: `${DIR}/values-prod.yaml`, line: 4 });
    expect(at(ing.value, 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'port', 'number')).toBe(80);
  });

  test('a values file outside the chart is refused with an error entry', async () => {
    const { errors } = await renderChart(memoryTree(demoChart()), DIR, { valuesFiles: ['../../secrets.yaml'] });
    expect(errors).toEqual([expect.objectContaining({ path: `${DIR}/Chart.yaml`, reason: expect.stringContaining('outside the chart') })]);
  });
});

describe('safety', () => {
  test('.Files.Get "../../x" fails that template with an error naming file, line and reason; others render', async () => {
    const evil = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  stolen: {{ .Files.Get "../../x" | quote }}\n';
    const tree = memoryTree({ ...demoChart(), [`${DIR}/templates/evil.yaml`]: evil, x: 'outside' });
    const { objects, errors } = await renderChart(tree, DIR);
    expect(errors).toEqual([
      { path: `${DIR}/templates/evil.yaml`, reason: expect.stringMatching(/^line 6: .*escapes the chart directory/), scanner: 'manifests' },
    ]);
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['Deployment', 'Service']);
  });

  test('a checksum annotation includes another template file by its name', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n';
    const dep = deployment.replace('      {{- with .Values.podAnnotations }}', '      annotations:\n        checksum/config: {{ include (print $.Template.BasePath "/cm.yaml") . | sha256sum }}\n      {{- with .Values.podAnnotationsUnused }}');
    const tree = memoryTree(demoChart(DIR, { [`${DIR}/templates/cm.yaml`]: cm, [`${DIR}/templates/deployment.yaml`]: dep }));
    const { objects, errors } = await renderChart(tree, DIR);
    expect(errors).toEqual([]);
    expect(at(byKind(objects, 'Deployment').value, 'spec', 'template', 'metadata', 'annotations', 'checksum/config')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('.Files reads files inside the chart, with Glob/AsConfig', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n{{ (.Files.Glob "config/*.conf").AsConfig | indent 2 }}\n  one: {{ .Files.Get "config/a.conf" | quote }}\n';
    const tree = memoryTree({ ...demoChart(), [`${DIR}/templates/cm.yaml`]: cm, [`${DIR}/config/a.conf`]: 'a=1', [`${DIR}/config/b.conf`]: 'b=2' });
    const { objects, errors } = await renderChart(tree, DIR);
    expect(errors).toEqual([]);
    expect(byKind(objects, 'ConfigMap').value.data).toEqual({ 'a.conf': 'a=1', 'b.conf': 'b=2', one: 'a=1' });
  });

  test('env and expandenv are refused', async () => {
    const tpl = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ env "HOME" }}\n';
    const tree = memoryTree({ ...demoChart(), [`${DIR}/templates/env.yaml`]: tpl });
    const { errors } = await renderChart(tree, DIR);
    expect(errors).toEqual([{ path: `${DIR}/templates/env.yaml`, reason: 'line 4: env is not allowed: templates are rendered without access to the environment', scanner: 'manifests' }]);
  });

  test('recursive include hits the depth limit; runaway loops hit the step budget', async () => {
    const loop = '{{- define "x" }}{{ include "x" . }}{{ end }}{{ include "x" . }}';
    const spin = '{{ range until 10000 }}{{ range until 10000 }}{{ end }}{{ end }}';
    const tree = memoryTree({ ...demoChart(), [`${DIR}/templates/loop.yaml`]: loop, [`${DIR}/templates/spin.yaml`]: spin });
    const { errors } = await renderChart(tree, DIR, { limits: { maxSteps: 50_000 } });
    expect(errors.map((e) => [e.path, e.reason])).toEqual([
      [`${DIR}/templates/loop.yaml`, expect.stringContaining('nesting deeper than 100')],
      [`${DIR}/templates/spin.yaml`, expect.stringContaining('budget of 50000 evaluation steps')],
    ]);
  });

  test('output size limit and unsupported constructs give per-file errors', async () => {
    const big = '{{ range until 5000 }}0123456789{{ end }}';
    const odd = 'a: 1\nb: {{ frobnicate "x" }}\n';
    const broken = 'a: {{ if .Values.x }}\n';
    const tree = memoryTree({ ...demoChart(), [`${DIR}/templates/big.yaml`]: big, [`${DIR}/templates/odd.yaml`]: odd, [`${DIR}/templates/broken.yaml`]: broken });
    const { errors } = await renderChart(tree, DIR, { limits: { maxOutput: 10_000 } });
    expect(errors.map((e) => [e.path, e.reason])).toEqual([
      [`${DIR}/templates/broken.yaml`, expect.stringContaining('missing {{end}}')],
      [`${DIR}/templates/big.yaml`, expect.stringContaining('exceeds 10000 characters')],
      [`${DIR}/templates/odd.yaml`, 'line 2: unsupported function "frobnicate"'],
    ]);
  });
});

describe('hostile input', () => {
  test('deep nesting, huge printf widths and growing strings end as per-file errors', async () => {
    const deep = `{{ ${'('.repeat(20000)}1${')'.repeat(20000)} }}`;
    const wide = '{{ printf "%999999999d" 1 }}';
    const grow = '{{ $s := "ab" }}{{ range until 40 }}{{ $s = replace "a" $s $s }}{{ end }}{{ len $s }}';
    const tree = memoryTree({ ...demoChart(), [`${DIR}/templates/deep.yaml`]: deep, [`${DIR}/templates/wide.yaml`]: wide, [`${DIR}/templates/grow.yaml`]: grow });
    const { objects, errors } = await renderChart(tree, DIR);
    expect(errors.map((e) => e.path).sort()).toEqual([`${DIR}/templates/deep.yaml`, `${DIR}/templates/grow.yaml`, `${DIR}/templates/wide.yaml`]);
    expect(errors.find((e) => e.path.endsWith('grow.yaml'))?.reason).toMatch(/produced more than|budget/);
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['Deployment', 'Service']);
  });
});

describe('subcharts', () => {
  test('a subchart sees its section of the parent values plus globals; positions follow the overriding file', async () => {
    const files = {
      ...demoChart('app'),
      'app/values.yaml': `${values}global:\n  registry: example.io\nredis:\n  securityContext:\n    privileged: true\n`,
      'app/charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.0.0\n',
      'app/charts/redis/values.yaml': 'securityContext:\n  privileged: false\n  runAsNonRoot: true\nglobal:\n  registry: docker.io\n',
      'app/charts/redis/templates/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Template.Name | sillyFunction }}\nspec:\n  containers:\n    - name: redis\n      image: {{ .Values.global.registry }}/redis\n      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n',
    };
    const { objects, errors } = await renderChart(memoryTree(files), 'app');
    expect(errors).toEqual([expect.objectContaining({ path: 'app/charts/redis/templates/pod.yaml', reason: expect.stringContaining('unsupported function "sillyFunction"') })]);
    const fixed = { ...files, 'app/charts/redis/templates/pod.yaml': files['app/charts/redis/templates/pod.yaml'].replace(' | sillyFunction', '') };
    const again = await renderChart(memoryTree(fixed), 'app');
    expect(again.errors).toEqual([]);
    const pod = byKind(again.objects, 'Pod');
    expect(at(pod.value, 'metadata', 'name')).toBe('demo/charts/redis/templates/pod.yaml');
    expect(at(pod.value, 'spec', 'containers', 0, 'image')).toBe('example.io/redis');
    expect(at(pod.value, 'spec', 'containers', 0, 'securityContext')).toEqual({ privileged: true, runAsNonRoot: true });
    expect(pod.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toMatchObject({ path: 'app/values.yaml', line: values.split('\n').length - 1 + 5 });
    expect(pod.locate(['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'])).toMatchObject({ path: 'app/charts/redis/values.yaml', line: 3 });
    void objects;
  });
});

describe('renderChangedCharts', () => {
  test('a change to values.yaml alone renders its chart; files outside charts are not consumed', async () => {
    const tree = memoryTree({ ...demoChart(), 'k8s/plain.yaml': 'kind: Pod\n' });
    const targets = [
      { path: `${DIR}/values.yaml`, content: values, addedLines: new Set([20]) },
      { path: 'k8s/plain.yaml', content: 'kind: Pod\n', addedLines: null },
    ];
    const { objects, errors, consumed } = await renderChangedCharts(targets, tree, {});
    expect(errors).toEqual([]);
    expect([...consumed]).toEqual([`${DIR}/values.yaml`]);
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['Deployment', 'Service']);
  });

  test('a changed subchart template renders the parent chart once', async () => {
    const files = {
      ...demoChart('app'),
      'app/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
      'app/charts/sub/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\n',
    };
    const targets = [
      { path: 'app/charts/sub/templates/cm.yaml', content: '', addedLines: null },
      { path: 'app/templates/service.yaml', content: '', addedLines: null },
    ];
    const { objects, consumed } = await renderChangedCharts(targets, memoryTree(files), {});
    expect(objects.map((o) => o.value.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Service']);
    expect(consumed.size).toBe(2);
  });
});
