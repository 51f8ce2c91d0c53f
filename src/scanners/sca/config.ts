import { z } from 'zod';

/** The `sca:` section of .shiftguard.yml. Unknown keys are errors that name the key. */
export const scaConfigSchema = z.strictObject({}).default({});
export type ScaConfig = z.infer<typeof scaConfigSchema>;
