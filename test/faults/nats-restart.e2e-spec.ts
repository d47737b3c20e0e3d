// NATS restarted under load: a private nats-server (never the machine's shared one) is killed while
// scoring commands are in flight and started again on the same port. Core NATS request-reply is
// at-most-once, so the client retries a command that got no reply with the same idempotency key; the
// service's idempotency record (same transaction as the effect) makes that exactly-once: every command
// ends with one reply, one stored application, and none applied twice.
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNatsTransport, hashIdempotencyKey } from '@suite/platform';
import { HTTP_APP } from '../../apps/risk-scoring/src/app.definition.js';
import { AppModule } from '../../apps/risk-scoring/src/app.module.js';
import { SCORE_APPLICATION_SUBJECT } from '../../apps/risk-scoring/src/scoring/scoring.messages.js';
import { APPLICATION } from '../support/risk-application.js';
import { type CommandReply, connectClient, PrivateNatsServer, requestCommand } from '../support/nats.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

if (!PrivateNatsServer.available()) {
  process.stderr.write('NATS restart fault test SKIPPED: no nats-server binary (NATS_SERVER_BIN)\n');
}
const describeNats = PrivateNatsServer.available() ? describe : describe.skip;

const COMMANDS = 60;
const CONCURRENCY = 6;

describeNats('NATS restarted under load', () => {
  let nats: PrivateNatsServer;
  let sut: TestApp;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await PrivateNatsServer.start();
    const env = { NATS_URL: nats.url, RISK_RETRAIN_CRON: 'off' };
    sut = await startTestApp(AppModule, HTTP_APP, env);
    await connectNatsTransport(sut.app, { ...process.env, ...env });
    nc = await connectClient(nats.url);
  });

  afterAll(async () => {
    await nc?.close();
    await sut?.close();
    await nats?.stop();
  });

  it('loses no command and applies none twice', async () => {
    const key = await sut.createKey('risk', ['risk:score']);
    const run = `restart-${Date.now()}`;
    const replies = new Map<number, CommandReply>();
    let attempts = 0;

    // Retry with the same idempotency key until a reply comes back: at-least-once from the client.
    const sendUntilAnswered = async (i: number): Promise<void> => {
      const command = { apiKey: key, idempotencyKey: `${run}-${i}`, data: APPLICATION };
      const deadline = Date.now() + 40_000;
      for (;;) {
        attempts += 1;
        try {
          const reply = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, command, 1500);
          // 409: the first attempt still holds the key's lock; try again shortly.
          if (reply.status !== 409) {
            replies.set(i, reply);
            return;
          }
        } catch {
          // Timed out or no responder while NATS is down: retry.
        }
        if (Date.now() > deadline) throw new Error(`command ${i} never answered`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    let next = 0;
    const worker = async () => {
      while (next < COMMANDS) await sendUntilAnswered(next++);
    };
    const load = Promise.all(Array.from({ length: CONCURRENCY }, worker));
    while (replies.size < COMMANDS / 3) await new Promise((r) => setTimeout(r, 20));
    await nats.kill();
    await new Promise((r) => setTimeout(r, 700));
    await nats.startProcess();
    await load;

    expect(replies.size).toBe(COMMANDS);
    expect([...replies.values()].every((r) => r.status === 201)).toBe(true);
    const ids = new Set([...replies.values()].map((r) => r.body.applicationId as string));
    expect(ids.size).toBe(COMMANDS);
    const rows = (await sut.dataSource.query('SELECT id FROM risk.credit_applications')) as { id: string }[];
    expect(rows).toHaveLength(COMMANDS);
    expect(new Set(rows.map((r) => r.id))).toEqual(ids);
    const [{ n }] = (await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM platform.idempotency_keys WHERE key_hash = ANY($1)`,
      [Array.from({ length: COMMANDS }, (_, i) => hashIdempotencyKey(`${run}-${i}`))],
    )) as { n: number }[];
    expect(n).toBe(COMMANDS);
    // The restart really interrupted commands (otherwise this test proves nothing).
    expect(attempts).toBeGreaterThan(COMMANDS);
  });
});
