// The main operations over NATS against the real NATS server on this machine (127.0.0.1:4222, or
// TEST_NATS_URL): same validation, auth, ownership and idempotency as HTTP; queue groups share the
// messages between replicas. Skipped, saying so, only when no NATS server answers.
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNatsTransport } from '@suite/platform';
import request from 'supertest';
import { HTTP_APP as SUPPORT_APP } from '../../apps/customer-service/src/app.definition.js';
import { AppModule as SupportModule } from '../../apps/customer-service/src/app.module.js';
import { POST_MESSAGE_SUBJECT } from '../../apps/customer-service/src/conversations/conversations.messages.js';
import { HTTP_APP as RISK_APP } from '../../apps/risk-scoring/src/app.definition.js';
import { AppModule as RiskModule } from '../../apps/risk-scoring/src/app.module.js';
import { SCORE_APPLICATION_SUBJECT } from '../../apps/risk-scoring/src/scoring/scoring.messages.js';
import { connectClient, natsReachable, requestCommand, SHARED_NATS_URL } from '../support/nats.js';
import { APPLICATION } from '../support/risk-application.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const reachable = await natsReachable(SHARED_NATS_URL);
if (!reachable) {
  process.stderr.write(
    `NATS transport tests SKIPPED: no NATS server answers at ${SHARED_NATS_URL} ` +
      '(start one: nats-server -a 127.0.0.1 -p 4222 -js)\n',
  );
}
const describeNats = reachable ? describe : describe.skip;

const natsEnv = { NATS_URL: SHARED_NATS_URL, RISK_RETRAIN_CRON: 'off' };

describeNats('risk-scoring over NATS', () => {
  let sut: TestApp;
  let replica: TestApp | undefined;
  let nc: NatsConnection;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(RiskModule, RISK_APP, natsEnv);
    await connectNatsTransport(sut.app, { ...process.env, ...natsEnv });
    key = await sut.createKey('risk', ['risk:score', 'risk:read']);
    nc = await connectClient(SHARED_NATS_URL);
  });

  afterAll(async () => {
    await nc?.close();
    await replica?.app.close();
    await sut?.close();
  });

  const countApplications = async (): Promise<number> =>
    Number(
      (
        (await sut.dataSource.query('SELECT count(*)::int AS n FROM risk.credit_applications')) as {
          n: number;
        }[]
      )[0].n,
    );

  it('scores an application and stores it, as POST /v1/applications/score does', async () => {
    const reply = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, { apiKey: key, data: APPLICATION });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ externalReference: 'loan-2025-000123', decision: expect.any(String) });
    const stored = await request(sut.server)
      .get(`/v1/applications/${String(reply.body.applicationId)}`)
      .set('x-api-key', key);
    expect(stored.status).toBe(200);
    expect(stored.body.score).toBe(reply.body.score);
  });

  it('keeps only a well-formed correlation id from the NATS headers (never free text)', async () => {
    const send = (id: string) =>
      requestCommand(nc, SCORE_APPLICATION_SUBJECT, { apiKey: key, data: APPLICATION }, 5000, {
        'x-correlation-id': id,
      });
    const stored = async (applicationId: unknown): Promise<string> =>
      (
        (await sut.dataSource.query('SELECT correlation_id FROM risk.credit_applications WHERE id = $1', [
          applicationId,
        ])) as { correlation_id: string }[]
      )[0].correlation_id;
    const wellFormed = '0af7651916cd43dd8448eb211c80319c';
    expect(await stored((await send(wellFormed)).body.applicationId)).toBe(wellFormed);
    const replaced = await stored((await send('MRN QX77304419 John Smith')).body.applicationId);
    expect(replaced).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('rejects an invalid application with 400 naming every field, storing nothing', async () => {
    const before = await countApplications();
    const reply = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, {
      apiKey: key,
      data: { ...APPLICATION, creditLimit: -1, age: 12, unexpected: true },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (reply.body.fields as { field: string }[]).map((f) => f.field).sort();
    // The unknown property is counted on its parent (`data`), never named.
    expect(fields).toEqual(expect.arrayContaining(['data', 'data.age', 'data.creditLimit']));
    expect(await countApplications()).toBe(before);
  });

  it('rejects a command without data, with a malformed idempotency key, or of the wrong type', async () => {
    for (const command of [
      { apiKey: key },
      { apiKey: key, data: 'text' },
      { apiKey: key, idempotencyKey: 'has spaces', data: APPLICATION },
      'not an object',
    ]) {
      const reply = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, command);
      expect(reply.status).toBe(400);
    }
  });

  it('refuses an unknown key (401), another service key (403) and a key without the scope (403)', async () => {
    const otherService = await sut.createKey('support', ['*']);
    const readOnly = await sut.createKey('risk', ['risk:read']);
    const statuses = [];
    for (const apiKey of ['sk_unknown_0000000000000000', otherService, readOnly]) {
      statuses.push(
        (await requestCommand(nc, SCORE_APPLICATION_SUBJECT, { apiKey, data: APPLICATION })).status,
      );
    }
    expect(statuses).toEqual([401, 403, 403]);
  });

  it('applies an idempotency key once, replays it, refuses it with another body, over NATS and HTTP alike', async () => {
    const before = await countApplications();
    const command = { apiKey: key, idempotencyKey: `nats-${Date.now()}`, data: APPLICATION };
    const first = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, command);
    const second = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, command);
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 201, replayed: true });
    expect(second.body.applicationId).toBe(first.body.applicationId);
    // The same key over HTTP is the same operation: replayed, not applied again.
    const overHttp = await request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', key)
      .set('idempotency-key', command.idempotencyKey)
      .send(APPLICATION);
    expect(overHttp.status).toBe(201);
    expect(overHttp.headers['idempotent-replayed']).toBe('true');
    expect(overHttp.body.applicationId).toBe(first.body.applicationId);
    const reused = await requestCommand(nc, SCORE_APPLICATION_SUBJECT, {
      ...command,
      data: { ...APPLICATION, creditLimit: 60000 },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countApplications()).toBe(before + 1);
  });

  it('shares the messages between replicas in one queue group, each handled once', async () => {
    replica = await startTestApp(RiskModule, RISK_APP, {
      ...natsEnv,
      DATABASE_URL: sut.db.url,
      MIGRATE_ON_BOOT: 'false',
    });
    await connectNatsTransport(replica.app, { ...process.env, ...natsEnv });
    const inMsgs = (app: TestApp) =>
      (app.app.getMicroservices()[0].unwrap() as NatsConnection).stats().inMsgs;
    const before = [inMsgs(sut), inMsgs(replica)];
    const applicationsBefore = await countApplications();
    const n = 40;
    const replies = await Promise.all(
      Array.from({ length: n }, () =>
        requestCommand(nc, SCORE_APPLICATION_SUBJECT, { apiKey: key, data: APPLICATION }),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const handled = [inMsgs(sut) - before[0], inMsgs(replica) - before[1]];
    expect(handled[0] + handled[1]).toBe(n);
    expect(handled[0]).toBeGreaterThan(0);
    expect(handled[1]).toBeGreaterThan(0);
    expect(await countApplications()).toBe(applicationsBefore + n);
  });
});

describeNats('customer-service over NATS', () => {
  let sut: TestApp;
  let nc: NatsConnection;
  let key: string;
  let otherKey: string;
  let conversationId: string;

  beforeAll(async () => {
    sut = await startTestApp(SupportModule, SUPPORT_APP, { NATS_URL: SHARED_NATS_URL });
    await connectNatsTransport(sut.app, { ...process.env, NATS_URL: SHARED_NATS_URL });
    key = await sut.createKey('support', ['support:chat']);
    otherKey = await sut.createKey('support', ['support:chat']);
    nc = await connectClient(SHARED_NATS_URL);
    const started = await request(sut.server).post('/v1/conversations').set('x-api-key', key).send({});
    conversationId = started.body.id as string;
  });

  afterAll(async () => {
    await nc?.close();
    await sut?.close();
  });

  it('answers a customer message and stores it in the conversation', async () => {
    const reply = await requestCommand(nc, POST_MESSAGE_SUBJECT, {
      apiKey: key,
      idempotencyKey: 'msg-1',
      data: { conversationId, text: 'My card still has not arrived' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ intent: expect.any(String) });
    const replay = await requestCommand(nc, POST_MESSAGE_SUBJECT, {
      apiKey: key,
      idempotencyKey: 'msg-1',
      data: { conversationId, text: 'My card still has not arrived' },
    });
    expect(replay).toMatchObject({ status: 201, replayed: true });
    const listed = await request(sut.server)
      .get(`/v1/conversations/${conversationId}/messages`)
      .set('x-api-key', key);
    const customerMessages = (listed.body.items as { text: string }[]).filter(
      (m) => m.text === 'My card still has not arrived',
    );
    expect(customerMessages).toHaveLength(1);
  });

  it("answers 404 for another key's conversation and for an id that is not one", async () => {
    for (const [apiKey, id] of [
      [otherKey, conversationId],
      [key, 'not-a-uuid'],
    ]) {
      const reply = await requestCommand(nc, POST_MESSAGE_SUBJECT, {
        apiKey,
        data: { conversationId: id, text: 'hello' },
      });
      expect(reply.status).toBe(404);
    }
  });

  it('validates the text as HTTP does (blank, too long, unknown field)', async () => {
    for (const data of [
      { conversationId, text: '   ' },
      { conversationId, text: 'x'.repeat(1001) },
      { conversationId, text: 'hi', extra: 1 },
    ]) {
      expect((await requestCommand(nc, POST_MESSAGE_SUBJECT, { apiKey: key, data })).status).toBe(400);
    }
  });
});
