import { createOfflineAdvisorySource } from './offline-db.js';
import { createOsvApiSource } from './osv-api.js';
import type { AdvisorySource } from './types.js';

export interface AdvisorySourceOptions {
  /** Directory or zip of OSV records (--advisory-db); when set, the network is never used. */
  advisoryDb?: string;
  /** OSV API base URL (config sca.osvApiUrl); https://api.osv.dev by default. */
  osvApiUrl?: string;
  fetch?: typeof globalThis.fetch;
}

/** Built by the entry points once per run and handed to the scanner as services.advisorySource. */
export function createAdvisorySource(options: AdvisorySourceOptions = {}): AdvisorySource {
  if (options.advisoryDb) return createOfflineAdvisorySource({ path: options.advisoryDb });
  return createOsvApiSource({
    ...(options.osvApiUrl ? { baseUrl: options.osvApiUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
