import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildGitChangeSet } from '../../src/changes/gitChangeSet.js';
import { UserError } from '../../src/errors.js';
import { TempDir } from '../helpers/tempRepo.js';

const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));

describe('buildGitChangeSet', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir().init();
    repo.write('keep.txt', 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n');
    repo.write('move-me.txt', 'one\ntwo\nthree\nfour\nfive\nsix\n');
    repo.write('gone.txt', 'bye\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
  });
  afterEach(() => repo.remove());

  test('a modified file lists added lines and GitHub-style commentable lines', async () => {
    repo.write('keep.txt', 'a\nb\nc\nd\nNEW\ne\nf\ng\nh\ni\nj\n').commit('edit');
    const changes = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    const file = changes.files.find((f) => f.path === 'keep.txt')!;
    expect(file.status).toBe('modified');
    expect([...file.addedLines!]).toEqual([5]);
    expect([...file.diffLines!].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  test('renames are followed and deleted files are left out', async () => {
    repo.git('mv', 'move-me.txt', 'moved.txt');
    repo.git('rm', '-q', 'gone.txt');
    repo.write('moved.txt', 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n').commit('rename');
    const changes = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'feature' });
    expect(changes.files.map((f) => [f.path, f.oldPath, f.status])).toEqual([['moved.txt', 'move-me.txt', 'renamed']]);
    expect([...changes.files[0]!.addedLines!]).toEqual([7]);
    expect(text(await changes.base!.read('move-me.txt'))).toContain('six');
    expect(text(await changes.head.read('moved.txt'))).toContain('seven');
  });

  test('binary files and symlinks are recorded as skipped', async () => {
    repo.write('image.png', new Uint8Array([0x89, 0x50, 0x00, 0x01, 0x02]));
    symlinkSync('/etc/passwd', join(repo.root, 'link'));
    repo.commit('binary');
    const changes = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    expect(changes.files).toEqual([]);
    expect(changes.skipped).toEqual([
      { path: 'image.png', reason: 'binary file' },
      { path: 'link', reason: 'symlink; not followed (its target is scanned where it lives)', nothingLost: true },
    ]);
  });

  test('odd file names survive: spaces, newlines, unicode, leading dashes', async () => {
    const names = ['with space.txt', 'new\nline.txt', 'ünï cødé.txt', '-dash.txt', '"quoted".txt'];
    for (const name of names) repo.write(name, 'x\n');
    repo.commit('odd names');
    const changes = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    expect(changes.files.map((f) => f.path).sort()).toEqual([...names].sort());
    for (const file of changes.files) {
      expect([...file.addedLines!]).toEqual([1]);
      expect(text(await changes.head.read(file.path))).toBe('x\n');
    }
    expect((await changes.head.list('')).sort()).toEqual([...names, 'gone.txt', 'keep.txt', 'move-me.txt'].sort());
  });

  test('without head the working tree is compared, untracked files included', async () => {
    repo.write('keep.txt', 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n');
    repo.write('untracked.txt', 'fresh\n');
    repo.write('.gitignore', 'ignored.txt\n');
    repo.write('ignored.txt', 'no\n');
    const changes = await buildGitChangeSet({ root: repo.root, base: 'main' });
    expect(changes.files.map((f) => [f.path, f.status])).toEqual([
      ['.gitignore', 'added'],
      ['keep.txt', 'modified'],
      ['untracked.txt', 'added'],
    ]);
    expect([...changes.files[1]!.addedLines!]).toEqual([11]);
    expect(text(await changes.head.read('untracked.txt'))).toBe('fresh\n');
  });

  test('the merge base is used, not the tip of base', async () => {
    repo.write('feature.txt', 'mine\n').commit('feature work');
    repo.git('checkout', '-q', 'main');
    repo.write('main-only.txt', 'theirs\n').commit('main moves on');
    repo.git('checkout', '-q', 'feature');
    const changes = await buildGitChangeSet({ root: repo.root, base: 'main', head: 'HEAD' });
    expect(changes.files.map((f) => f.path)).toEqual(['feature.txt']);
  });

  test('unrelated histories have no merge base: a user error with a hint', async () => {
    repo.git('checkout', '-q', '--orphan', 'island');
    repo.write('island.txt', 'alone\n').commit('unrelated');
    await expect(buildGitChangeSet({ root: repo.root, base: 'main', head: 'island' })).rejects.toThrow(
      /no merge base between main and island \(a shallow clone\? fetch more history\): git exited with code 1/,
    );
  });

  test('an unknown base ref is a user error', async () => {
    await expect(buildGitChangeSet({ root: repo.root, base: 'no-such-branch' })).rejects.toThrow(UserError);
    await expect(buildGitChangeSet({ root: repo.root, base: '--output=/tmp/x' })).rejects.toThrow(/git ref not found/);
  });
});
