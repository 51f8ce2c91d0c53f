import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/commands/main.js';
import type { Finding, Summary } from '../../src/model.js';
import { parseShard, shardKeys } from '../../src/shard/shard.js';
import { GOOD_TOKEN, PRIVILEGED_POD } from '../hardening/run-case.js';
import { realScannersIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';

const key = (f: Finding) => `${f.path}:${f.startLine}:${f.ruleId}:${f.fingerprint}`;

describe('sharded scan over a simulated workflow matrix', () => {
  let dir: TempDir;
  let out: TempDir;
  // Reports go outside the scanned tree, or a later shard would scan an earlier one's report.
  const at = (name: string) => join(out.root, name);
  beforeAll(() => {
    out = new TempDir();
    dir = new TempDir();
    for (let i = 0; i < 12; i++) {
      dir.write(`svc${i}/.env`, i % 3 === 0 ? `TOKEN=${GOOD_TOKEN}\n` : `PLAIN=${i}\n`);
      // namespace-without-network-policy looks across files (one finding per namespace, on the first
      // file), so a shard without the policy would see its own "first" file: the documented limit of
      // sharding. Each file carries the policy, as a namespace's own directory would.
      const policy = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n';
      dir.write(`svc${i}/pod.yaml`, `${i % 2 === 0 ? PRIVILEGED_POD : 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\n'}${policy}`);
    }
    dir.write('bad.yaml', new Uint8Array([0x61, 0x3a, 0xc3, 0x28]));
  });
  afterAll(() => {
    dir.remove();
    out.remove();
  });

  test('3 shards merged equal one unsharded run: same findings, errors and verdict', async () => {
    const whole = realScannersIo(dir.root);
    expect(await main(['scan', '--format', 'json', '--output', at('whole.json')], whole.io)).toBe(1);
    const sizes: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const shard = realScannersIo(dir.root);
      const code = await main(['scan', '--format', 'json', '--shard', `${i}/3`, '--output', at(`shard-${i}.json`)], shard.io);
      expect([0, 1]).toContain(code);
      sizes.push((JSON.parse(readFileSync(at(`shard-${i}.json`), 'utf8')) as { findings: unknown[] }).findings.length);
    }
    // Every shard did some of the work (the split is by a hash, so this fixture was checked to spread).
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    const merged = realScannersIo(dir.root);
    expect(await main(['merge', at('shard-1.json'), at('shard-2.json'), at('shard-3.json'), '--format', 'json'], merged.io)).toBe(1);
    const expected = JSON.parse(readFileSync(at('whole.json'), 'utf8')) as { findings: Finding[]; errors: unknown[]; summary: Summary };
    const actual = JSON.parse(merged.stdout()) as typeof expected;
    expect(actual.findings.map(key)).toEqual(expected.findings.map(key));
    expect(actual.errors).toEqual(expect.arrayContaining(expected.errors));
    expect(actual.errors).toHaveLength(expected.errors.length);
    expect(actual.summary).toEqual(expected.summary);
  });

  test('merging the same shard twice deduplicates; SARIF output works', async () => {
    const twice = realScannersIo(dir.root);
    await main(['merge', at('shard-1.json'), at('shard-1.json'), '--format', 'json'], twice.io);
    const once = JSON.parse(readFileSync(at('shard-1.json'), 'utf8')) as { findings: Finding[] };
    expect((JSON.parse(twice.stdout()) as { findings: Finding[] }).findings.map(key)).toEqual(once.findings.map(key));
    const sarif = realScannersIo(dir.root);
    await main(['merge', at('shard-1.json'), at('shard-2.json'), at('shard-3.json'), '--format', 'sarif'], sarif.io);
    expect((JSON.parse(sarif.stdout()) as { runs: unknown[] }).runs).toHaveLength(1);
  });

  test('bad input is a usage error (exit 2)', async () => {
    const bad = realScannersIo(dir.root);
    expect(await main(['scan', '--shard', '4/3'], bad.io)).toBe(2);
    expect(bad.stderr()).toContain('--shard');
    const notJson = realScannersIo(dir.root);
    expect(await main(['merge', 'svc1/.env'], notJson.io)).toBe(2);
    expect(() => parseShard('0/2')).toThrow('--shard');
  });

  test('a Helm chart or kustomization is sharded as one unit', () => {
    const keys = shardKeys(['charts/web/Chart.yaml', 'charts/web/templates/a.yaml', 'k/base/kustomization.yaml', 'k/base/x/y.yaml', 'lone.yaml']);
    expect(keys.get('charts/web/templates/a.yaml')).toBe('charts/web/');
    expect(keys.get('k/base/x/y.yaml')).toBe('k/base/');
    expect(keys.get('lone.yaml')).toBe('lone.yaml');
  });
});
