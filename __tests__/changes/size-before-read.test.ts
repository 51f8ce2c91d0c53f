import { buildDirectoryChangeSet } from '../../src/changes/directoryChangeSet.js';
import { buildGitChangeSet } from '../../src/changes/gitChangeSet.js';
import { apiFileTree } from '../../src/changes/github-api.js';
import { buildStagedChangeSet } from '../../src/changes/stagedChangeSet.js';
import { defaultConfig } from '../../src/config.js';
import { createGitHubClient } from '../../src/github/client.js';
import type { ChangeSet, FileTree, Scanner } from '../../src/model.js';
import { runScan } from '../../src/run.js';
import { badWordScanner, testServices } from '../helpers/fakeScanner.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { TempDir } from '../helpers/tempRepo.js';

const BIG = `big: BAD ${'x'.repeat(4000)}\n`;
const SMALL = 'small: BAD\n';
const LIMIT = 1000;

/** The tree with every read recorded, so a test can prove a file was never loaded. */
function spied(tree: FileTree, reads: string[]): FileTree {
  const size = tree.size?.bind(tree);
  return {
    read: (path) => {
      reads.push(path);
      return tree.read(path);
    },
    list: (dir) => tree.list(dir),
    ...(size ? { size } : {}),
  };
}

async function scanWithLimit(changeSet: ChangeSet) {
  const reads: string[] = [];
  const report = await runScan({
    changeSet: { ...changeSet, head: spied(changeSet.head, reads) },
    config: { ...defaultConfig(), maxFileBytes: LIMIT },
    scanners: ['manifests'],
    services: testServices(),
    scannerImpls: { manifests: badWordScanner() },
  });
  return { report, reads };
}

function expectRefusedUnread(result: Awaited<ReturnType<typeof scanWithLimit>>): void {
  const { report, reads } = result;
  expect(reads).not.toContain('big.yaml');
  expect(report.errors).toEqual([
    { path: 'big.yaml', reason: `file is too large (${Buffer.byteLength(BIG)} bytes, limit ${LIMIT}; see maxFileBytes); not read`, scanner: 'manifests' },
  ]);
  // The run went on: the small file's finding is there.
  expect(report.findings.map((f) => f.path)).toEqual(['small.yaml']);
}

describe('a file over maxFileBytes is refused by its size, before any byte is read', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir().init();
    repo.write('README.md', 'x\n').commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
  });
  afterEach(() => repo.remove());

  test('directory tree: size from stat', async () => {
    repo.write('big.yaml', BIG).write('small.yaml', SMALL);
    const changeSet = await buildDirectoryChangeSet({ root: repo.root });
    expect(await changeSet.head.size?.('big.yaml')).toBe(Buffer.byteLength(BIG));
    expect(await changeSet.head.size?.('nope.yaml')).toBeNull();
    expectRefusedUnread(await scanWithLimit(changeSet));
  });

  test('git commit tree: size from ls-tree -l', async () => {
    repo.write('big.yaml', BIG).write('small.yaml', SMALL).commit('head');
    const changeSet = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    expect(await changeSet.head.size?.('big.yaml')).toBe(Buffer.byteLength(BIG));
    expect(await changeSet.base?.size?.('README.md')).toBe(2);
    expect(await changeSet.base?.size?.('big.yaml')).toBeNull();
    expectRefusedUnread(await scanWithLimit(changeSet));
  });

  test('git index: size from cat-file --batch-check', async () => {
    repo.write('big.yaml', BIG).write('small.yaml', SMALL);
    repo.git('add', '-A');
    const changeSet = await buildStagedChangeSet({ root: repo.root });
    const [big, small] = await Promise.all([changeSet.head.size?.('big.yaml'), changeSet.head.size?.('small.yaml')]);
    expect([big, small]).toEqual([Buffer.byteLength(BIG), Buffer.byteLength(SMALL)]);
    expectRefusedUnread(await scanWithLimit(changeSet));
  });

  test('GitHub API tree: size from the trees API, one call for all look-ups', async () => {
    const fake = new FakeGitHub();
    await fake.start();
    try {
      fake.trees.abc = { 'big.yaml': BIG, 'dir/small.yaml': SMALL };
      const client = createGitHubClient({ token: 't', baseUrl: fake.url, log: () => undefined, writeSpacingMs: 0, retryBaseMs: 1 });
      const tree = apiFileTree(client, { owner: 'octo', repo: 'app' }, 'abc');
      expect(await tree.size?.('big.yaml')).toBe(Buffer.byteLength(BIG));
      expect(await tree.size?.('dir/small.yaml')).toBe(Buffer.byteLength(SMALL));
      expect(await tree.size?.('gone.yaml')).toBeNull();
      expect(await tree.list('dir')).toEqual(['dir/small.yaml']);
      expect(fake.calls.filter((c) => c.path.includes('/git/trees/'))).toHaveLength(1);
      expect(fake.calls.some((c) => c.path.includes('/contents/'))).toBe(false);
    } finally {
      await fake.stop();
    }
  });

  test('a tree that cannot tell the size still refuses the file after reading it', async () => {
    repo.write('big.yaml', BIG).write('small.yaml', SMALL);
    const changeSet = await buildDirectoryChangeSet({ root: repo.root });
    const head: FileTree = { read: (p) => changeSet.head.read(p), list: (d) => changeSet.head.list(d) };
    const { report } = await scanWithLimit({ ...changeSet, head });
    expect(report.errors).toEqual([{ path: 'big.yaml', reason: `file is too large (${Buffer.byteLength(BIG)} bytes, limit ${LIMIT}; see maxFileBytes)`, scanner: 'manifests' }]);
    expect(report.findings.map((f) => f.path)).toEqual(['small.yaml']);
  });

  test('a neighbour a scanner reads through the tree (a chart\'s values) is refused by size too, named once', async () => {
    repo.write('chart/values.yaml', BIG).write('chart/templates/pod.yaml', SMALL);
    const changeSet = await buildDirectoryChangeSet({ root: repo.root, paths: ['chart/templates'] });
    const reads: string[] = [];
    const seen: Array<Uint8Array | null> = [];
    const base = badWordScanner();
    const neighbourReader: Scanner = { ...base, scan: async (input) => (seen.push(await input.tree.read('chart/values.yaml')), base.scan(input)) };
    const report = await runScan({
      changeSet: { ...changeSet, head: spied(changeSet.head, reads) },
      config: { ...defaultConfig(), maxFileBytes: LIMIT },
      scanners: ['manifests'],
      services: testServices(),
      scannerImpls: { manifests: neighbourReader },
    });
    expect(seen).toEqual([null]);
    expect(reads).not.toContain('chart/values.yaml');
    expect(report.errors).toEqual([{ path: 'chart/values.yaml', reason: expect.stringMatching(/too large .*; not read$/), scanner: 'manifests' }]);
    expect(report.findings.map((f) => f.path)).toEqual(['chart/templates/pod.yaml']);
  });
});
