import { parsePatch } from 'diff';
import type { ChangeSet, ChangedFile, FileStatus, FileTree, SkippedFile } from '../model.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/repo.js';

/** GitHub's pulls/{n}/files endpoint returns at most 3,000 files (docs: "List pull requests files"). */
export const PR_FILES_API_CAP = 3000;

export interface PullRequestFile {
  filename: string;
  previous_filename?: string;
  status: string;
  patch?: string;
}

export interface PullRequestFiles {
  files: PullRequestFile[];
  /** True when the PR has more files than the API will list: the caller must use git instead. */
  overCap: boolean;
}

/** All files of a pull request, 100 a page (the REST maximum), stopping at GitHub's 3,000-file cap. */
export async function listPullRequestFiles(client: GitHubClient, repo: RepoRef, pull: number): Promise<PullRequestFiles> {
  const files: PullRequestFile[] = [];
  for await (const page of client.paginate.iterator(client.rest.pulls.listFiles, { ...repo, pull_number: pull, per_page: 100 })) {
    for (const f of page.data) {
      files.push({ filename: f.filename, status: f.status, ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}), ...(f.patch !== undefined ? { patch: f.patch } : {}) });
    }
  }
  return { files, overCap: files.length >= PR_FILES_API_CAP };
}

export interface PatchLines {
  /** Head-side lines the patch adds. */
  added: Set<number>;
  /** Head-side lines inside a hunk (added or context): where a review comment may sit. */
  commentable: Set<number>;
}

/** Parses the hunk-only `patch` of the files API into head-side line sets. */
export function parsePatchLines(patch: string): PatchLines {
  const added = new Set<number>();
  const commentable = new Set<number>();
  // parsePatch wants file headers; the files API gives hunks only.
  for (const file of parsePatch(`--- a/f\n+++ b/f\n${patch}\n`)) {
    for (const hunk of file.hunks) {
      let line = hunk.newStart;
      for (const text of hunk.lines) {
        const mark = text[0];
        if (mark === '+') {
          added.add(line);
          commentable.add(line);
          line++;
        } else if (mark === ' ') {
          commentable.add(line);
          line++;
        }
        // '-' lines and "\ No newline" markers take no head-side line.
      }
    }
  }
  return { added, commentable };
}

const STATUS: Record<string, FileStatus> = {
  added: 'added', modified: 'modified', changed: 'modified', renamed: 'renamed', removed: 'removed', copied: 'copied', unchanged: 'unchanged',
};

/** One files-API entry as a ChangedFile; a file without `patch` (binary or too large) counts as wholly changed. */
export function toChangedFile(file: PullRequestFile): ChangedFile {
  const status = STATUS[file.status] ?? 'modified';
  const base = { path: file.filename, oldPath: file.previous_filename ?? file.filename, status };
  if (file.patch === undefined || file.patch === '') {
    // Added/renamed-without-changes files come without a patch too; only a modified file lacks it for size.
    return { ...base, addedLines: null, diffLines: status === 'renamed' ? new Set<number>() : null };
  }
  const lines = parsePatchLines(file.patch);
  return { ...base, addedLines: lines.added, diffLines: lines.commentable };
}

/** Head-side commentable lines per path, as GitHub sees the PR diff (what the review API validates against). */
export function commentableLinesByPath(files: PullRequestFile[]): Map<string, ReadonlySet<number> | null> {
  return new Map(files.map((f) => [f.filename, toChangedFile(f).diffLines]));
}

/** A revision read through the contents API: used for the base side when the base commit is not in the checkout. */
export function apiFileTree(client: GitHubClient, repo: RepoRef, ref: string): FileTree {
  // One recursive tree call serves every listing and size look-up of the run.
  let tree: Promise<Map<string, number | null>> | null = null;
  const blobs = (): Promise<Map<string, number | null>> => {
    tree ??= client.rest.git.getTree({ ...repo, tree_sha: ref, recursive: 'true' }).then((res) => {
      const entries = res.data.tree.filter((e) => e.type === 'blob' && e.path !== undefined);
      return new Map(entries.map((e) => [e.path as string, typeof e.size === 'number' ? e.size : null]));
    });
    tree.catch(() => (tree = null));
    return tree;
  };
  return {
    async read(path) {
      try {
        const res = await client.rest.repos.getContent({ ...repo, path, ref, mediaType: { format: 'raw' } });
        // Octokit hands raw bodies back as text or as an ArrayBuffer depending on the content-type charset.
        const data: unknown = res.data;
        if (typeof data === 'string') return new TextEncoder().encode(data);
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (data instanceof Uint8Array) return data;
        throw new Error(`contents API returned no raw body for ${path}`);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    async size(path) {
      // The tree API gives each blob's size; a truncated tree or a failed call leaves it unknown (null), and the read decides.
      return blobs().then((sizes) => sizes.get(path) ?? null, () => null);
    },
    async list(dir) {
      const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
      return [...(await blobs()).keys()].filter((p) => p.startsWith(prefix));
    },
  };
}

export interface ApiChangeSetOptions {
  client: GitHubClient;
  repo: RepoRef;
  pull: number;
  baseSha: string;
  headSha: string;
  root: string;
  /** The checked-out head (working tree); PR content is read from disk, never executed. */
  head: FileTree;
}

/** ChangeSet from the PR files API, or null when the PR is over the API's file cap (caller falls back to git). */
export async function buildApiChangeSet(options: ApiChangeSetOptions): Promise<{ changeSet: ChangeSet; files: PullRequestFile[] } | null> {
  const listed = await listPullRequestFiles(options.client, options.repo, options.pull);
  if (listed.overCap) return null;
  const skipped: SkippedFile[] = [];
  const files = listed.files.map(toChangedFile);
  for (const f of listed.files) {
    if (f.patch === undefined && f.status === 'modified') {
      skipped.push({ path: f.filename, reason: 'GitHub sent no patch (binary or too large); scanned as wholly changed', nothingLost: true });
    }
  }
  return {
    files: listed.files,
    changeSet: {
      root: options.root,
      files,
      head: options.head,
      base: apiFileTree(options.client, options.repo, options.baseSha),
      baseRef: options.baseSha,
      headRef: options.headSha,
      skipped,
    },
  };
}
