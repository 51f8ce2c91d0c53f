import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildDirectoryChangeSet } from '../../src/changes/directoryChangeSet.js';
import { TempDir } from '../helpers/tempRepo.js';

function layout(dir: TempDir): void {
  dir.write('.gitignore', 'build/\n*.log\n');
  dir.write('app/deploy.yaml', 'kind: Pod\n');
  dir.write('app/.gitignore', 'local.yaml\n!keep.log\n');
  dir.write('app/local.yaml', 'x\n');
  dir.write('app/keep.log', 'kept\n');
  dir.write('build/out.yaml', 'x\n');
  dir.write('debug.log', 'x\n');
  dir.write('node_modules/pkg/index.js', 'x\n');
}

describe('buildDirectoryChangeSet', () => {
  let dir: TempDir;
  let outside: TempDir;
  beforeEach(() => {
    dir = new TempDir();
    outside = new TempDir();
    outside.write('secret.txt', 'outside\n');
  });
  afterEach(() => {
    dir.remove();
    outside.remove();
  });

  test.each([
    ['outside git: listings stay within the scanned paths', false, ['app/.gitignore', 'app/deploy.yaml', 'app/keep.log', 'app/local.yaml']],
    ['inside git: the whole repository is context', true, null],
  ])('%s', async (_name, isRepo, expected) => {
    layout(dir);
    dir.write('elsewhere/policy.yaml', 'kind: NetworkPolicy\n');
    if (isRepo) dir.init();
    const changes = await buildDirectoryChangeSet({ root: dir.root, paths: ['app'] });
    expect(changes.files.map((f) => f.path)).toEqual(['app/.gitignore', 'app/deploy.yaml', 'app/keep.log']);
    const listed = await changes.head.list('');
    if (expected) expect(listed).toEqual(expected);
    else expect(listed).toContain('elsewhere/policy.yaml');
  });

  test.each([
    ['outside git (own .gitignore walker)', false],
    ['inside git (git ls-files)', true],
  ])('%s: every file is wholly changed, ignored ones are not listed', async (_name, isRepo) => {
    layout(dir);
    if (isRepo) dir.init();
    const changes = await buildDirectoryChangeSet({ root: dir.root });
    expect(changes.files.map((f) => f.path)).toEqual(['.gitignore', 'app/.gitignore', 'app/deploy.yaml', 'app/keep.log']);
    expect(changes.files.every((f) => f.addedLines === null && f.status === 'added')).toBe(true);
    expect(changes.base).toBeNull();
  });

  test('symlinks out of the root are skipped, symlinks inside are followed', async () => {
    dir.write('real.yaml', 'inside\n');
    symlinkSync(join(outside.root, 'secret.txt'), join(dir.root, 'escape.txt'));
    symlinkSync(outside.root, join(dir.root, 'escape-dir'));
    symlinkSync('real.yaml', join(dir.root, 'alias.yaml'));
    const changes = await buildDirectoryChangeSet({ root: dir.root });
    expect(changes.files.map((f) => f.path)).toEqual(['alias.yaml', 'real.yaml']);
    expect(changes.skipped.map((s) => s.path)).toEqual(['escape-dir', 'escape.txt']);
    expect(changes.skipped[1]!.reason).toMatch(/outside the scanned root/);
    expect(await changes.head.read('escape.txt')).toBeNull();
    expect(await changes.head.read('../x')).toBeNull();
  });

  test('a link to a directory inside the root, or a broken link, loses nothing: skipped as such, not as an error', async () => {
    mkdirSync(join(dir.root, 'charts'));
    dir.write('charts/values.yaml', 'x: 1\n');
    symlinkSync('charts', join(dir.root, 'charts-link'));
    symlinkSync('gone.yaml', join(dir.root, 'dangling.yaml'));
    symlinkSync(outside.root, join(dir.root, 'escape-dir'));
    const changes = await buildDirectoryChangeSet({ root: dir.root });
    expect(changes.files.map((f) => f.path)).toEqual(['charts/values.yaml']);
    expect(changes.skipped).toEqual([
      { path: 'charts-link', reason: 'symlink to a directory; not followed (its target is scanned in place)', nothingLost: true },
      { path: 'dangling.yaml', reason: 'broken symlink; nothing to scan', nothingLost: true },
      { path: 'escape-dir', reason: 'symlink points outside the scanned root; not followed' },
    ]);
  });

  test('paths narrow the scan; a file named explicitly is scanned even if ignored', async () => {
    layout(dir);
    mkdirSync(join(dir.root, 'other'));
    dir.write('other/b.yaml', 'x\n');
    const changes = await buildDirectoryChangeSet({ root: dir.root, paths: ['app', 'debug.log'] });
    expect(changes.files.map((f) => f.path)).toEqual(['app/.gitignore', 'app/deploy.yaml', 'app/keep.log', 'debug.log']);
  });

  test('missing or outside paths are user errors', async () => {
    await expect(buildDirectoryChangeSet({ root: dir.root, paths: ['nope'] })).rejects.toThrow('path not found: nope');
    await expect(buildDirectoryChangeSet({ root: dir.root, paths: [outside.root] })).rejects.toThrow(/outside the scanned root/);
  });
});
