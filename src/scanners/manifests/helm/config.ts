import { z } from 'zod';

/**
 * The `manifests.helm` section of .shiftguard.yml, for the manifests config to embed:
 * `helm: helmConfigSchema`. Values files are relative to each chart directory, applied in order.
 */
export const helmConfigSchema = z
  .strictObject({
    valuesFiles: z.array(z.string().min(1)).default([]),
  })
  .default({ valuesFiles: [] });
export type HelmConfig = z.infer<typeof helmConfigSchema>;
