import { z } from 'zod';

// Every allowlist entry says why, so a reviewer can judge it later.
const pathEntry = z.strictObject({ path: z.string().min(1), reason: z.string().min(1) });
const regexEntry = z.strictObject({
  regex: z.string().min(1).refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  ),
  reason: z.string().min(1),
});
const fingerprintEntry = z.strictObject({ fingerprint: z.string().regex(/^[0-9a-f]{32}$/), reason: z.string().min(1) });

/** The `secrets:` section of .shiftguard.yml. Unknown keys are errors that name the key. */
export const secretsConfigSchema = z
  .strictObject({
    allowlist: z
      .strictObject({
        /** Globs (picomatch) of repository paths whose findings are suppressed. */
        paths: z.array(pathEntry).default([]),
        /** Regexes tested against the matched secret value. */
        regexes: z.array(regexEntry).default([]),
        /** Fingerprints of accepted findings (from a previous report). */
        fingerprints: z.array(fingerprintEntry).default([]),
      })
      .default({ paths: [], regexes: [], fingerprints: [] }),
    /**
     * Key of the HMAC that fingerprints secrets. Set it (from a CI secret) so that a fingerprint in a public report
     * cannot be used to confirm a guessed secret; the built-in key only keeps fingerprints stable between runs.
     */
    fingerprintKey: z.string().min(1).optional(),
    /** Lines longer than this are scanned in overlapping windows around keyword hits. */
    maxLineLength: z.number().int().min(256).max(1_000_000).default(4096),
  })
  .default({ allowlist: { paths: [], regexes: [], fingerprints: [] }, maxLineLength: 4096 });
export type SecretsConfig = z.infer<typeof secretsConfigSchema>;
