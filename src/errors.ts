/**
 * An error the user can fix (bad flag, bad config, unknown git ref): the CLI prints its one-line
 * message and exits 2. Anything else thrown is a bug and keeps its stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** `.shiftguard.yml` (or the file given with --config) is unreadable or invalid. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
}
