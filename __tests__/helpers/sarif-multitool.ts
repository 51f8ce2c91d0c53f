// Runs Microsoft's SARIF Multitool (`validate`, SARIF rules plus GitHub code scanning's ingestion rules "Ghas")
// from the @microsoft/sarif-multitool-linux devDependency and reads back its own SARIF output.

import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Multitool binary, or a reason it cannot run on this machine. */
export function multitoolBinary(): { path: string } | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { missing: `@microsoft/sarif-multitool-linux ships a linux-x64 binary; this is ${process.platform}-${process.arch}` };
  }
  let dir: string;
  try {
    dir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
  } catch {
    return { missing: '@microsoft/sarif-multitool-linux is not installed (npm ci installs it as a devDependency)' };
  }
  const path = join(dir, 'Sarif.Multitool');
  if (!existsSync(path)) return { missing: `${path} is missing from the installed package` };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    // The package's own postinstall is exactly this chmod; npm skips it when install scripts are not allowed.
    chmodSync(path, 0o755);
  }
  return { path };
}

// SARIF2006 fetches every URI in the log over HTTP; tests never touch the network, so it is disabled.
const CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

export interface MultitoolIssue {
  level: string;
  ruleId: string;
  line: string;
}

export interface MultitoolOutcome {
  errors: MultitoolIssue[];
  warnings: MultitoolIssue[];
  notes: MultitoolIssue[];
  /** The tool's console lines, for failure messages. */
  stdout: string;
}

interface OutputLog {
  runs: { results?: { level?: string; ruleId?: string; message?: { arguments?: string[] } }[] }[];
}

export function validateWithMultitool(binary: string, log: unknown): MultitoolOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'shiftguard-multitool-'));
  try {
    const input = join(dir, 'input.sarif');
    const output = join(dir, 'validation.sarif');
    const config = join(dir, 'config.xml');
    writeFileSync(input, JSON.stringify(log, null, 2));
    writeFileSync(config, CONFIG);
    const run = spawnSync(
      binary,
      ['validate', '--rule-kind', 'Sarif;Ghas', '--level', 'Error;Warning;Note', '--config', config, '--output', output, input],
      { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, timeout: 120_000 },
    );
    if (run.error) throw run.error;
    if (!existsSync(output)) {
      throw new Error(`SARIF Multitool wrote no output (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    const parsed = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as OutputLog;
    const lines = run.stdout.split('\n');
    const issues = (parsed.runs[0]?.results ?? []).map((r) => {
      const ruleId = r.ruleId ?? '?';
      const level = r.level ?? 'warning';
      return { level, ruleId, line: lines.find((l) => l.includes(` ${level} ${ruleId}:`)) ?? `${level} ${ruleId}` };
    });
    return {
      errors: issues.filter((i) => i.level === 'error'),
      warnings: issues.filter((i) => i.level === 'warning'),
      notes: issues.filter((i) => i.level === 'note'),
      stdout: run.stdout,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
