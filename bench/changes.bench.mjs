// The git change set of a large pull request: 3,000 modified files, each read on both sides.
// Floor: the same git work done directly (diff -p, then cat-file --batch of every head and base blob).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildGitChangeSet } from '../lib/changes/gitChangeSet.js';

const FILES = 3000;
const root = mkdtempSync(join(tmpdir(), 'shiftguard-bench-changes-'));
const git = (...args) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...args], { cwd: root, maxBuffer: 1 << 30 });
const write = (suffix) => {
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, `svc-${i % 50}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `deploy-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: "1"\n${suffix}`);
  }
};
git('init', '-q', '-b', 'main');
write('');
git('add', '-A');
git('commit', '-q', '-m', 'base');
git('checkout', '-q', '-b', 'feature');
write('  b: "2"\n');
git('commit', '-q', '-am', 'change every file');
git('gc', '-q');

function best(fn, runs = 3) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const done = fn();
    if (done instanceof Promise) throw new Error('use bestAsync');
    min = Math.min(min, performance.now() - start);
  }
  return min;
}
async function bestAsync(fn, runs = 3) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

const floor = best(() => {
  git('diff', '-M', '-p', 'main', 'feature');
  const blobs = ['main', 'feature'].flatMap((rev) =>
    git('ls-tree', '-r', rev).toString().trim().split('\n').map((l) => l.split(/\s+/)[2]),
  );
  execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: blobs.join('\n') + '\n', maxBuffer: 1 << 30 });
});
const ours = await bestAsync(async () => {
  const changes = await buildGitChangeSet({ root, base: 'main', head: 'feature' });
  await Promise.all(changes.files.map((f) => changes.head.read(f.path)));
  await Promise.all(changes.files.map((f) => changes.base.read(f.oldPath)));
  if (changes.files.length !== FILES) throw new Error(`expected ${FILES} changed files, got ${changes.files.length}`);
});
rmSync(root, { recursive: true, force: true });
const ratio = ours / floor;
console.log(
  JSON.stringify({ name: 'git change set, 3,000 modified files read on both sides', files: FILES, oursMs: ours, floorMs: floor, ratio, goal: 'ratio <= 3', met: ratio <= 3 }),
);
