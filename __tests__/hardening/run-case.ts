import { main } from '../../src/commands/main.js';
import type { Finding, ScanError } from '../../src/model.js';
import { realScannersIo } from '../helpers/cliIo.js';
import { TempDir } from '../helpers/tempRepo.js';

export const GOOD_TOKEN = `ghp_${'KW8Z0PZ7EVqdtm1ECYW9DILX9FMI0kgqCSTI'}`;
export const PRIVILEGED_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: known-bad',
  'spec:',
  '  containers:',
  '    - name: app',
  '      image: nginx:1.25.3',
  '      securityContext:',
  '        privileged: true',
  '',
].join('\n');

export interface CaseResult {
  code: number;
  stdout: string;
  stderr: string;
  findings: Finding[];
  errors: ScanError[];
}

/**
 * Runs `shiftguard scan --format json` through the real CLI entry in a temp dir holding the hostile
 * files plus two known findings (a GitHub token in good/.env, a privileged Pod), so a case proves
 * both "the bad file is reported" and "nothing else was lost".
 */
export async function runCase(setup: (dir: TempDir) => void | Promise<void>, extraArgs: string[] = []): Promise<CaseResult> {
  const dir = new TempDir('shiftguard-hostile-');
  try {
    dir.write('good/.env', `GITHUB_TOKEN=${GOOD_TOKEN}\n`);
    dir.write('good/pod.yaml', PRIVILEGED_POD);
    await setup(dir);
    const run = realScannersIo(dir.root);
    const code = await main(['scan', '--format', 'json', '--fail-on', 'none', ...extraArgs], run.io);
    const stdout = run.stdout();
    const parsed = stdout.startsWith('{') ? (JSON.parse(stdout) as { findings: Finding[]; errors: ScanError[] }) : { findings: [], errors: [] };
    return { code, stdout, stderr: run.stderr(), findings: parsed.findings, errors: parsed.errors };
  } finally {
    dir.remove();
  }
}

/**
 * The two known findings planted by runCase are still in the report, and the exit code is the fail-closed one:
 * with --fail-on none, 0 when everything was scanned, 2 (with its one-line reason) when something could not be.
 */
export function expectKnownFindings(result: CaseResult): void {
  expect(result.code).toBe(result.errors.length > 0 ? 2 : 0);
  if (result.errors.length > 0) expect(result.stderr).toMatch(/^shiftguard: scan incomplete, not a pass: .+\n$/m);
  expect(result.findings.some((f) => f.path === 'good/.env' && f.ruleId === 'github-pat' && f.startLine === 1)).toBe(true);
  expect(result.findings.some((f) => f.path === 'good/pod.yaml' && f.scanner === 'manifests' && /privileg/i.test(f.ruleId))).toBe(true);
}

/** The hostile file is listed in `errors` with a non-empty reason. */
export function expectError(result: CaseResult, path: string, reason?: RegExp): void {
  const error = result.errors.find((e) => e.path === path);
  expect({ path, error }).toEqual({ path, error: expect.objectContaining({ path, reason: expect.any(String) }) });
  if (reason) expect(error!.reason).toMatch(reason);
}
