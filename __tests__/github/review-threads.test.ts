import { FakeGitHub } from '../helpers/fake-github.js';
import { createGitHubClient } from '../../src/github/client.js';
import { resolveThreads } from '../../src/github/threads.js';
import { allFixed, fixedMarker, findingMarker, ITEM_MARKER } from '../../src/report/review-comment.js';

// Resolving the threads of fully fixed comments goes through GraphQL: paging over the PR's threads, a cap per run,
// and GitHub's habit of answering 200 with an `errors` list.

const BOT = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };
const target = { owner: 'acme', repo: 'shop', pull: 1, headSha: 'a'.repeat(40) };

describe('resolving review threads of fixed findings', () => {
  let fake: FakeGitHub;
  const client = () => createGitHubClient({ token: 't', baseUrl: fake.url, log: () => undefined, writeSpacingMs: 0, retryBaseMs: 1 });
  beforeEach(async () => {
    fake = new FakeGitHub();
    await fake.start();
    fake.pull = { number: 1, headSha: target.headSha, baseSha: 'b'.repeat(40), fork: false };
    fake.reviewComments = Array.from({ length: 250 }, (_, i) => ({ id: 1000 + i, body: `c${i}`, path: 'a.yaml', line: i + 1, commit_id: target.headSha, user: BOT }));
  });
  afterEach(() => fake.stop());

  test('finds the threads across pages and resolves only those asked for', async () => {
    const outcome = await resolveThreads(client(), target, new Set([1001, 1150, 1249, 99]), 20);
    expect(fake.invalid).toEqual([]);
    expect(outcome).toMatchObject({ resolved: 3, notes: [] });
    expect([...fake.resolvedThreads].sort()).toEqual([1001, 1150, 1249]);
    expect(fake.calls.filter((c) => c.path === '/graphql')).toHaveLength(3 + 3);
  });

  test('threads already resolved are left alone; the cap is counted in a note', async () => {
    fake.resolvedThreads.add(1001);
    const outcome = await resolveThreads(client(), target, new Set([1001, 1002, 1003, 1004]), 2);
    expect(outcome.resolved).toBe(2);
    expect([...fake.resolvedThreads].sort()).toEqual([1001, 1002, 1003]);
    expect(outcome.notes).toEqual(['1 review thread(s) of fixed findings left open this run (cap 2)']);
  });

  test('a forbidden mutation stops the run of mutations with one note', async () => {
    fake.readOnly = true;
    const outcome = await resolveThreads(client(), target, new Set([1001, 1002]), 20);
    expect(outcome.resolved).toBe(0);
    expect(outcome.notes).toEqual(['review thread not resolved: Resource not accessible by integration']);
    expect(fake.calls.filter((c) => c.path === '/graphql')).toHaveLength(3 + 1);
  });

  test('a server error on the thread list is a note, not a throw', async () => {
    fake.faults.push({ method: 'POST', path: /^\/graphql$/, status: 502, times: 10 });
    const outcome = await resolveThreads(client(), target, new Set([1001]), 20);
    expect(outcome.resolved).toBe(0);
    expect(outcome.notes[0]).toMatch(/^review threads not read, fixed ones left open: /);
  });

  test('nothing to resolve: no request at all', async () => {
    expect(await resolveThreads(client(), target, new Set(), 20)).toEqual({ resolved: 0, calls: 0, notes: [] });
    expect(fake.calls).toEqual([]);
  });

  test('a comment counts as settled only when none of its findings is still open', () => {
    const open = `${ITEM_MARKER}\nA\n${findingMarker('fp1')}`;
    const fixed = `${ITEM_MARKER}\n~~A~~ — fixed since this comment\n${fixedMarker('fp1')}`;
    expect(allFixed(fixed)).toBe(true);
    expect(allFixed(`${fixed}\n\n---\n\n${open}`)).toBe(false);
    expect(allFixed(open)).toBe(false);
    expect(allFixed('a comment by someone else')).toBe(false);
  });
});
