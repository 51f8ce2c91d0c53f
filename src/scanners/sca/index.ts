import type { Scanner } from '../../model.js';

// Placeholder until the sca scanner lands (owned by its own work stream).
export const scaScanner: Scanner = {
  id: 'sca',
  rules: () => [],
  accepts: () => false,
  scan: async () => ({ findings: [], errors: [] }),
};
