import { execFileSync } from 'node:child_process';
import type { PullFile } from '../../helpers/fake-github.js';

const STATUS: Record<string, string> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed' };

/** What GitHub's files API would list for base...head of a local repo: status and the hunk-only patch. */
export function pullFilesFromGit(root: string, base: string, head: string): PullFile[] {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  return git('diff', '--name-status', '-M', base, head)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [code = 'M', first = '', second] = line.split('\t');
      const filename = second ?? first;
      const diff = git('diff', '-U3', '-M', base, head, '--', ...(second ? [first, second] : [first]));
      const at = diff.indexOf('\n@@');
      const patch = at >= 0 ? diff.slice(at + 1).replace(/\n$/, '') : undefined;
      return { filename, status: STATUS[code[0] ?? 'M'] ?? 'modified', ...(second ? { previous_filename: first } : {}), ...(patch ? { patch } : {}) };
    });
}
