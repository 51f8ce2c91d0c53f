import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** ../shared/corpora beside the repository; corpus tests must fail loudly without it. */
export function corporaDir(): string {
  const dir = resolve(process.env.SHIFTGUARD_CORPORA ?? resolve(process.cwd(), '..', 'shared', 'corpora'));
  if (!existsSync(dir)) {
    throw new Error(`corpora folder not found at ${dir}: the corpus tests need ../shared/corpora beside the repository`);
  }
  return dir;
}
