// Subcharts: findings land where a reviewer can act. Packaged (charts/*.tgz): on the parent's
// values.yaml line when the value comes from its `<subchart>:` section, otherwise on the subchart's
// `dependencies` entry in the parent's Chart.yaml, naming the member of the archive. Unpacked: on
// their own files.
import { renderedSources } from '../../src/scanners/manifests/rendered.js';
import { builtinManifestRules } from '../../src/scanners/manifests/rules.js';
import { checkObjects } from '../../src/scanners/manifests/scan.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { lineOf } from './fixtures.js';
import { tgz } from './tgz.js';

const redisTemplate = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .Release.Name }}-redis
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2.4
          securityContext:
            privileged: {{ .Values.privileged }}
            allowPrivilegeEscalation: true
`;
const redis = {
  'redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.2.3\n',
  'redis/values.yaml': 'privileged: false\n',
  'redis/templates/statefulset.yaml': redisTemplate,
};
const chartYaml = 'apiVersion: v2\nname: shop\nversion: 0.1.0\ndependencies:\n  - name: postgres\n    version: 9.x\n  - name: redis\n    version: 1.2.3\n    repository: https://charts.example.com\n';

async function findings(files: Record<string, string | Uint8Array>, changed: string) {
  const content = typeof files[changed] === 'string' ? (files[changed] as string) : '';
  const { objects, errors } = await renderedSources([{ path: changed, content, addedLines: null }], memoryTree(files));
  expect(errors).toEqual([]);
  return checkObjects(objects, builtinManifestRules().compiled);
}

test('packaged: a value from the parent values.yaml lands there; a template field lands on the dependencies entry, naming the member', async () => {
  const values = 'redis:\n  privileged: true\n';
  const files = { 'shop/Chart.yaml': chartYaml, 'shop/values.yaml': values, 'shop/charts/redis-1.2.3.tgz': tgz(redis) };
  const all = await findings(files, 'shop/values.yaml');
  const privileged = all.find((f) => f.ruleId === 'pss-privileged');
  expect(privileged).toMatchObject({ path: 'shop/values.yaml', startLine: lineOf(values, 'privileged: true') });
  expect(privileged!.message).not.toContain('.tgz');
  const escalation = all.filter((f) => f.ruleId === 'pss-allow-privilege-escalation');
  expect(escalation).toHaveLength(1);
  expect(escalation[0]).toMatchObject({ path: 'shop/Chart.yaml', startLine: lineOf(chartYaml, '- name: redis') });
  expect(escalation[0]!.message).toContain(`(in charts/redis-1.2.3.tgz: redis/templates/statefulset.yaml:${lineOf(redisTemplate, 'allowPrivilegeEscalation')})`);
  expect(escalation[0]!.fix).toBeUndefined();
  // nothing is reported on the binary archive itself
  expect(all.some((f) => f.path.endsWith('.tgz'))).toBe(false);
});

test('packaged: a value from the subchart\'s own values.yaml also goes to the dependencies entry', async () => {
  const files = { 'shop/Chart.yaml': chartYaml, 'shop/values.yaml': 'redis:\n  privileged: true\n', 'shop/charts/redis-1.2.3.tgz': tgz({ ...redis, 'redis/values.yaml': 'privileged: true\n' }) };
  const unset = { ...files, 'shop/values.yaml': 'replicas: 1\n' };
  const privileged = (await findings(unset, 'shop/values.yaml')).find((f) => f.ruleId === 'pss-privileged');
  expect(privileged).toMatchObject({ path: 'shop/Chart.yaml', startLine: lineOf(chartYaml, '- name: redis') });
  expect(privileged!.message).toContain('(in charts/redis-1.2.3.tgz: redis/values.yaml:1)');
});

test('unpacked subchart directories map to their own files', async () => {
  const files = {
    'shop/Chart.yaml': chartYaml,
    'shop/values.yaml': 'redis:\n  privileged: true\n',
    'shop/charts/redis/Chart.yaml': redis['redis/Chart.yaml'],
    'shop/charts/redis/values.yaml': redis['redis/values.yaml'],
    'shop/charts/redis/templates/statefulset.yaml': redisTemplate,
  };
  const all = await findings(files, 'shop/charts/redis/templates/statefulset.yaml');
  expect(all.find((f) => f.ruleId === 'pss-privileged')).toMatchObject({ path: 'shop/values.yaml', startLine: 2 });
  expect(all.find((f) => f.ruleId === 'pss-allow-privilege-escalation')).toMatchObject({
    path: 'shop/charts/redis/templates/statefulset.yaml',
    startLine: lineOf(redisTemplate, 'allowPrivilegeEscalation'),
  });
  expect(all.every((f) => !f.message.includes('(in '))).toBe(true);
});
