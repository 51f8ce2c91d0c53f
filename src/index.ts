// The programmatic API: `import { scan } from 'shiftguard'` returns the report `--format json` prints.
export { scan, planScan, type ScanOptions } from './scan.js';
export { runScan, type RunOptions } from './run.js';
export { buildGitChangeSet, type GitChangeSetOptions } from './changes/gitChangeSet.js';
export { buildDirectoryChangeSet, type DirectoryChangeSetOptions } from './changes/directoryChangeSet.js';
export { loadConfig, parseConfig } from './policy/loadConfig.js';
export { configSchema, defaultConfig, type Config, type FailOn } from './config.js';
export { UserError, ConfigError } from './errors.js';
export { toJson } from './report/json.js';
export { toText } from './report/text.js';
export { toSarif, type SarifOptions } from './report/sarif.js';
export type * from './model.js';
