// Rules that make no sense for rendered output skip it: a Helm chart's objects get their namespace at
// install time, so "in the default namespace" is not a finding there; a kustomization's namespace is
// its own, so Kustomize output keeps the check.
import { compileCheck } from '../../src/scanners/manifests/engine/compile.js';
import { renderedSources } from '../../src/scanners/manifests/rendered.js';
import { builtinManifestRules, compileRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import type { LoadedRule } from '../../src/rules/load.js';
import { memoryTree } from '../helpers/memory-tree.js';

const chart = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'image: shop/web:1.4.2\n',
  'charts/web/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-web\n  namespace: {{ .Release.Namespace }}\ndata:\n  mode: prod\n',
  'charts/web/templates/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}-web\n',
};

const overlay = (namespace: string) => ({
  'deploy/base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: prod\n',
  'deploy/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
  'deploy/prod/kustomization.yaml': `resources:\n  - ../base\n${namespace}`,
});

async function findingsOf(files: Record<string, string>, changed: string, ruleId: string) {
  const { objects, errors } = await renderedSources([{ path: changed, content: files[changed]!, addedLines: null }], memoryTree(files));
  expect(errors).toEqual([]);
  expect(objects.length).toBeGreaterThan(0);
  return checkObjects(objects, builtinManifestRules().compiled).filter((f) => f.ruleId === ruleId);
}

test('Helm-rendered objects are not in the "default namespace", with or without .Release.Namespace', async () => {
  expect(await findingsOf(chart, 'charts/web/values.yaml', 'default-namespace')).toEqual([]);
});

test('Kustomize output without a namespace field is still flagged; with one it is not', async () => {
  const without = await findingsOf(overlay(''), 'deploy/prod/kustomization.yaml', 'default-namespace');
  expect(without.map((f) => [f.path, f.startLine])).toEqual([['deploy/base/cm.yaml', 3]]);
  expect(await findingsOf(overlay('namespace: shop\n'), 'deploy/prod/kustomization.yaml', 'default-namespace')).toEqual([]);
  // namespace: default in the overlay is reported on the overlay's line
  const explicit = await findingsOf(overlay('namespace: default\n'), 'deploy/prod/kustomization.yaml', 'default-namespace');
  expect(explicit.map((f) => [f.path, f.startLine])).toEqual([['deploy/prod/kustomization.yaml', 3]]);
});

describe('skipRenderedBy is a general check field', () => {
  const rule = (check: unknown): LoadedRule => ({
    id: 'test-configmap', scanner: 'manifests', title: 't', severity: 'low', description: 'd', remediation: 'r',
    references: [], tags: [], check, samples: [], file: 'rules/manifests/test.yaml',
  }) as LoadedRule;

  test('declarative and template checks accept it; unknown builders are rejected naming the field', () => {
    expect(compileCheck(rule({ skipRenderedBy: ['kustomize'], kinds: ['ConfigMap'], violation: { path: 'data', absent: true }, message: 'x' })).skipRenderedBy).toEqual(new Set(['kustomize']));
    expect(compileCheck(rule({ template: 'namespace-without-network-policy', skipRenderedBy: ['helm'] })).skipRenderedBy).toEqual(new Set(['helm']));
    expect(() => compileCheck(rule({ skipRenderedBy: ['jsonnet'], violation: { path: 'data', absent: true }, message: 'x' }))).toThrow(/skipRenderedBy/);
  });

  test('a rule skipping Kustomize output still checks Helm output and plain objects', async () => {
    const compiled = compileRules([rule({ skipRenderedBy: ['kustomize'], kinds: ['ConfigMap'], violation: { path: 'data.mode', equals: 'prod' }, message: 'prod' })]).compiled;
    const files = { ...chart, ...overlay('') };
    const { objects } = await renderedSources(
      ['charts/web/values.yaml', 'deploy/prod/kustomization.yaml'].map((path) => ({ path, content: files[path as keyof typeof files]!, addedLines: null })),
      memoryTree(files),
    );
    const paths = checkObjects(objects, compiled).map((f) => f.path);
    expect(paths).toEqual(['charts/web/templates/cm.yaml']);
  });
});

describe('namespace-without-network-policy on a Helm chart: the release namespace, covered only by the chart', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop/web:1.4.2\n';
  const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
  const run = async (files: Record<string, string>, background: Record<string, string> = {}) => {
    const { objects } = await renderedSources([{ path: 'charts/web/values.yaml', content: files['charts/web/values.yaml']!, addedLines: null }], memoryTree(files));
    const { parseManifests } = await import('../../src/scanners/manifests/yaml/parse.js');
    const others = Object.entries(background).flatMap(([path, text]) => parseManifests(path, text).objects);
    return checkObjects(objects, builtinManifestRules().compiled, others).filter((f) => f.ruleId === 'namespace-without-network-policy');
  };

  test('a chart without a NetworkPolicy is reported as such; a policy in the plain "default" namespace does not cover it', async () => {
    const files = { ...chart, 'charts/web/templates/deployment.yaml': deployment };
    const found = await run(files, { 'deploy/default-deny.yaml': policy });
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('The release namespace of chart "charts/web" runs workloads (Deployment "release-name-web") but the chart ships no NetworkPolicy; add a default-deny policy.');
  });

  test('a chart shipping its own NetworkPolicy is covered', async () => {
    expect(await run({ ...chart, 'charts/web/templates/deployment.yaml': deployment, 'charts/web/templates/netpol.yaml': policy })).toEqual([]);
  });
});
