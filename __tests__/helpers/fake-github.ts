import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { findOperation, validateBody } from './openapi.js';

/**
 * A loopback GitHub REST API for end-to-end runs of the action. It checks every JSON body against GitHub's
 * OpenAPI description and answers the way GitHub does on the cases peers trip over: review lines outside the
 * diff (422), read-only tokens (403 "Resource not accessible by integration"), rate limits, 500s.
 */

export interface PullFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests get the fault (then it is spent). */
  times: number;
  /** Narrows the fault to some requests of the path, e.g. one page of a paginated list. */
  query?: (params: URLSearchParams) => boolean;
  /** Sent as the body as is (malformed JSON, a proxy's HTML page) instead of `body`. */
  raw?: string;
  /** Never answer: the client's own timeout must end the request. */
  hang?: boolean;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
}

const BOT = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };

/** Head-side commentable lines of a hunk-only patch, parsed independently of the code under test. */
export function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  for (const text of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) next = Number(header[1]);
    else if (text.startsWith('+') || text.startsWith(' ')) lines.add(next++);
  }
  return lines;
}

export class FakeGitHub {
  url = '';
  calls: RecordedCall[] = [];
  /** Bodies that GitHub's schema would reject, and requests to endpoints GitHub does not have. */
  invalid: string[] = [];
  faults: Fault[] = [];
  readOnly = false;
  /** "path:line" review comment positions the fake refuses even though they are in the diff (fault injection). */
  rejectLines = new Set<string>();
  pull = { number: 1, headSha: '', baseSha: '', fork: false };
  files: PullFile[] = [];
  reviews: Array<{ id: number; body: string; commit_id: string; event: string; user: typeof BOT }> = [];
  reviewComments: Array<{ id: number; body: string; path: string; line: number; start_line?: number; commit_id: string; user: typeof BOT }> = [];
  checkRuns: Array<{ id: number; name: string; head_sha: string; conclusion: string; output: { title: string; summary: string; text?: string }; annotations: Array<Record<string, unknown>> }> = [];
  statuses: Array<{ sha: string; state: string; context: string; description?: string }> = [];
  sarifs: Array<{ id: string; commit_sha: string; ref: string; checkout_uri?: string; sarif: unknown }> = [];
  artifacts: Array<{ id: number; runId: number; name: string; zip: Uint8Array }> = [];
  /** Repository content by commit sha, for the contents and trees endpoints. */
  trees: Record<string, Record<string, string>> = {};
  /** Ids of review comments whose thread was resolved (GraphQL). */
  resolvedThreads = new Set<number>();
  private server: Server | null = null;
  private nextId = 100;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.send(res, 500, { message: String(error) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    // Hung requests (fault injection) would otherwise hold close() open.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Calls that create or change content (what GitHub's secondary limit counts). */
  writes(): RecordedCall[] {
    return this.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD');
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const raw = headers['content-type'] === 'application/vnd.github.raw';
    const payload = body === undefined ? '' : raw ? String(body) : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '999', ...headers });
    res.end(payload);
  }

  private diffLines(path: string): Set<number> | null {
    const file = this.files.find((f) => f.filename === path);
    return file?.patch ? commentableLines(file.patch) : null;
  }

  /** GitHub's check: the line (and start_line) must be inside one diff hunk of that file. */
  private offDiff(comment: { path: string; line?: number; start_line?: number }): boolean {
    const lines = this.diffLines(comment.path);
    if (!lines || comment.line === undefined || !lines.has(comment.line)) return true;
    if (this.rejectLines.has(`${comment.path}:${comment.line}`)) return true;
    if (comment.start_line !== undefined) {
      if (comment.start_line >= comment.line) return true;
      for (let l = comment.start_line; l <= comment.line; l++) if (!lines.has(l)) return true;
    }
    return false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const call: RecordedCall = { method, path: url.pathname, query: url.searchParams, body, status: 0 };
    this.calls.push(call);
    const respond = (status: number, data: unknown, headers?: Record<string, string>): void => {
      call.status = status;
      this.send(res, status, data, headers);
    };

    if (url.pathname.startsWith('/_blobs/')) {
      const artifact = this.artifacts.find((a) => `/_blobs/${a.id}` === url.pathname);
      call.status = artifact ? 200 : 404;
      res.writeHead(call.status, { 'content-type': 'application/zip' });
      res.end(artifact ? Buffer.from(artifact.zip) : undefined);
      return;
    }
    const graphql = method === 'POST' && url.pathname === '/graphql';
    const template = graphql ? '/graphql' : findOperation(method, url.pathname);
    if (!template) {
      this.invalid.push(`no such endpoint: ${method} ${url.pathname}`);
      return respond(404, { message: 'Not Found' });
    }
    if (body !== undefined && !graphql) {
      const problems = validateBody(method, template, body);
      if (problems.length) {
        this.invalid.push(`${method} ${template}: ${problems.join('; ')}`);
        return respond(422, { message: 'Invalid request.', errors: problems });
      }
    }
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname) && (!f.query || f.query(url.searchParams)));
    if (fault) {
      fault.times--;
      call.status = fault.status;
      if (fault.hang) return;
      if (fault.raw !== undefined) {
        res.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8', ...fault.headers });
        res.end(fault.raw);
        return;
      }
      return respond(fault.status, fault.body ?? { message: 'Server Error' }, fault.headers);
    }
    if (graphql) return this.graphql(body as { query?: string; variables?: Record<string, unknown> }, respond);
    if (this.readOnly && method !== 'GET') {
      return respond(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    }
    this.route(method, template, url, body as Record<string, unknown>, respond);
  }

  private route(method: string, template: string, url: URL, body: Record<string, unknown>, respond: (s: number, d: unknown, h?: Record<string, string>) => void): void {
    const res = (s: number, d: unknown, h?: Record<string, string>): void => respond(s, d, h);
    const parts = url.pathname.split('/');
    const key = `${method} ${template}`;
    const pullOk = (): boolean => Number(parts[5]) === this.pull.number;
    switch (key) {
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}':
        if (!pullOk()) return res(404, { message: 'Not Found' });
        return res(200, { number: this.pull.number, head: { sha: this.pull.headSha, repo: { full_name: this.pull.fork ? 'fork/repo' : `${parts[2]}/${parts[3]}` } }, base: { sha: this.pull.baseSha } });
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files':
        return pullOk() ? this.pageOf(url, this.files, res) : res(404, { message: 'Not Found' });
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments':
        return this.pageOf(url, this.reviewComments, res);
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        return this.pageOf(url, this.reviews, res);
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': {
        const comments = (body.comments as Array<{ path: string; line?: number; start_line?: number; body: string }> | undefined) ?? [];
        if (comments.some((c) => this.offDiff(c))) {
          return res(422, { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' });
        }
        const review = { id: this.nextId++, body: String(body.body ?? ''), commit_id: String(body.commit_id), event: String(body.event), user: BOT };
        this.reviews.push(review);
        for (const c of comments) this.reviewComments.push({ id: this.nextId++, body: c.body, path: c.path, line: c.line as number, ...(c.start_line ? { start_line: c.start_line } : {}), commit_id: review.commit_id, user: BOT });
        return res(200, { ...review, state: 'COMMENTED' });
      }
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments': {
        const c = body as { path: string; line?: number; start_line?: number; body: string; commit_id: string };
        if (this.offDiff(c)) return res(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequestReviewComment', code: 'custom', field: 'pull_request_review_thread.line', message: 'could not be resolved' }] });
        const stored = { id: this.nextId++, body: c.body, path: c.path, line: c.line as number, ...(c.start_line ? { start_line: c.start_line } : {}), commit_id: c.commit_id, user: BOT };
        this.reviewComments.push(stored);
        return res(201, stored);
      }
      case 'PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}': {
        const comment = this.reviewComments.find((c) => c.id === Number(parts[6]));
        if (!comment) return res(404, { message: 'Not Found' });
        comment.body = String(body.body);
        return res(200, comment);
      }
      case 'POST /repos/{owner}/{repo}/code-scanning/sarifs': {
        const id = `sarif-${this.nextId++}`;
        const sarif: unknown = JSON.parse(gunzipSync(Buffer.from(String(body.sarif), 'base64')).toString('utf8'));
        this.sarifs.push({ id, commit_sha: String(body.commit_sha), ref: String(body.ref), ...(body.checkout_uri ? { checkout_uri: String(body.checkout_uri) } : {}), sarif });
        return res(202, { id, url: `${this.url}${url.pathname}/${id}` });
      }
      case 'GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}':
        return res(200, { processing_status: 'complete', analyses_url: `${this.url}/repos/x/y/code-scanning/analyses`, errors: null });
      case 'POST /repos/{owner}/{repo}/check-runs': {
        const output = body.output as { title: string; summary: string; text?: string; annotations?: Array<Record<string, unknown>> };
        const run = { id: this.nextId++, name: String(body.name), head_sha: String(body.head_sha), conclusion: String(body.conclusion), output, annotations: [...(output.annotations ?? [])] };
        this.checkRuns.push(run);
        return res(201, { id: run.id, name: run.name, head_sha: run.head_sha, status: 'completed', conclusion: run.conclusion });
      }
      case 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': {
        const run = this.checkRuns.find((r) => r.id === Number(parts[5]));
        if (!run) return res(404, { message: 'Not Found' });
        const output = body.output as { annotations?: Array<Record<string, unknown>> } | undefined;
        run.annotations.push(...(output?.annotations ?? []));
        return res(200, { id: run.id });
      }
      case 'POST /repos/{owner}/{repo}/statuses/{sha}':
        this.statuses.push({ sha: String(parts[5]), state: String(body.state), context: String(body.context), ...(body.description ? { description: String(body.description) } : {}) });
        return res(201, { id: this.nextId++, state: body.state });
      case 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': {
        const found = this.artifacts.filter((a) => a.runId === Number(parts[6]) && (!url.searchParams.get('name') || a.name === url.searchParams.get('name')));
        return res(200, { total_count: found.length, artifacts: found.map((a) => ({ id: a.id, name: a.name, size_in_bytes: a.zip.length, expired: false, archive_download_url: `${this.url}/repos/x/y/actions/artifacts/${a.id}/zip` })) });
      }
      case 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}':
        // GitHub answers with a redirect to short-lived blob storage.
        return res(302, undefined, { location: `${this.url}/_blobs/${parts[6]}` });
      case 'GET /repos/{owner}/{repo}/contents/{path}': {
        const path = decodeURIComponent(parts.slice(5).join('/'));
        const content = this.trees[url.searchParams.get('ref') ?? '']?.[path];
        return content === undefined ? res(404, { message: 'Not Found' }) : this.raw(content, respond);
      }
      case 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': {
        const tree = this.trees[String(parts[6])];
        if (!tree) return res(404, { message: 'Not Found' });
        return res(200, { sha: parts[6], truncated: false, tree: Object.entries(tree).map(([path, content]) => ({ path, type: 'blob', mode: '100644', size: Buffer.byteLength(content) })) });
      }
      default:
        this.invalid.push(`fake has no handler for ${key}`);
        return res(404, { message: 'Not Found' });
    }
  }

  /**
   * The two GraphQL operations the action sends: the PR's review threads (each comment of the fake starts its own
   * thread) and resolveReviewThread. GraphQL answers 200 with an `errors` list, also for a token that may not write.
   */
  private graphql(body: { query?: string; variables?: Record<string, unknown> }, respond: (s: number, d: unknown) => void): void {
    const query = body.query ?? '';
    const vars = body.variables ?? {};
    if (/resolveReviewThread\s*\(/.test(query)) {
      if (this.readOnly) return respond(200, { data: { resolveReviewThread: null }, errors: [{ type: 'FORBIDDEN', path: ['resolveReviewThread'], message: 'Resource not accessible by integration' }] });
      const id = Number(/^PRRT_(\d+)$/.exec(String(vars.thread))?.[1]);
      if (!this.reviewComments.some((c) => c.id === id)) {
        return respond(200, { data: { resolveReviewThread: null }, errors: [{ type: 'NOT_FOUND', path: ['resolveReviewThread'], message: `Could not resolve to a node with the global id of '${String(vars.thread)}'` }] });
      }
      this.resolvedThreads.add(id);
      return respond(200, { data: { resolveReviewThread: { thread: { id: vars.thread, isResolved: true } } } });
    }
    if (/reviewThreads\s*\(/.test(query)) {
      if (Number(vars.pull) !== this.pull.number) return respond(200, { data: { repository: { pullRequest: null } }, errors: [{ type: 'NOT_FOUND', path: ['repository', 'pullRequest'], message: `Could not resolve to a PullRequest with the number of ${String(vars.pull)}.` }] });
      const first = Number(/reviewThreads\(first:\s*(\d+)/.exec(query)?.[1] ?? 100);
      const start = vars.cursor ? Number(String(vars.cursor).replace('cursor:', '')) : 0;
      const page = this.reviewComments.slice(start, start + first);
      const end = start + page.length;
      return respond(200, {
        data: {
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage: end < this.reviewComments.length, endCursor: page.length ? `cursor:${end}` : null },
                nodes: page.map((c) => ({ id: `PRRT_${c.id}`, isResolved: this.resolvedThreads.has(c.id), comments: { nodes: [{ databaseId: c.id }] } })),
              },
            },
          },
        },
      });
    }
    this.invalid.push(`fake has no GraphQL handler for ${query.slice(0, 80)}`);
    return respond(200, { errors: [{ message: 'unsupported query' }] });
  }

  /** `application/vnd.github.raw`: the file's bytes as the body. */
  private raw(content: string, respond: (s: number, d: unknown, h?: Record<string, string>) => void): void {
    respond(200, content, { 'content-type': 'application/vnd.github.raw' });
  }

  private pageOf<T>(url: URL, items: T[], res: (s: number, d: unknown, h?: Record<string, string>) => void): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`;
    }
    res(200, items.slice((page - 1) * perPage, page * perPage), headers);
  }
}
