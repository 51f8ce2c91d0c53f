import type { Scanner } from '../../model.js';

// Placeholder until the secrets scanner lands (owned by its own work stream).
export const secretsScanner: Scanner = {
  id: 'secrets',
  rules: () => [],
  accepts: () => false,
  scan: async () => ({ findings: [], errors: [] }),
};
