// The action's entry (bundled to dist/index.js): runner env in, one call, exit code out.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runEntry } from './action/entry.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { exitCode } = await runEntry(env);
  return exitCode;
}

// Run when node executes this file (the runner runs `node dist/index.js`), not when a test imports it.
const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(realpathSync(invoked)).href) {
  process.exitCode = await run();
}
