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
}

interface OutputResult {
  level?: string;
  ruleId?: string;
  ruleIndex?: number;
  message?: { id?: string; text?: string; arguments?: string[] };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}

interface OutputRule {
  id: string;
  messageStrings?: Record<string, { text: string }>;
  defaultConfiguration?: { level?: string };
}

interface OutputLog {
  runs: {
    tool: { driver: { rules?: OutputRule[] } };
    results?: OutputResult[];
  }[];
}

function ruleOf(log: OutputLog, result: OutputResult): OutputRule | undefined {
  return log.runs[0]?.tool.driver.rules?.find((r) => r.id === result.ruleId);
}

/** SARIF 3.27.10: an absent level is the rule's default level, else "warning" (the Multitool omits it for warnings). */
function levelOf(log: OutputLog, result: OutputResult): string {
  return result.level ?? ruleOf(log, result)?.defaultConfiguration?.level ?? 'warning';
}

/** The Multitool's message for a result, from its rule's message string and the arguments. */
function describe(log: OutputLog, result: OutputResult): string {
  const id = result.message?.id;
  const template = (id && ruleOf(log, result)?.messageStrings?.[id]?.text) ?? result.message?.text ?? '';
  const args = result.message?.arguments ?? [];
  const text = template.replace(/\{(\d+)\}/g, (_, n: string) => args[Number(n)] ?? '');
  return `${levelOf(log, result)} ${result.ruleId}: ${text}`;
}

/**
 * Validates several logs in one Multitool process (each start costs seconds) and returns what it found per log.
 * Names become file names, so keep them to [a-z0-9-].
 */
export function validateWithMultitool(binary: string, logs: Record<string, unknown>): Record<string, MultitoolOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'shiftguard-multitool-'));
  try {
    const output = join(dir, 'validation.sarif');
    const config = join(dir, 'config.xml');
    writeFileSync(config, CONFIG);
    const inputs = Object.entries(logs).map(([name, log]) => {
      const file = join(dir, `${name}.sarif`);
      writeFileSync(file, JSON.stringify(log, null, 2));
      return file;
    });
    const run = spawnSync(
      binary,
      [
        'validate',
        ...['--rule-kind', 'Sarif;Ghas', '--level', 'Error;Warning;Note', '--config', config, '--output', output],
        // Results are read from the output file; console lines for thousands of notes would only fill a buffer.
        // (The Multitool's boolean options take an explicit value: a bare --quiet is "a bad format".)
        ...['--quiet', 'true'],
        ...inputs,
      ],
      { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, timeout: 300_000 },
    );
    if (run.error) throw run.error;
    if (!existsSync(output)) {
      throw new Error(`SARIF Multitool wrote no output (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    const parsed = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as OutputLog;
    const outcomes: Record<string, MultitoolOutcome> = {};
    for (const name of Object.keys(logs)) outcomes[name] = { errors: [], warnings: [], notes: [] };
    for (const result of parsed.runs[0]?.results ?? []) {
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const name = decodeURIComponent(uri.split('/').pop() ?? '').replace(/\.sarif$/, '');
      const outcome = outcomes[name];
      if (!outcome) throw new Error(`SARIF Multitool reported on an unknown file: ${uri}`);
      const ruleId = result.ruleId ?? '?';
      const level = levelOf(parsed, result);
      const issue = { level, ruleId, line: `${name}: ${describe(parsed, result)}` };
      if (level === 'error') outcome.errors.push(issue);
      else if (level === 'warning') outcome.warnings.push(issue);
      else outcome.notes.push(issue);
    }
    return outcomes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
