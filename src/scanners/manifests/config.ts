import { z } from 'zod';
import { helmConfigSchema } from './helm/config.js';

/** The `manifests:` section of .shiftguard.yml. Unknown keys are errors that name the key. */
export const manifestsConfigSchema = z.strictObject({ helm: helmConfigSchema }).default({ helm: { valuesFiles: [] } });
export type ManifestsConfig = z.infer<typeof manifestsConfigSchema>;
