import { execFileSync } from 'node:child_process';
import { TempDir } from '../../helpers/tempRepo.js';
import type { FakeGitHub } from '../../helpers/fake-github.js';
import { pullFilesFromGit } from './pull-files.js';
import { pullRequestPayload, runnerEnv, type Runner } from './runner-env.js';

/** A temp repository with a base and a head commit, and a fake GitHub that knows the PR between them. */
export function pullRequestRepo(options: { base: Record<string, string>; head: Record<string, string>; number?: number }): { repo: TempDir; base: string; head: string; number: number } {
  const repo = new TempDir('shiftguard-pr-').init();
  for (const [path, content] of Object.entries(options.base)) repo.write(path, content);
  repo.commit('base');
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'feature');
  for (const [path, content] of Object.entries(options.head)) repo.write(path, content);
  repo.commit('head');
  return { repo, base, head: repo.git('rev-parse', 'HEAD').trim(), number: options.number ?? 7 };
}

/** Files of a commit, as the contents/trees API would serve them. */
export function treeOf(root: string, sha: string): Record<string, string> {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  const paths = git('ls-tree', '-r', '--name-only', sha).split('\n').filter(Boolean);
  return Object.fromEntries(paths.map((p) => [p, git('show', `${sha}:${p}`)]));
}

export function teachFake(fake: FakeGitHub, pr: ReturnType<typeof pullRequestRepo>): void {
  fake.pull = { number: pr.number, headSha: pr.head, baseSha: pr.base, fork: false };
  fake.files = pullFilesFromGit(pr.repo.root, pr.base, pr.head);
  fake.trees[pr.base] = treeOf(pr.repo.root, pr.base);
  fake.trees[pr.head] = treeOf(pr.repo.root, pr.head);
}

export function prRunner(fake: FakeGitHub, pr: ReturnType<typeof pullRequestRepo>, inputs: Record<string, string> = {}, eventName = 'pull_request'): Runner {
  return runnerEnv({ apiUrl: fake.url, workspace: pr.repo.root, eventName, sha: pr.head, payload: pullRequestPayload({ number: pr.number, baseSha: pr.base, headSha: pr.head }), inputs });
}
