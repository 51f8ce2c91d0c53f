// Whole-action run on a synthetic 1,000-file pull request (temp git repo, loopback fake GitHub API),
// as a ratio to the floor of reading the same 1,000 files; plus the cold start of dist/index.js next to
// node loading an ncc bundle of @octokit/rest alone. Prints JSON lines for bench/run.mjs.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const corpus = join(here, '.corpus');
const dist = join(root, 'dist', 'index.js');
if (!existsSync(dist)) throw new Error('dist/index.js missing: run npm run bundle first');

const git = (cwd, ...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd, encoding: 'utf8' });

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

// The PR: 600 manifests from the manifests corpus, 390 source files from the code corpus, the big
// lockfile, and a handful of planted problems, added on top of a small base commit.
function buildRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'shiftguard-bench-pr-'));
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), '# bench\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const base = git(repo, 'rev-parse', 'HEAD').trim();
  git(repo, 'checkout', '-qb', 'feature');
  const manifests = listFiles(join(corpus, 'manifests')).filter((f) => /\.ya?ml$/.test(f)).slice(0, 600);
  const code = listFiles(join(corpus, 'code', 'lodash')).filter((f) => f.endsWith('.js')).slice(0, 390);
  const files = [];
  manifests.forEach((f, i) => files.push([`deploy/m${i}.yaml`, readFileSync(f)]));
  code.forEach((f, i) => files.push([`src/c${i}.js`, readFileSync(f)]));
  files.push(['package-lock.json', readFileSync(join(corpus, 'lockfile', 'package-lock.json'))]);
  files.push(['package.json', readFileSync(join(corpus, 'lockfile', 'package.json'))]);
  for (let i = files.length; i < 1000; i++) files.push([`notes/n${i}.md`, Buffer.from(`note ${i}\n`)]);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'head: 1,000 files');
  return { repo, base, head: git(repo, 'rev-parse', 'HEAD').trim(), paths: files.map(([p]) => p) };
}

// Answers like GitHub for the calls the action makes; the bench measures our work, not the API.
function fakeGitHub() {
  let calls = 0;
  const server = createServer((req, res) => {
    calls++;
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = req.url ?? '';
      let status = 200;
      let payload = {};
      if (req.method === 'GET') {
        if (/\/code-scanning\/sarifs\//.test(url)) payload = { processing_status: 'complete', errors: null };
        else if (/\/(comments|reviews|files|statuses|annotations|check-runs)(\?|$)/.test(url)) payload = [];
      } else {
        status = req.method === 'POST' ? 201 : 200;
        if (/\/code-scanning\/sarifs/.test(url)) status = 202;
        payload = { id: calls, number: 1, html_url: 'https://github.example/x', url: 'https://github.example/x' };
      }
      res.writeHead(status, { 'content-type': 'application/json', 'x-ratelimit-remaining': '5000' });
      res.end(JSON.stringify(payload));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}`, calls: () => calls })));
}

function runAction(env) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [dist], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, out }));
  });
}

function timeNode(args, env = process.env) {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const pr = buildRepo();
const api = await fakeGitHub();
const runner = mkdtempSync(join(tmpdir(), 'shiftguard-bench-runner-'));
mkdirSync(join(runner, 'temp'));
const eventPath = join(runner, 'event.json');
writeFileSync(eventPath, JSON.stringify({
  action: 'synchronize', number: 1,
  pull_request: { number: 1, head: { sha: pr.head, ref: 'feature', repo: { full_name: 'acme/shop', fork: false } }, base: { sha: pr.base, ref: 'main', repo: { full_name: 'acme/shop' } } },
  repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
}));
const env = {
  PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_API_URL: api.url,
  GITHUB_SERVER_URL: 'https://github.example', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath,
  GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: pr.head, GITHUB_REF: 'refs/pull/1/merge', GITHUB_RUN_ID: '1',
  GITHUB_WORKSPACE: pr.repo, GITHUB_STEP_SUMMARY: join(runner, 'summary.md'), GITHUB_OUTPUT: join(runner, 'output'),
  RUNNER_TEMP: join(runner, 'temp'), 'INPUT_GITHUB-TOKEN': 'ghs_bench', INPUT_SCANNERS: 'secrets,sca,manifests',
  'INPUT_FAIL-ON': 'high', INPUT_COMMENT: 'true', 'INPUT_UPLOAD-SARIF': 'true', 'INPUT_SARIF-FILE': 'shiftguard.sarif',
  'INPUT_CHECK-NAME': 'shiftguard', INPUT_MODE: 'scan-and-report', 'INPUT_FAIL-ON-ERROR': 'false',
  // SCA needs an advisory source; the bench uses the offline corpus so no network is touched.
  'INPUT_ADVISORY-DB': join(root, '..', 'shared', 'corpora', 'advisories'), INPUT_CONFIG: '.shiftguard.yml',
};
writeFileSync(join(runner, 'summary.md'), '');
writeFileSync(join(runner, 'output'), '');

// Floor: read every file of the PR once, in a fresh process like the action.
const floorScript = `const fs=require('fs');let n=0;for(const p of ${JSON.stringify(pr.paths.map((p) => join(pr.repo, p)))})n+=fs.readFileSync(p).length;`;
const floors = [0, 1, 2].map(() => timeNode(['-e', floorScript]));
const runs = [];
// Five runs, median: one slow run on a shared machine should not decide the figure.
for (let i = 0; i < 5; i++) runs.push(await runAction(env));
const last = runs[runs.length - 1];
const outputs = readFileSync(join(runner, 'output'), 'utf8');
const findings = /findings<<\S+\n(\d+)/.exec(outputs)?.[1];
const floorMs = median(floors);
const actionMs = median(runs.map((r) => r.ms));
console.log(JSON.stringify({
  name: 'action: whole run on a 1,000-file pull request (loopback GitHub API)',
  files: pr.paths.length, findings: Number(findings ?? -1), exitCode: last.code, apiCalls: api.calls(),
  actionMs, floorReadFilesMs: floorMs, ratio: actionMs / floorMs, goal: 'wall <= 5000 ms', met: actionMs <= 5000,
}));
if (findings === undefined) process.stderr.write(last.out.slice(-3000));

// Cold start: dist/index.js on an empty workspace with no event, vs loading an ncc bundle of Octokit alone.
const empty = mkdtempSync(join(tmpdir(), 'shiftguard-bench-empty-'));
const coldEnv = { ...env, GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_WORKSPACE: empty, 'INPUT_UPLOAD-SARIF': 'false', INPUT_COMMENT: 'false' };
const octo = join(here, '.tmp', 'octokit-only');
mkdirSync(octo, { recursive: true });
writeFileSync(join(octo, 'entry.mjs'), "import { Octokit } from '@octokit/rest';\nnew Octokit();\n");
if (!existsSync(join(octo, 'out', 'index.mjs'))) {
  execFileSync(join(root, 'node_modules', '.bin', 'ncc'), ['build', join(octo, 'entry.mjs'), '-o', join(octo, 'out'), '-q'], { cwd: root, stdio: 'ignore' });
}
const cold = [];
const octoMs = [];
for (let i = 0; i < 5; i++) {
  cold.push((await runAction(coldEnv)).ms);
  octoMs.push(timeNode([join(octo, 'out', 'index.mjs')]));
}
console.log(JSON.stringify({
  name: 'action: cold start of dist/index.js (empty workspace) vs node loading an Octokit bundle alone',
  distIndexMs: median(cold), octokitBundleMs: median(octoMs), ratio: median(cold) / median(octoMs),
}));
api.server.close();
rmSync(pr.repo, { recursive: true, force: true });
