import type { Scanner, ScannerId, ScanServices } from '../model.js';
import { buildDirectoryChangeSet } from '../changes/directoryChangeSet.js';
import { buildGitChangeSet } from '../changes/gitChangeSet.js';
import { runnerIO, type ActionIO } from './io.js';
import { InputError } from './inputs.js';
import { runAction, type ActionDeps, type ActionResult } from './run-action.js';
import { pipelineScan } from './scan.js';
import { actionSarif } from './sarif.js';

/** What an embedder or a test may swap: scanners, scan services, client pacing, the output sink. */
export interface EntryOverrides {
  scannerImpls?: Partial<Record<ScannerId, Scanner>>;
  services?: Partial<ScanServices>;
  tuning?: ActionDeps['tuning'];
  sleep?: ActionDeps['sleep'];
  write?: (line: string) => void;
}

/** The real wiring of the action: the shared pipeline, git/directory change sets, SARIF, the runner's files. */
export function actionDeps(env: NodeJS.ProcessEnv, overrides: EntryOverrides = {}): ActionDeps {
  const io: ActionIO = runnerIO(env, overrides.write);
  const root = env.GITHUB_WORKSPACE || process.cwd();
  return {
    io,
    scan: pipelineScan({ ...(overrides.scannerImpls ? { scannerImpls: overrides.scannerImpls } : {}), ...(overrides.services ? { services: overrides.services } : {}) }),
    sarif: (report) => actionSarif(report, root),
    changes: {
      git: (o) => buildGitChangeSet({ root: o.root, base: o.base, ...(o.head ? { head: o.head } : {}) }),
      directory: (o) => buildDirectoryChangeSet({ root: o.root }),
    },
    ...(overrides.tuning ? { tuning: overrides.tuning } : {}),
    ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
  };
}

/**
 * Runs the action once and returns the process exit code: 0 pass, 1 fail (findings, unscanned files under
 * fail-on-error, or an error that stopped the run — always with a one-line reason in the log).
 */
export async function runEntry(env: NodeJS.ProcessEnv, overrides: EntryOverrides = {}): Promise<{ exitCode: number; result: ActionResult | null }> {
  const deps = actionDeps(env, overrides);
  try {
    const result = await runAction(env, deps);
    return { exitCode: result.exitCode, result };
  } catch (error) {
    const reason = error instanceof InputError || error instanceof Error ? error.message : String(error);
    deps.io.command(`::error title=shiftguard::${reason.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/::/g, ':\u200b:')}`);
    deps.io.setOutput('verdict', 'fail');
    return { exitCode: 1, result: null };
  }
}
