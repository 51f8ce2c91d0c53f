import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** What the triggering event tells us, narrowed from the runner's event payload. */
export type ActionEvent =
  | {
      kind: 'pull_request';
      name: 'pull_request' | 'pull_request_target';
      number: number;
      baseSha: string;
      headSha: string;
      /** The PR comes from another repository: on `pull_request` its token is read-only. */
      fork: boolean;
    }
  | { kind: 'push'; before: string; after: string }
  | {
      kind: 'workflow_run';
      runId: number;
      headSha: string;
      /** Same-repo PRs are listed by GitHub; fork PRs never are (the artifact names one, verified against the API). */
      pullNumbers: number[];
    }
  | { kind: 'other'; name: string };

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const pullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    base: z.object({ sha, repo: z.object({ full_name: z.string() }) }),
    head: z.object({ sha, repo: z.object({ full_name: z.string() }).nullable() }),
  }),
});
const pushPayload = z.object({ before: z.string(), after: sha });
const workflowRunPayload = z.object({
  workflow_run: z.object({
    id: z.number().int().positive(),
    head_sha: sha,
    pull_requests: z.array(z.object({ number: z.number().int().positive() })).default([]),
  }),
});

const ZERO = /^0{40}$/;

export function parseEvent(name: string, payload: unknown): ActionEvent {
  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = pullRequestPayload.parse(payload).pull_request;
    return {
      kind: 'pull_request', name, number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha,
      // A deleted head repository comes as null: treat it as a fork (least privilege).
      fork: pr.head.repo?.full_name !== pr.base.repo.full_name,
    };
  }
  if (name === 'push') {
    const push = pushPayload.parse(payload);
    // A new branch has before = 0000...: no range, scan the workspace.
    return ZERO.test(push.before) || !/^[0-9a-f]{40}$/.test(push.before) ? { kind: 'other', name } : { kind: 'push', before: push.before, after: push.after };
  }
  if (name === 'workflow_run') {
    const run = workflowRunPayload.parse(payload).workflow_run;
    return { kind: 'workflow_run', runId: run.id, headSha: run.head_sha, pullNumbers: run.pull_requests.map((p) => p.number) };
  }
  return { kind: 'other', name };
}

export function readEvent(env: NodeJS.ProcessEnv): ActionEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return { kind: 'other', name };
  const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return parseEvent(name, payload);
}
