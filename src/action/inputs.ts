import { SCANNER_IDS, SEVERITIES, type ScannerId, type Severity } from '../model.js';
import { COMMENTS_PER_REVIEW } from '../report/review.js';
import { FAIL_ON, type FailOn } from '../config.js';

export const MODES = ['scan-and-report', 'scan', 'report'] as const;
export type Mode = (typeof MODES)[number];

export interface ActionInputs {
  githubToken: string;
  scanners: ScannerId[];
  failOn: FailOn;
  config: string;
  comment: boolean;
  uploadSarif: boolean;
  /** Absolute path where the SARIF file is written. */
  sarifFile: string;
  advisoryDb: string | undefined;
  checkName: string;
  paths: string[];
  mode: Mode;
  /** Empty input: undefined, and the config's failOnError (itself true by default) decides, as in the CLI. */
  failOnError: boolean | undefined;
  /** Overrides the config's review.minSeverity when given. */
  reviewMinSeverity: Severity | undefined;
  /** Overrides the config's review.maxComments when given. */
  reviewMaxComments: number | undefined;
}

export class InputError extends Error {}

/** The runner exposes input `foo-bar` as INPUT_FOO-BAR (spaces to underscores, upper-cased, dashes kept). */
function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input ${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off)$/i.test(value)) return false;
  throw new InputError(`input ${name} must be true or false; got ${JSON.stringify(value)}`);
}

function count(name: string, value: string, max: number): number | undefined {
  if (value === '') return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= max) return n;
  throw new InputError(`input ${name} must be a whole number from 1 to ${max}; got ${JSON.stringify(value)}`);
}

function list(value: string): string[] {
  return value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

/** Inputs parsed once at the edge into literal unions; defaults mirror action.yml so a bare INPUT_* env works too. */
export function parseInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const scanners = list(input(env, 'scanners') || SCANNER_IDS.join(','));
  const unknown = scanners.filter((s) => !(SCANNER_IDS as readonly string[]).includes(s));
  if (unknown.length) throw new InputError(`input scanners: unknown ${unknown.join(', ')} (known: ${SCANNER_IDS.join(', ')})`);
  const temp = env.RUNNER_TEMP || env.TMPDIR || '/tmp';
  const sarifFile = input(env, 'sarif-file') || 'shiftguard.sarif';
  return {
    githubToken: input(env, 'github-token'),
    scanners: [...new Set(scanners)] as ScannerId[],
    failOn: oneOf('fail-on', input(env, 'fail-on'), FAIL_ON, 'high'),
    config: input(env, 'config') || '.shiftguard.yml',
    comment: bool('comment', input(env, 'comment'), true),
    uploadSarif: bool('upload-sarif', input(env, 'upload-sarif'), true),
    sarifFile: sarifFile.startsWith('/') ? sarifFile : `${temp.replace(/\/+$/, '')}/${sarifFile}`,
    advisoryDb: input(env, 'advisory-db') || undefined,
    checkName: input(env, 'check-name') || 'shiftguard',
    paths: list(input(env, 'paths')),
    mode: oneOf('mode', input(env, 'mode'), MODES, 'scan-and-report'),
    failOnError: input(env, 'fail-on-error') === '' ? undefined : bool('fail-on-error', input(env, 'fail-on-error'), true),
    // No default here: an empty input leaves the config file's review section (default medium / 50) in charge.
    reviewMinSeverity: input(env, 'review-min-severity') === '' ? undefined : oneOf('review-min-severity', input(env, 'review-min-severity'), SEVERITIES, 'medium'),
    reviewMaxComments: count('review-max-comments', input(env, 'review-max-comments'), COMMENTS_PER_REVIEW),
  };
}
