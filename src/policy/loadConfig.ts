import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from '../config.js';
import { ConfigError } from '../errors.js';

export const CONFIG_FILE_NAMES = ['.shiftguard.yml', '.shiftguard.yaml'];

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length ? `${issue.path.join('.')}.` : '';
    return `${issue.keys.map((k) => `${prefix}${k}`).join(', ')}: unknown key`;
  }
  if (issue.code === 'invalid_value') return `${key}: expected one of ${issue.values.map(String).join('|')}`;
  return `${key}: ${issue.message}`;
}

/** Parses and validates config text; `source` names the file in messages. */
export function parseConfig(text: string, source: string): Config {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) throw new ConfigError(`config ${source}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const value: unknown = doc.toJS() ?? {};
  const result = configSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(`config ${source}: ${result.error.issues.map(describeIssue).join('; ')}`);
  }
  return result.data;
}

export interface LoadConfigOptions {
  /** Directory searched for .shiftguard.yml / .shiftguard.yaml. */
  root: string;
  /** An explicit file (--config); it must exist. */
  file?: string;
}

export interface LoadedConfig {
  config: Config;
  /** The file read, or null when defaults are used. */
  source: string | null;
}

/** Loads the config file (explicit, or found in root) into a typed Config; errors name the key. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const candidates = options.file !== undefined ? [options.file] : CONFIG_FILE_NAMES.map((name) => join(options.root, name));
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (options.file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ConfigError(`config ${file}: cannot read: ${(error as Error).message}`);
    }
    const shown = options.file ?? relative(options.root, file);
    return { config: parseConfig(text, shown), source: file };
  }
  return { config: parseConfig('', 'defaults'), source: null };
}
