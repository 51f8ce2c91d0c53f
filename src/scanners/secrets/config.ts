import { z } from 'zod';

/** The `secrets:` section of .shiftguard.yml. Unknown keys are errors that name the key. */
export const secretsConfigSchema = z.strictObject({}).default({});
export type SecretsConfig = z.infer<typeof secretsConfigSchema>;
