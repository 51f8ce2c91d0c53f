import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeGitHub } from '../../helpers/fake-github.js';
import { runAction, type ActionDeps } from '../../../src/action/run-action.js';
import { runnerIO } from '../../../src/action/io.js';
import type { Report } from '../../../src/model.js';
import { emptyChangeSet } from './report.js';
import { pullRequestPayload, runnerEnv } from './runner-env.js';

export const BASE = 'b'.repeat(40);
export const HEAD = 'a'.repeat(40);

/** A hunk adding lines from..from+n-1. */
export const ADDED = (n: number, from = 1): string => `@@ -0,0 +${from},${n} @@\n${Array.from({ length: n }, (_, i) => `+line ${i + from}`).join('\n')}`;

/** The action with a fixed Report as its scan, so a test is only about what reaches the pull request. */
export function publishDeps(report: () => Report): Omit<ActionDeps, 'io'> {
  return {
    scan: async () => report(),
    sarif: (r) => ({ json: JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'shiftguard' } }, results: r.findings.map((f) => ({ ruleId: f.ruleId })) }] }), notes: [] }),
    changes: { git: async () => Promise.reject(new Error('no git here')), directory: async ({ root }) => emptyChangeSet(root) },
    // A patient timeout: on a loaded machine (the whole suite on two cores) a short one expires and adds a
    // retried call. Tests of a request that never answers set a short one themselves.
    tuning: { writeSpacingMs: 0, retryBaseMs: 1, pollDelayMs: 0, pollAttempts: 2, requestTimeoutMs: 10_000 },
    sleep: async () => undefined,
  };
}

/** One run of the action on a pull_request event against the fake; `files` are written into the workspace. */
export async function runPublish(
  fake: FakeGitHub,
  options: { report: () => Report; inputs?: Record<string, string>; payload?: unknown; eventName?: string; files?: Record<string, string>; tuning?: ActionDeps['tuning'] },
) {
  const workspace = mkdtempSync(join(tmpdir(), 'shiftguard-ws-'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, name), text);
  const runner = runnerEnv({
    apiUrl: fake.url, workspace, eventName: options.eventName ?? 'pull_request', sha: 'c'.repeat(40),
    payload: options.payload ?? pullRequestPayload({ number: 1, baseSha: BASE, headSha: HEAD }), inputs: options.inputs ?? {},
  });
  const log: string[] = [];
  const deps = publishDeps(options.report);
  const tuning = { ...deps.tuning, ...options.tuning };
  const result = await runAction(runner.env, { ...deps, tuning, io: runnerIO(runner.env, (l) => log.push(l)) });
  return { result, runner, log };
}
