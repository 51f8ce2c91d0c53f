import { renderedSources } from '../../src/scanners/manifests/rendered.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { demoChart } from '../helm/fixtures.js';

test('charts and kustomizations touched by a change come back together with what they consumed', async () => {
  const files = {
    ...demoChart('chart'),
    'k/kustomization.yaml': 'resources:\n  - cm.yaml\nnamePrefix: x-\n',
    'k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    'plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n',
  };
  const targets = ['chart/values.yaml', 'k/cm.yaml', 'k/kustomization.yaml', 'plain.yaml'].map((path) => ({ path, content: files[path as keyof typeof files], addedLines: null }));
  const { objects, errors, consumed } = await renderedSources(targets, memoryTree(files));
  expect(errors).toEqual([]);
  expect(objects.map((o) => `${o.renderedBy}:${String(o.value.kind)}`).sort()).toEqual(['helm:Deployment', 'helm:Service', 'kustomize:ConfigMap']);
  expect([...consumed].sort()).toEqual(['chart/values.yaml', 'k/kustomization.yaml']);
});
