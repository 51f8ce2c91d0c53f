import { execFile, spawn } from 'node:child_process';
import { UserError } from '../errors.js';

// Settings a user's gitconfig could set that would change the output we parse.
const NEUTRAL_CONFIG = ['-c', 'core.quotePath=false', '-c', 'color.ui=false', '-c', 'diff.noprefix=false'];
const MAX_BUFFER = 1024 * 1024 * 1024;

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git without a shell; never throws on a non-zero exit (callers decide what that means). */
export function git(cwd: string, args: string[], input?: Buffer): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    if (input === undefined) {
      execFile('git', [...NEUTRAL_CONFIG, ...args], { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr: stderr.toString('utf8') });
      });
      return;
    }
    // execFile cannot feed stdin; cat-file --batch needs it.
    const child = spawn('git', [...NEUTRAL_CONFIG, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(input);
  });
}

/** Runs git and returns stdout; a failure becomes a UserError naming the command's first line of stderr. */
export async function gitOk(cwd: string, args: string[], what: string): Promise<Buffer> {
  const result = await git(cwd, args);
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n')[0] || `git exited with code ${result.code}`;
    throw new UserError(`${what}: ${reason}`);
  }
  return result.stdout;
}

/** The top-level directory of the work tree containing `dir`, or null outside a git repository. */
export async function gitTopLevel(dir: string): Promise<string | null> {
  try {
    const result = await git(dir, ['rev-parse', '--show-toplevel']);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
  } catch {
    // git itself is missing: behave as outside a repository.
    return null;
  }
}

/** Splits NUL-terminated git output (-z) into fields. */
export function splitNul(out: Buffer): string[] {
  const text = out.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
