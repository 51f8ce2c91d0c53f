import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubClient } from '../../src/github/client.js';

// Content-creating requests: a burst goes out back to back, one at a time; after it, each write waits
// for the bucket to refill. Only lower bounds on waiting are asserted (a busy machine only adds time).

let server: Server;
let url = '';
const arrivals: Array<{ at: number; open: number }> = [];
let open = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    open++;
    arrivals.push({ at: Date.now(), open });
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        open--;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"id":1}');
      }, 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a burst of writes is sent serially without waiting; the next write waits for the refill', async () => {
  const spacing = 300;
  const client = createGitHubClient({ token: 't', baseUrl: url, log: () => undefined, writeSpacingMs: spacing, writeBurst: 3 });
  const started = Date.now();
  await Promise.all(
    [0, 1, 2, 3].map((i) => client.request('POST /repos/{owner}/{repo}/statuses/{sha}', { owner: 'o', repo: 'r', sha: `s${i}`, state: 'success' })),
  );
  expect(arrivals).toHaveLength(4);
  // Never two writes in flight at once (GitHub: make requests serially).
  expect(arrivals.every((a) => a.open === 1)).toBe(true);
  // The fourth write had to wait for one refill interval after the start.
  expect(arrivals[3]!.at - started).toBeGreaterThanOrEqual(spacing * 0.9);
});
