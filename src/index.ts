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
export { toSarif, sarifCategory, type SarifOptions } from './report/sarif.js';
export {
  fitToGitHubLimits,
  encodeSarifForUpload,
  GITHUB_SARIF_LIMITS,
  type FittedSarif,
  type GitHubSarifLimits,
  type SarifOmissions,
} from './report/sarif-limits.js';
export type { SarifLog } from './report/sarif-types.js';
export { ruleToMarkdown, rulesIndexMarkdown, type RuleDocInput } from './report/rule-docs.js';
export { compareVersions } from './scanners/sca/versions/index.js';
export { createAdvisorySource, type AdvisorySourceOptions } from './scanners/sca/sources/create.js';
export type { AdvisorySource, AdvisoryQueryResult } from './scanners/sca/sources/types.js';
export type * from './model.js';
export {
  parseLockfile, detectLockfile, LOCKFILE_FORMATS, LOCKFILE_PARSERS, type LockfileFormat, type ParsedLockfile,
} from './scanners/sca/lockfiles/index.js';
export { parseLockfileInTree } from './scanners/sca/lockfiles/tree.js';
export { collectDeps, type DepsOutput } from './commands/deps.js';
export { buildCycloneDx } from './report/cyclonedx.js';
export { purlOf } from './scanners/sca/purl.js';
