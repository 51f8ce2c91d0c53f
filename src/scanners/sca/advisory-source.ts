import type { ScanServices } from '../../model.js';
import type { ScaConfig } from './config.js';
import { createAdvisorySource } from './sources/create.js';
import type { AdvisorySource } from './sources/types.js';

// The advisory source of a run: services.advisorySource when the entry point built one, else one made
// from services.advisoryDb or the config, kept per services object so the head and base scans of a
// run share its cache.

const perRun = new WeakMap<ScanServices, AdvisorySource>();

function isAdvisorySource(value: unknown): value is AdvisorySource {
  return typeof value === 'object' && value !== null && typeof (value as { query?: unknown }).query === 'function';
}

export function advisorySourceFor(services: ScanServices, config: ScaConfig): AdvisorySource {
  if (isAdvisorySource(services.advisorySource)) return services.advisorySource;
  let source = perRun.get(services);
  if (!source) {
    const advisoryDb = typeof services.advisoryDb === 'string' ? services.advisoryDb : config.advisoryDb;
    source = createAdvisorySource({ ...(advisoryDb ? { advisoryDb } : {}), osvApiUrl: config.osvApiUrl });
    perRun.set(services, source);
  }
  return source;
}
