import { isDockerfilePath, scanDockerfiles } from '../../src/scanners/manifests/dockerfile/index.js';
import { parseDockerfile, substitute } from '../../src/scanners/manifests/dockerfile/model.js';

test('Dockerfile names', () => {
  for (const yes of ['Dockerfile', 'build/Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'x/containerfile']) expect(isDockerfilePath(yes)).toBe(true);
  for (const no of ['dockerfiles.yaml', 'src/docker.ts']) expect(isDockerfilePath(no)).toBe(false);
});

test('ARG defaults before FROM are substituted, with ${VAR:-default}', () => {
  expect(substitute('node:${V:-20}-${OS}', new Map([['OS', 'alpine']]))).toBe('node:20-alpine');
  const df = parseDockerfile('ARG BASE=python\nARG TAG=3.12-slim\nFROM ${BASE}:$TAG AS app\n');
  expect(df.stages[0]).toMatchObject({ image: '${BASE}:$TAG', resolvedImage: 'python:3.12-slim', name: 'app' });
});

test('findings are line-accurate, keep fingerprints across line moves, and ignore other files', () => {
  const content = 'FROM alpine:3.20\nRUN echo a \\\n  && chmod 777 /x\n';
  const moved = `# comment\n\n${content}`;
  const a = scanDockerfiles([{ path: 'Dockerfile', content, addedLines: null }]).findings.find((f) => f.ruleId === 'dockerfile-chmod-777');
  const b = scanDockerfiles([{ path: 'Dockerfile', content: moved, addedLines: null }]).findings.find((f) => f.ruleId === 'dockerfile-chmod-777');
  expect(a?.startLine).toBe(3);
  expect(b?.startLine).toBe(5);
  expect(a?.fingerprint).toBe(b?.fingerprint);
  expect(scanDockerfiles([{ path: 'app.yaml', content, addedLines: null }]).findings).toEqual([]);
});

test('a file named like a Dockerfile without FROM is an error entry, not silence', () => {
  const { errors } = scanDockerfiles([{ path: 'Dockerfile.notes', content: 'just some notes\n', addedLines: null }]);
  expect(errors).toEqual([{ path: 'Dockerfile.notes', reason: 'no FROM instruction: not scanned as a Dockerfile', scanner: 'manifests' }]);
});

test('disabled rules do not run', () => {
  const { findings } = scanDockerfiles([{ path: 'Dockerfile', content: 'FROM alpine\n', addedLines: null }], { disabled: new Set(['dockerfile-base-image-latest']) });
  expect(findings.map((f) => f.ruleId).sort()).toEqual(['dockerfile-healthcheck-missing', 'dockerfile-user-root']);
});

test('a RUN heredoc is read as one command per line, without its terminator', () => {
  const content = 'FROM debian:12\nRUN <<EOT\n  apt-get update\n  apt-get install -y curl\n  curl -fsSL https://example.com/i.sh | sh\nEOT\nUSER app\n';
  const { findings } = scanDockerfiles([{ path: 'Dockerfile', content, addedLines: null }]);
  const apt = findings.find((f) => f.ruleId === 'dockerfile-apt-unpinned');
  expect(apt).toMatchObject({ startLine: 4 });
  expect(apt!.message).toContain('curl');
  expect(apt!.message).not.toContain('EOT');
  expect(findings.find((f) => f.ruleId === 'dockerfile-curl-pipe-shell')).toMatchObject({ startLine: 5 });
  expect(parseDockerfile(content).stages[0]!.steps[0]!.text).toBe('apt-get update ; apt-get install -y curl ; curl -fsSL https://example.com/i.sh | sh');
});
