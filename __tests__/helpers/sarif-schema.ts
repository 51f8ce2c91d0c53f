// Validates SARIF against the official 2.1.0 JSON schema shipped in @microsoft/jest-sarif. jest-sarif's own
// matcher cannot load (it requires tslib without declaring it), so the schema is read directly. It is draft-04,
// which ajv 8 reads through ajv-draft-04; unicodeRegExp is off because one schema pattern (language) is only
// valid as a non-unicode regular expression.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

// Both packages are CommonJS with `exports.default`; under NodeNext the class and plugin sit on `.default`.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

export function sarifSchemaPath(): string {
  return join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
}

let validator: ((data: unknown) => string[]) | null = null;

/** Schema errors as "path: message" lines; empty when the log is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(sarifSchemaPath(), 'utf8')) as object);
    validator = (data) =>
      validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
  }
  return validator(log);
}
