import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway directory, optionally a git repository, for tests that need real files and commits. */
export class TempDir {
  readonly root: string;

  constructor(prefix = 'shiftguard-') {
    this.root = mkdtempSync(join(tmpdir(), prefix));
  }

  write(path: string, content: string | Uint8Array): this {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=x', '-c', 'user.email=y@example.com', '-c', 'init.defaultBranch=main', ...args], {
      cwd: this.root,
      encoding: 'utf8',
    });
  }

  init(): this {
    this.git('init', '-q');
    return this;
  }

  commit(message: string): this {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '-m', message);
    return this;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
