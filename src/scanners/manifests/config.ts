import { z } from 'zod';

/** The `manifests:` section of .shiftguard.yml. Unknown keys are errors that name the key. */
export const manifestsConfigSchema = z.strictObject({}).default({});
export type ManifestsConfig = z.infer<typeof manifestsConfigSchema>;
