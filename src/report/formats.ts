import type { Report } from '../model.js';
import { toJson } from './json.js';
import { toSarif } from './sarif.js';
import { toText } from './text.js';

export interface FormatOptions {
  color: boolean;
  /** Absolute root the findings' paths are relative to (SARIF's %SRCROOT%). */
  srcRoot: string;
}

/** Every output format of `shiftguard scan --format`, by name. */
export const FORMATS = {
  text: (report: Report, options: FormatOptions) => toText(report, options),
  json: (report: Report) => toJson(report),
  // One run for the CLI; the action splits by scanner and fits GitHub's limits before uploading.
  sarif: (report: Report, options: FormatOptions) => `${JSON.stringify(toSarif(report, { srcRoot: options.srcRoot }), null, 2)}\n`,
} satisfies Record<string, (report: Report, options: FormatOptions) => string>;

export type Format = keyof typeof FORMATS;
