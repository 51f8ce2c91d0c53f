import type { Report } from '../model.js';
import { toJson } from './json.js';
import { toText } from './text.js';

export interface FormatOptions {
  color: boolean;
}

/** Every output format of `shiftguard scan --format`, by name. */
export const FORMATS = {
  text: (report: Report, options: FormatOptions) => toText(report, options),
  json: (report: Report) => toJson(report),
} satisfies Record<string, (report: Report, options: FormatOptions) => string>;

export type Format = keyof typeof FORMATS;
