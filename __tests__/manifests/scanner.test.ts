import type { FileTree } from '../../src/model.js';
import { memoryTree } from '../helpers/memory-tree.js';
import { scanFiles } from './helpers.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop/web:1.4.2
`;
const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}}\n';

describe('manifests scanner', () => {
  it('counts NetworkPolicies in unchanged files of the repository', async () => {
    const scan = (tree: FileTree) => scanFiles({ 'app/deploy.yaml': deployment }, tree);
    const without = await scan(memoryTree({ 'app/deploy.yaml': deployment }));
    expect(without.findings.filter((f) => f.ruleId === 'namespace-without-network-policy')).toHaveLength(1);
    const withPolicy = await scan(memoryTree({ 'app/deploy.yaml': deployment, 'net/policy.yaml': policy }));
    expect(withPolicy.findings.filter((f) => f.ruleId === 'namespace-without-network-policy')).toHaveLength(0);
  });

  it('names the first workload of a namespace without a policy, whatever the order of files and policies', async () => {
    const workload = (name: string, namespace: string) => deployment.replace('name: web', `name: ${name}`).replace('namespace: shop', `namespace: ${namespace}`);
    const files = {
      'a/first.yaml': workload('first', 'shop'),
      'b/second.yaml': workload('second', 'shop'),
      'c/api.yaml': workload('api', 'pay'),
      'd/policy.yaml': policy.replace('namespace: shop', 'namespace: pay'),
      'e/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n',
    };
    const out = await scanFiles(files, memoryTree(files));
    const missing = out.findings.filter((f) => f.ruleId === 'namespace-without-network-policy');
    expect(missing.map((f) => [f.path, f.resource])).toEqual([['a/first.yaml', 'Deployment/shop/first']]);
    expect(missing[0]?.message).toContain('Deployment "first"');
    expect(out.stats?.objects).toBe(5);
  });

  it('keeps going past a broken file and reports it', async () => {
    const out = await scanFiles({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n', 'good.yaml': deployment });
    expect(out.errors).toEqual([{ path: 'bad.yaml', reason: expect.stringContaining('invalid YAML'), scanner: 'manifests' }]);
    expect(out.findings.some((f) => f.path === 'good.yaml')).toBe(true);
  });

  it('finds pod specs in CronJobs, custom kinds with spec.template.spec, and every container list', async () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext: {privileged: true}
`;
    const custom = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      hostPID: true
      containers: [{name: app, image: shop/web:1.4.2}]
`;
    const out = await scanFiles({ 'cron.yaml': cron, 'rollout.yaml': custom });
    expect(out.findings.find((f) => f.ruleId === 'pss-privileged')).toMatchObject({ path: 'cron.yaml', startLine: 12, resource: 'CronJob/ops/nightly' });
    expect(out.findings.find((f) => f.ruleId === 'pss-host-pid')).toMatchObject({ path: 'rollout.yaml', startLine: 7, resource: 'Rollout/shop/web' });
  });
});
