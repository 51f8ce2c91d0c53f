import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from './model.js';

const INFORMATION_URI = 'https://github.com/shiftguard/shiftguard';

/** Our package.json, found by walking up from this module (src/, lib/ or dist/ beside it). */
function readPackageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      // dist/ holds a bare {"type": "module"} package.json: keep walking up to ours.
      if (pkg.name === 'shiftguard' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  throw new Error('shiftguard: package.json not found above the running module');
}

let cached: string | null = null;

export function toolInfo(): Report['tool'] {
  cached ??= readPackageVersion();
  return { name: 'shiftguard', version: cached, informationUri: INFORMATION_URI };
}
