import { z } from 'zod';
import { SEVERITIES } from './model.js';
import { DEFAULT_MAX_FILE_BYTES } from './changes/decode.js';
import { COMMENTS_PER_REVIEW } from './report/review.js';
import { manifestsConfigSchema } from './scanners/manifests/config.js';
import { scaConfigSchema } from './scanners/sca/config.js';
import { secretsConfigSchema } from './scanners/secrets/config.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const FAIL_ON = [...SEVERITIES.filter((s) => s !== 'info'), 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * `.shiftguard.yml`, parsed once into a typed object: defaults live here and nowhere else. Each
 * scanner owns its section's schema in src/scanners/<id>/config.ts.
 */
export const configSchema = z.strictObject({
  /** Turn scanners off (all are on by default). */
  scanners: z
    .strictObject({
      secrets: z.boolean().default(true),
      sca: z.boolean().default(true),
      manifests: z.boolean().default(true),
    })
    .default({ secrets: true, sca: true, manifests: true }),
  /** Lowest severity of a new, active finding that fails the run. */
  failOn: z.enum(FAIL_ON).default('high'),
  /**
   * Whether what could not be scanned (a file that did not parse, an advisory source that did not answer) fails
   * the run: CLI exit 2, a failing check. false lists the errors as a warning only. The CLI's --fail-on-error and
   * the action's fail-on-error input override it.
   */
  failOnError: z.boolean().default(true),
  /** The pull request review (action only): what gets a line comment. */
  review: z
    .strictObject({
      /** Lowest severity commented on; lower ones stay in the check run, the job summary and SARIF, and are counted. */
      minSeverity: z.enum(SEVERITIES).default('medium'),
      /** Line comments per review (one per changed line); further findings are counted in the review body. */
      maxComments: z.number().int().min(1).max(COMMENTS_PER_REVIEW).default(COMMENTS_PER_REVIEW),
    })
    .default({ minSeverity: 'medium', maxComments: COMMENTS_PER_REVIEW }),
  /** Per-rule overrides, by rule id. */
  rules: z
    .record(
      z.string(),
      z.strictObject({
        severity: z.enum(SEVERITIES).optional(),
        enabled: z.boolean().default(true),
      }),
    )
    .default({}),
  /** Glob patterns (picomatch, root-relative) of files never scanned. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Accepted findings: a rule, optionally narrowed to a path glob or one fingerprint, with a reason. */
  exceptions: z
    .array(
      z.strictObject({
        rule: z.string().min(1),
        path: z.string().min(1).optional(),
        fingerprint: z.string().min(1).optional(),
        reason: z.string().min(1),
        expires: isoDate.optional(),
        /** When the exception was granted: the start of its age in the metrics. */
        since: isoDate.optional(),
      }),
    )
    .default([]),
  /** A baseline file (`shiftguard baseline`), root-relative: its findings are reported, not failed on. */
  baseline: z.string().min(1).optional(),
  /** Folder of the repository's own rules (YAML, same schema as the built-in ones), root-relative. */
  customRules: z.string().min(1).default('.shiftguard/rules'),
  /** Files larger than this are reported in `errors` instead of scanned. */
  maxFileBytes: z.number().int().positive().default(DEFAULT_MAX_FILE_BYTES),
  secrets: secretsConfigSchema,
  sca: scaConfigSchema,
  manifests: manifestsConfigSchema,
});

export type Config = z.infer<typeof configSchema>;
export type ConfigException = Config['exceptions'][number];

/** The configuration used when there is no .shiftguard.yml. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
