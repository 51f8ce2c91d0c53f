import { main } from '../../src/commands/main.js';
import { buildStagedChangeSet } from '../../src/changes/stagedChangeSet.js';
import { realScannersIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';
import { fakePrivateKey } from './fakeKey.js';

async function stagedVerdict(root: string): Promise<{ code: number; stdout: string }> {
  const run = realScannersIo(root);
  const code = await main(['scan', '--staged', '--scanners', 'secrets'], run.io);
  return { code, stdout: run.stdout() };
}

describe('shiftguard scan --staged (pre-commit)', () => {
  let repo: TempDir;
  beforeEach(() => {
    repo = new TempDir().init();
    repo.write('README.md', '# demo\n').commit('first');
  });
  afterEach(() => repo.remove());

  test('blocks a staged private key, passes once it is unstaged or removed', async () => {
    repo.write('deploy/key.pem', fakePrivateKey());
    repo.git('add', 'deploy/key.pem');
    const blocked = await stagedVerdict(repo.root);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('rsa-private-key');
    expect(blocked.stdout).toContain('deploy/key.pem');

    repo.git('rm', '-q', '--cached', 'deploy/key.pem');
    expect((await stagedVerdict(repo.root)).code).toBe(0);

    repo.git('add', 'deploy/key.pem');
    repo.git('rm', '-q', '-f', 'deploy/key.pem');
    expect((await stagedVerdict(repo.root)).code).toBe(0);
  });

  test('the index decides, not the working tree', async () => {
    repo.write('app.env', 'NAME=demo\n');
    repo.git('add', 'app.env');
    // Unstaged: a key in the working tree copy of a staged file changes nothing.
    repo.write('app.env', `NAME=demo\n${fakePrivateKey()}`);
    expect((await stagedVerdict(repo.root)).code).toBe(0);

    // Staged key, then the working tree copy cleaned without staging: still blocked.
    repo.git('add', 'app.env');
    repo.write('app.env', 'NAME=demo\n');
    expect((await stagedVerdict(repo.root)).code).toBe(1);
  });

  test('first commit: no HEAD, every staged file is added; base is null', async () => {
    const fresh = new TempDir().init();
    try {
      fresh.write('a.txt', 'one\ntwo\n');
      fresh.git('add', 'a.txt');
      const changeSet = await buildStagedChangeSet({ root: fresh.root });
      expect(changeSet.base).toBeNull();
      expect(changeSet.files.map((f) => [f.path, f.status, [...(f.addedLines ?? [])]])).toEqual([['a.txt', 'added', [1, 2]]]);
      expect(new TextDecoder().decode((await changeSet.head.read('a.txt'))!)).toBe('one\ntwo\n');
      fresh.write('key.pem', fakePrivateKey());
      fresh.git('add', 'key.pem');
      expect((await stagedVerdict(fresh.root)).code).toBe(1);
    } finally {
      fresh.remove();
    }
  });

  test('a modified file: only staged added lines count, the base is HEAD', async () => {
    repo.write('README.md', '# demo\nmore\n');
    repo.git('add', 'README.md');
    repo.write('README.md', '# changed in the work tree only\n');
    const changeSet = await buildStagedChangeSet({ root: repo.root });
    expect(changeSet.files.map((f) => [f.path, f.status, [...(f.addedLines ?? [])]])).toEqual([['README.md', 'modified', [2]]]);
    expect(new TextDecoder().decode((await changeSet.base!.read('README.md'))!)).toBe('# demo\n');
    expect(new TextDecoder().decode((await changeSet.head.read('README.md'))!)).toBe('# demo\nmore\n');
  });

  test('--staged with --base is a usage error (exit 2)', async () => {
    const run = realScannersIo(repo.root);
    expect(await main(['scan', '--staged', '--base', 'HEAD'], run.io)).toBe(2);
    expect(run.stderr()).toContain('--staged cannot be combined');
  });
});
