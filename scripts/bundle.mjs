// Bundles the two entry points with @vercel/ncc: lib/main.js -> dist/index.js (the action) and
// lib/cli.js -> dist/cli.js (the CLI, with its shebang). ncc names its output index.js and adds a
// {"type":"module"} package.json, so each entry is built into its own temp dir and moved. Rules
// stay data in rules/; the bundle also gets dist/rules.json, the same rules already parsed and
// validated, so a run does not spend a second parsing YAML (a stale copy shows in `git diff dist`).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const ENTRIES = [
  { input: 'lib/main.js', output: 'index.js', source: 'src/main.ts' },
  { input: 'lib/cli.js', output: 'cli.js', source: 'src/cli.ts', shebang: true },
];

const missing = ENTRIES.filter((e) => !existsSync(join(root, e.input)));
if (missing.length) {
  for (const e of missing) console.error(`bundle: ${e.input} is missing (is there a ${e.source}? run npm run build first)`);
  process.exit(1);
}

function nccBuild(input, out) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ncc, 'build', join(root, input), '-o', out, '--quiet', '--target', 'es2022'], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bundle: ncc failed on ${input} (exit ${code})`))));
  });
}

// The two builds are independent and ncc is mostly single-threaded: run them side by side.
const outs = ENTRIES.map(() => mkdtempSync(join(tmpdir(), 'shiftguard-ncc-')));
try {
  await Promise.all(ENTRIES.map((entry, i) => nccBuild(entry.input, outs[i])));
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist);
  ENTRIES.forEach((entry, i) => {
    const out = outs[i];
    for (const name of readdirSync(out)) {
      if (name === 'package.json') continue;
      const target = name === 'index.js' ? entry.output : name;
      let code = readFileSync(join(out, name));
      if (target === entry.output && entry.shebang && !code.subarray(0, 2).equals(Buffer.from('#!'))) {
        code = Buffer.concat([Buffer.from('#!/usr/bin/env node\n'), code]);
      }
      if (existsSync(join(dist, target)) && !readFileSync(join(dist, target)).equals(code)) {
        throw new Error(`bundle: both entries emit a different ${target}`);
      }
      writeFileSync(join(dist, target), code);
      if (entry.shebang && target === entry.output) chmodSync(join(dist, target), 0o755);
    }
  });
} finally {
  for (const out of outs) rmSync(out, { recursive: true, force: true });
}
const { readRulesDir, builtinRulesDir, BUNDLED_RULES_FILE } = await import(join(root, 'lib', 'rules', 'load.js'));
const { SCANNER_IDS } = await import(join(root, 'lib', 'model.js'));
const rules = Object.fromEntries(SCANNER_IDS.map((scanner) => [scanner, readRulesDir(scanner, builtinRulesDir())]));
writeFileSync(join(dist, BUNDLED_RULES_FILE), `${JSON.stringify({ rules })}\n`);
// ncc's output is ESM; say so even where dist/ is copied without our package.json.
writeFileSync(join(dist, 'package.json'), '{\n  "type": "module"\n}\n');
console.log(`bundle: ${ENTRIES.map((e) => `dist/${e.output}`).join(', ')} written`);
