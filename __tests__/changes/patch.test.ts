import { parsePatch, unquoteGitPath } from '../../src/changes/patch.js';

describe('parsePatch', () => {
  test('added and commentable lines per file, removed lines counted on the base side only', () => {
    const patch = [
      'diff --git a/x.txt b/x.txt',
      'index 1..2 100644',
      '--- a/x.txt',
      '+++ b/x.txt',
      '@@ -1,4 +1,4 @@',
      ' a',
      '-b',
      '+B',
      ' c',
      '-- sql comment removed',
      '+-- sql comment added',
      '@@ -20 +20,2 @@',
      '+new',
      ' old',
      '\\ No newline at end of file',
      'diff --git a/with space b/with space',
      'new file mode 100644',
      'index 0000000..e69de29',
      '',
    ].join('\n');
    const files = parsePatch(patch);
    expect([...files.get('x.txt')!.added]).toEqual([2, 4, 20]);
    expect([...files.get('x.txt')!.commentable]).toEqual([1, 2, 3, 4, 20, 21]);
    expect(files.get('with space')!.added.size).toBe(0);
  });

  test('binary sections and quoted names', () => {
    const files = parsePatch(
      ['diff --git "a/new\\nline.bin" "b/new\\nline.bin"', 'index 1..2 100644', 'Binary files "a/new\\nline.bin" and "b/new\\nline.bin" differ', ''].join('\n'),
    );
    expect(files.get('new\nline.bin')!.binary).toBe(true);
    expect(unquoteGitPath('"\\303\\274\\t"')).toBe('ü\t');
  });
});
