import type { FileTree } from '../../../src/model.js';
import { memoryTree } from '../../helpers/memory-tree.js';
import { followIncludes, resolveIncludePath } from '../../../src/scanners/sca/lockfiles/includes.js';
import { parseLockfile } from '../../../src/scanners/sca/lockfiles/index.js';

describe('requirements.txt -r includes', () => {
  it('resolves relative to the including file and refuses to leave the repository', () => {
    expect(resolveIncludePath('app/requirements.txt', 'base.txt')).toBe('app/base.txt');
    expect(resolveIncludePath('app/requirements.txt', '../common/base.txt')).toBe('common/base.txt');
    expect(resolveIncludePath('requirements.txt', '../outside.txt')).toBeNull();
    expect(resolveIncludePath('requirements.txt', '/etc/passwd')).toBeNull();
    expect(resolveIncludePath('requirements.txt', 'C:\\x.txt')).toBeNull();
    expect(resolveIncludePath('requirements.txt', 'https://example.com/r.txt')).toBeNull();
  });

  it('follows includes through the tree, with their own lines, and reports what it cannot read', async () => {
    const tree = memoryTree({
      'app/requirements.txt': 'flask==2.0.0\n-r base.txt\n-r ../../etc/secrets.txt\n-r missing.txt\n',
      'app/base.txt': '\n\nsix==1.16.0\n-r requirements.txt\n',
    });
    const root = parseLockfile('app/requirements.txt', (await readText(tree, 'app/requirements.txt')) ?? '');
    if (!root) throw new Error('not detected');
    const included = await followIncludes('app/requirements.txt', root, tree);
    expect(included.map((i) => [i.path, i.result.packages.map((p) => [p.name, p.version, p.line]), i.result.error])).toEqual([
      ['app/base.txt', [['six', '1.16.0', 3]], undefined],
      ['app/requirements.txt', [], '-r ../../etc/secrets.txt (line 3) points outside the repository: not read'],
      ['app/requirements.txt', [], '-r missing.txt (line 4): app/missing.txt not found'],
    ]);
  });
});

async function readText(tree: FileTree, path: string): Promise<string | null> {
  const bytes = await tree.read(path);
  return bytes ? new TextDecoder().decode(bytes) : null;
}
