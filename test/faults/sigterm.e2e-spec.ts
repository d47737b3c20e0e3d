// SIGTERM under load, on the built service as it runs in production (`node dist/apps/risk-scoring/
// main.js`; SUITE_DIST_DIR names another build folder): requests already received finish with 2xx and
// their writes are stored, a new connection is refused while they finish, and the process exits 0.
// "Received" is made deterministic: each in-flight request has sent its headers and half of its body
// when the signal arrives, and sends the rest afterwards.
import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { ApiKeyStore, createDataSource } from '@suite/platform';
import { builtEntry, startBuiltService } from '../support/built-service.js';
import { APPLICATION } from '../support/risk-application.js';
import { freePort } from '../support/nats.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { migrations } from '@suite/migrations';

const { entry, built } = builtEntry('risk-scoring');
const IN_FLIGHT = 12;
const BACKGROUND = 40;

interface Reply {
  status: number;
  body: string;
}

/** A POST whose body is sent in two halves; `finish()` sends the second half. */
function heldPost(port: number, path: string, key: string, payload: string) {
  const bytes = Buffer.from(payload);
  const half = Math.floor(bytes.length / 2);
  let resolveReply!: (r: Reply) => void;
  let rejectReply!: (e: Error) => void;
  const reply = new Promise<Reply>((resolve, reject) => {
    resolveReply = resolve;
    rejectReply = reject;
  });
  const req = httpRequest(
    {
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': bytes.length, 'x-api-key': key },
    },
    (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body }));
    },
  );
  req.on('error', rejectReply);
  req.flushHeaders();
  req.write(bytes.subarray(0, half));
  return { reply, finish: () => req.end(bytes.subarray(half)) };
}

function post(port: number, key: string): Promise<Reply> {
  const held = heldPost(port, '/v1/applications/score', key, JSON.stringify(APPLICATION));
  held.finish();
  return held.reply;
}

(built ? describe : describe.skip)('SIGTERM under load', () => {
  let db: TestDatabase;
  let child: ChildProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db?.drop();
  });

  it('finishes in-flight requests with 2xx, refuses new ones, exits 0', async () => {
    const port = await freePort();
    const service = await startBuiltService(
      entry,
      {
        DATABASE_URL: db.url,
        RISK_PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        MIGRATE_ON_BOOT: 'true',
        RISK_RETRAIN_CRON: 'off',
        SWAGGER_ENABLED: 'false',
        NATS_URL: '',
      },
      45_000,
    );
    child = service.child;
    const { exited } = service;
    const output = service.output;

    const dataSource = createDataSource({
      url: db.url,
      migrations,
      poolSize: 2,
      applicationName: 'sigterm-test',
    });
    await dataSource.initialize();
    try {
      const { key } = await new ApiKeyStore(dataSource).createKey({
        name: 'sigterm',
        service: 'risk',
        scopes: ['*'],
      });
      const held = Array.from({ length: IN_FLIGHT }, () =>
        heldPost(port, '/v1/applications/score', key, JSON.stringify(APPLICATION)),
      );
      for (const h of held) h.reply.catch(() => undefined); // awaited below
      // A request on a new connection answered after the held ones' headers were sent: by then the
      // server has read those headers (the event loop serves sockets in arrival order).
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      // Background load at the moment of the signal: each completes, or is refused (503 while
      // shutting down, or cut at the connection if accepted but not yet read); never another 5xx.
      const background = Array.from({ length: BACKGROUND }, () =>
        post(port, key).catch((e: NodeJS.ErrnoException) => ({ status: 0, body: String(e.code) })),
      );
      await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 700)); // the listener closes

      const refused = await post(port, key).then(
        (r) => ({ status: r.status, code: undefined }),
        (e: NodeJS.ErrnoException) => ({ status: undefined, code: e.code }),
      );
      // Refused: the listener is closed, or (if the shutdown hooks before it are still running) the
      // request is answered 503 with Connection: close; never served.
      expect([
        { status: undefined, code: 'ECONNREFUSED' },
        { status: 503, code: undefined },
      ]).toContainEqual(refused);
      expect(child.exitCode).toBeNull(); // still alive: the held requests keep it up

      for (const h of held) h.finish();
      const replies = await Promise.all(held.map((h) => h.reply));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
      expect(await exited).toEqual({ code: 0, signal: null });

      const finished = await Promise.all(background);
      // 201, or refused: 503 (arrived after the signal; Nest answers 503 + Connection: close while
      // shutting down) or a connection cut before the request was read (0).
      for (const r of finished) expect([0, 201, 503]).toContain(r.status);
      // Every acknowledged write is stored.
      const acknowledged = [...replies, ...finished]
        .filter((r) => r.status === 201)
        .map((r) => (JSON.parse(r.body) as { applicationId: string }).applicationId);
      const rows = (await dataSource.query('SELECT id FROM risk.credit_applications')) as { id: string }[];
      const stored = new Set(rows.map((r) => r.id));
      for (const id of acknowledged) expect(stored.has(id)).toBe(true);
      // The service logged (LOG_LEVEL=info) without the API key or the database password.
      expect(output().length).toBeGreaterThan(0);
      expect(output()).not.toContain(key);
      const password = decodeURIComponent(new URL(db.url).password);
      if (password) expect(output()).not.toContain(`:${password}@`);
    } finally {
      await dataSource.destroy();
    }
  });
});
