import type { Scanner } from '../../model.js';

// Placeholder until the manifests scanner lands (owned by its own work stream).
export const manifestsScanner: Scanner = {
  id: 'manifests',
  rules: () => [],
  accepts: () => false,
  scan: async () => ({ findings: [], errors: [] }),
};
