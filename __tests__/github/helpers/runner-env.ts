import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OWNER = 'acme';
export const REPO = 'shop';

export interface Runner {
  env: NodeJS.ProcessEnv;
  dir: string;
  outputs(): Record<string, string>;
  summary(): string;
}

/** The environment the Actions runner gives a step: event payload file, output/summary files, INPUT_* values. */
export function runnerEnv(options: { apiUrl: string; workspace: string; eventName: string; payload: unknown; sha: string; inputs?: Record<string, string> }): Runner {
  const dir = mkdtempSync(join(tmpdir(), 'shiftguard-runner-'));
  mkdirSync(join(dir, 'temp'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: options.sha,
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_RUN_ID: '777',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_OUTPUT: join(dir, 'output'),
    RUNNER_TEMP: join(dir, 'temp'),
    'INPUT_GITHUB-TOKEN': 'ghs_testtoken',
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
  return {
    env,
    dir,
    outputs() {
      const text = readFileSync(join(dir, 'output'), 'utf8');
      const out: Record<string, string> = {};
      for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] as string] = m[3] as string;
      return out;
    },
    summary: () => readFileSync(join(dir, 'summary.md'), 'utf8'),
  };
}

export function pullRequestPayload(options: { number: number; baseSha: string; headSha: string; fork?: boolean }): unknown {
  return {
    action: 'synchronize',
    number: options.number,
    pull_request: {
      number: options.number,
      base: { sha: options.baseSha, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } },
      head: { sha: options.headSha, ref: 'feature', repo: { full_name: options.fork ? `someone/${REPO}` : `${OWNER}/${REPO}` } },
    },
  };
}

export function workflowRunPayload(options: { runId: number; headSha: string; pulls?: number[] }): unknown {
  return {
    action: 'completed',
    workflow_run: { id: options.runId, head_sha: options.headSha, conclusion: 'success', event: 'pull_request', pull_requests: (options.pulls ?? []).map((n) => ({ number: n })) },
  };
}
