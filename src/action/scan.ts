import { resolve } from 'node:path';
import type { Report, ScanServices, Scanner, ScannerId } from '../model.js';
import { loadConfig, type LoadedConfig } from '../policy/loadConfig.js';
import { runScan } from '../run.js';
import { advisorySourceForRun } from '../scanners/sca/sources/create.js';
import type { ScanRequest } from './run-action.js';
import type { ActionInputs } from './inputs.js';

const DEFAULT_CONFIG = '.shiftguard.yml';

/** The config the inputs name: the default file may be absent (built-in defaults), a named one must exist. */
export function loadActionConfig(root: string, inputs: Pick<ActionInputs, 'config'>): Promise<LoadedConfig> {
  const explicit = inputs.config !== DEFAULT_CONFIG;
  return loadConfig({ root, ...(explicit ? { file: resolve(root, inputs.config) } : {}) });
}

/**
 * The shared pipeline as the action calls it: config from the workspace (the default name may be absent; a named
 * file must exist), scanners and fail-on from the inputs, the advisory database when given.
 */
export function pipelineScan(options: { scannerImpls?: Partial<Record<ScannerId, Scanner>>; services?: Partial<ScanServices> } = {}) {
  return async (request: ScanRequest): Promise<Report> => {
    const { inputs, changeSet } = request;
    const { config, source } = await loadActionConfig(request.root, inputs);
    request.log(source ? `config: ${inputs.config}` : 'config: defaults (no .shiftguard.yml)');
    const services: ScanServices = {
      now: () => new Date(),
      log: request.log,
      ...(inputs.advisoryDb ? { advisoryDb: resolve(request.root, inputs.advisoryDb) } : {}),
      advisorySource: advisorySourceForRun({
        advisoryDb: inputs.advisoryDb ? resolve(request.root, inputs.advisoryDb) : undefined,
        root: request.root,
        config: config.sca,
      }),
      ...options.services,
    };
    return runScan({
      changeSet,
      config,
      services,
      scanners: inputs.scanners,
      failOn: inputs.failOn,
      ...(inputs.failOnError !== undefined ? { failOnError: inputs.failOnError } : {}),
      ...(options.scannerImpls ? { scannerImpls: options.scannerImpls } : {}),
    });
  };
}
