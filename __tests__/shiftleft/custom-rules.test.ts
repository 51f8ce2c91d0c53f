import { main } from '../../src/commands/main.js';
import { realScannersIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';

const deployment = (namespace: string, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
  labels:
${labels}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.25.3
`;

const RULE = (failSample: string) => `id: prod-deployment-pdb-label
scanner: manifests
title: Production Deployments carry a pdb label
severity: high
description: Every Deployment in namespace prod names its PodDisruptionBudget in a pdb label.
remediation: Add metadata.labels.pdb naming the PodDisruptionBudget.
check:
  kinds: [Deployment]
  when: { path: $object.metadata.namespace, equals: prod }
  require: { path: $object.metadata.labels.pdb, exists: true }
  message: Deployment {name} in prod has no pdb label
samples:
  - name: prod with a pdb label
    expect: pass
    content: |
${deployment('prod', '    app: web\n    pdb: web-pdb').replace(/^/gm, '      ')}
  - name: staging needs none
    expect: pass
    content: |
${deployment('staging', '    app: web').replace(/^/gm, '      ')}
  - name: prod without one
    expect: fail
    content: |
${failSample.replace(/^/gm, '      ')}
`;

describe('custom rules (.shiftguard/rules) and test-rules', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir();
  });
  afterEach(() => repo.remove());

  test('the rule\'s own samples pass test-rules; a broken sample makes it fail', async () => {
    repo.write('.shiftguard/rules/pdb.yaml', RULE(deployment('prod', '    app: web')));
    const ok = realScannersIo(repo.root);
    expect(await main(['test-rules'], ok.io)).toBe(0);
    expect(ok.stdout()).toContain('prod-deployment-pdb-label (.shiftguard/rules/pdb.yaml)');
    expect(ok.stdout()).toContain('✓ invalid: prod without one');
    expect(ok.stdout()).toContain('3 passed, 0 failed, 1 rule');

    // The "fail" sample actually has the label: the rule finds nothing there, and test-rules says so.
    repo.write('.shiftguard/rules/pdb.yaml', RULE(deployment('prod', '    app: web\n    pdb: oops')));
    const broken = realScannersIo(repo.root);
    expect(await main(['test-rules'], broken.io)).toBe(1);
    expect(broken.stdout()).toContain('✗ invalid: prod without one\n      expected a finding, got none');
    expect(broken.stdout()).toContain('2 passed, 1 failed, 1 rule');
  });

  test('scan runs the custom rule beside the built-in ones', async () => {
    repo.write('.shiftguard/rules/pdb.yaml', RULE(deployment('prod', '    app: web')));
    repo.write('k8s/web.yaml', deployment('prod', '    app: web'));
    const run = realScannersIo(repo.root);
    await main(['scan', '--scanners', 'manifests', '--format', 'json'], run.io);
    const report = JSON.parse(run.stdout()) as { findings: { ruleId: string; path: string; message: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'prod-deployment-pdb-label')).toEqual([
      expect.objectContaining({ path: 'k8s/web.yaml', message: 'Deployment web in prod has no pdb label' }),
    ]);
  });

  test('a custom secrets rule: pattern + keywords', async () => {
    repo.write(
      '.shiftguard/rules/acme.yaml',
      `id: acme-token
scanner: secrets
title: ACME token
severity: high
description: ACME internal API token.
remediation: Rotate it.
check: { keywords: [acme_], pattern: '\\b(acme_[a-z0-9]{24})\\b', entropy: 3 }
samples:
  - { name: token, expect: fail, content: 'token = acme_q8w7e6r5t4y3u2i1o9p8a7s6', lines: [1] } # shiftguard:ignore generic-api-key fake sample of the custom rule
  - { name: env, expect: pass, content: 'token = process.env.ACME' }
`,
    );
    const run = realScannersIo(repo.root);
    expect(await main(['test-rules'], run.io)).toBe(0);
    expect(run.stdout()).toContain('2 passed, 0 failed');
  });

  test('an invalid rule is exit 2 naming the file and field', async () => {
    repo.write('.shiftguard/rules/bad.yaml', RULE(deployment('prod', '    app: web')).replace('require:', 'requires:'));
    repo.write('k8s/web.yaml', deployment('prod', '    app: web'));
    const run = realScannersIo(repo.root);
    expect(await main(['scan', '--scanners', 'manifests'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/custom rule \.shiftguard\/rules\/bad\.yaml: check/);
    const tr = realScannersIo(repo.root);
    expect(await main(['test-rules'], tr.io)).toBe(2);
  });
});
