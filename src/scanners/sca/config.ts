import parseSpdx from 'spdx-expression-parse';
import { z } from 'zod';

// The `sca:` section of .shiftguard.yml. Unknown keys are errors that name the key.

/** A licence id as a policy list accepts it: one SPDX id, optionally "+" or "WITH exception" (no AND/OR). */
function isSimpleLicence(value: string): boolean {
  try {
    const ast = parseSpdx(value);
    return 'license' in ast;
  } catch {
    return false;
  }
}

const licenceList = z.array(
  z.string().refine(isSimpleLicence, { message: 'must be one SPDX licence id (e.g. MIT, GPL-2.0+, Apache-2.0 WITH LLVM-exception)' }),
);

export const licensePolicySchema = z.strictObject({
  /** When set, every package licence must be satisfiable by these. */
  allow: licenceList.optional(),
  /** Packages that cannot be used without one of these licences are reported. */
  deny: licenceList.optional(),
  /** Packages exempt from the policy ("name" or "name@version"), with the reason shown on the finding. */
  exceptions: z.array(z.strictObject({ package: z.string().min(1), reason: z.string().min(1) })).default([]),
  /** Report packages whose licence the lockfile does not record (or that is not SPDX). */
  reportUnknown: z.boolean().default(false),
});
export type LicensePolicy = z.infer<typeof licensePolicySchema>;

export const scaConfigSchema = z
  .strictObject({
    /** OSV API base URL; tests and mirrors point it elsewhere. */
    osvApiUrl: z.url().default('https://api.osv.dev'),
    /** Offline OSV database (directory or zip); the --advisory-db option overrides it. */
    advisoryDb: z.string().min(1).optional(),
    /** Skip packages the lockfile marks as development-only. */
    ignoreDev: z.boolean().default(false),
    licenses: licensePolicySchema.prefault({}),
  })
  .prefault({});
export type ScaConfig = z.infer<typeof scaConfigSchema>;
