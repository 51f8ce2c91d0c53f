import type { ChangeSet, FileTree, ScanError } from '../model.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/repo.js';
import { httpMessage } from '../github/repo.js';
import { apiFileTree, buildApiChangeSet, PR_FILES_API_CAP } from '../changes/github-api.js';
import { ensureBaseCommit } from '../changes/base-fetch.js';
import type { ActionEvent } from './event.js';
import picomatch from 'picomatch';

/** Keeps the files the `paths` input selects; a plain directory name selects everything under it. */
export function onlyPaths(changeSet: ChangeSet, patterns: string[]): ChangeSet {
  if (patterns.length === 0) return changeSet;
  const glob = picomatch(patterns, { dot: true });
  const dirs = patterns.map((p) => `${p.replace(/^\.\/+/, '').replace(/\/+$/, '')}/`);
  const keep = (path: string): boolean => glob(path) || dirs.some((d) => path.startsWith(d));
  return { ...changeSet, files: changeSet.files.filter((f) => keep(f.path)), skipped: changeSet.skipped.filter((s) => keep(s.path)) };
}

export interface ChangeSetBuilders {
  git(options: { root: string; base: string; head?: string; paths?: string[] }): Promise<ChangeSet>;
  directory(options: { root: string; paths?: string[] }): Promise<ChangeSet>;
}

export interface SelectedChangeSet {
  changeSet: ChangeSet;
  source: 'git' | 'pull-request-files-api' | 'workspace';
  notes: string[];
  /** Failures while reading the change set: they fail the verdict unless fail-on-error is false. */
  errors: ScanError[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Which change set this event scans: a PR diff from local git when the base commit is (or can be made) present,
 * else from the PR files API; a push's range; otherwise the whole workspace.
 */
export interface SelectOptions {
  event: ActionEvent;
  root: string;
  /** The `paths` input: globs (picomatch) or directories; empty = everything. */
  paths: string[];
  client: GitHubClient;
  repo: RepoRef;
  builders: ChangeSetBuilders;
}

export async function selectChangeSet(options: SelectOptions): Promise<SelectedChangeSet> {
  const selected = await pickChangeSet(options);
  return { ...selected, changeSet: onlyPaths(selected.changeSet, options.paths) };
}

async function pickChangeSet(options: SelectOptions): Promise<SelectedChangeSet> {
  const { event, root, builders } = options;
  const notes: string[] = [];
  const errors: ScanError[] = [];
  const workspace = async (why: string): Promise<SelectedChangeSet> => {
    notes.push(why);
    return { changeSet: await builders.directory({ root }), source: 'workspace', notes, errors };
  };

  if (event.kind === 'push') {
    const base = await ensureBaseCommit(root, event.before);
    if (base.note) notes.push(base.note);
    if (base.present) {
      try {
        return { changeSet: await builders.git({ root, base: event.before, head: 'HEAD' }), source: 'git', notes, errors };
      } catch (error) {
        notes.push(`pushed range ${event.before.slice(0, 12)}..HEAD not readable from git (${message(error)})`);
      }
    }
    return workspace('scanning the whole workspace: the pushed range is not available');
  }
  if (event.kind !== 'pull_request') return workspace(`event ${event.kind === 'other' ? event.name || 'unknown' : event.kind}: scanning the whole workspace`);

  if (event.name === 'pull_request_target') {
    // The workspace holds the base branch here, and checking out PR code with this write token is unsafe:
    // read both sides through the API as data instead.
    return fromApi(options, notes, errors, apiFileTree(options.client, options.repo, event.headSha), 'pull_request_target: PR files read through the API, nothing checked out');
  }
  const base = await ensureBaseCommit(root, event.baseSha);
  if (base.note) notes.push(base.note);
  if (base.present) {
    try {
      return { changeSet: await builders.git({ root, base: event.baseSha, head: 'HEAD' }), source: 'git', notes, errors };
    } catch (error) {
      // Typically a shallow history with no merge base: the files API knows the PR's diff without it.
      notes.push(`git diff against the base failed (${message(error)}); using the pull request files API`);
    }
  }
  return fromApi(options, notes, errors, (await builders.directory({ root })).head, 'change set from the pull request files API');
}

async function fromApi(options: SelectOptions, notes: string[], errors: ScanError[], head: FileTree, note: string): Promise<SelectedChangeSet> {
  const { event, root } = options;
  if (event.kind !== 'pull_request') throw new Error('fromApi needs a pull_request event');
  try {
    const api = await buildApiChangeSet({ client: options.client, repo: options.repo, pull: event.number, baseSha: event.baseSha, headSha: event.headSha, root, head });
    if (api) {
      notes.push(note);
      return { changeSet: api.changeSet, source: 'pull-request-files-api', notes, errors };
    }
    notes.push(`the pull request has ${PR_FILES_API_CAP}+ files, more than GitHub's files API lists; fetch the base (fetch-depth: 0) so git can diff it`);
    if (event.name === 'pull_request_target') errors.push({ path: '.', reason: `pull request over ${PR_FILES_API_CAP} files: not scannable under pull_request_target without checking out its code` });
  } catch (error) {
    errors.push({ path: '.', reason: `could not read the pull request's changes from the API: ${httpMessage(error)}` });
  }
  // Without a diff every file counts as changed: findings cannot be told new from existing, so say so loudly.
  notes.push('scanning the whole workspace as changed: no diff of this pull request could be read');
  return { changeSet: await options.builders.directory({ root }), source: 'workspace', notes, errors };
}
