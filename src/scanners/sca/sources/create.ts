import { resolve } from 'node:path';
import type { ScaConfig } from '../config.js';
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

/**
 * The advisory source of one run as the entry points build it: an explicit offline DB (already resolved
 * by the caller), else sca.advisoryDb resolved against the scanned root, else the OSV API at sca.osvApiUrl.
 */
export function advisorySourceForRun(options: { advisoryDb?: string | undefined; root: string; config: ScaConfig }): AdvisorySource {
  const { config } = options;
  const advisoryDb = options.advisoryDb ?? (config.advisoryDb ? resolve(options.root, config.advisoryDb) : undefined);
  return createAdvisorySource({ ...(advisoryDb ? { advisoryDb } : {}), osvApiUrl: config.osvApiUrl });
}
