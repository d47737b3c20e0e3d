// A conversation turn decides its reply (intent inference, the LLM call) with no transaction open and
// no row lock held, then writes under the lock in one short transaction: real AppModule, real intent
// model, real PostgreSQL, and a stand-in OpenAI-compatible server that looks at the database from
// outside while it is being called (and answers slowly when asked to, to make turns overlap).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type ProbeReading, TransactionProbe } from '../../../test/support/transaction-probe.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { IntentService } from '../src/intent/intent.service.js';

// Not the pool's count: the inference engine's write-behind cache INSERTs (autocommit, not the turn's)
// may have a connection out at that moment; test/idempotency-narrow.e2e-spec.ts checks the pool.
const idle = expect.objectContaining({ openTransactions: 0, heldLocks: 0 });
const MODEL_QUESTION = 'How do I change my PIN?';

describe('customer-service: conversation turns hold no transaction while deciding', () => {
  let sut: TestApp;
  let chatKey: string;
  let llm: Server;
  let probe: TransactionProbe | undefined;
  const llmCalls: ProbeReading[] = [];
  const inferenceCalls: ProbeReading[] = [];
  let llmDelayMs = 0;

  beforeAll(async () => {
    llm = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        void (async () => {
          if (probe) llmCalls.push(await probe.read());
          await sleep(llmDelayMs);
          const last = (JSON.parse(raw) as { messages: { content: string }[] }).messages.at(-1)!.content;
          const approved = /APPROVED ANSWER: (.*)\n/.exec(last)?.[1] ?? '';
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ choices: [{ message: { role: 'assistant', content: `Sure! ${approved}` } }] }),
          );
        })();
      });
    });
    await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
    sut = await startTestApp(AppModule, HTTP_APP, {
      BOT_STAGE: '2',
      LLM_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
      LLM_MODEL: 'test-model',
      SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE: '1000',
    });
    chatKey = await sut.createKey('support', ['support:chat']);
    probe = await TransactionProbe.open(sut.db.url, sut.dataSource);
    const intents = sut.app.get(IntentService, { strict: false });
    const rankIntents = intents.rankIntents.bind(intents);
    intents.rankIntents = async (text, top) => {
      inferenceCalls.push(await probe!.read());
      return rankIntents(text, top);
    };
  });

  beforeEach(() => {
    llmCalls.length = 0;
    inferenceCalls.length = 0;
    llmDelayMs = 0;
  });

  afterAll(async () => {
    await probe?.close();
    await sut.close();
    await new Promise((resolve) => llm.close(resolve));
  });

  const startConversation = async (): Promise<string> => {
    const res = await request(sut.server).post('/v1/conversations').set('x-api-key', chatKey).send({});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const say = (id: string, text: string, key?: string) => {
    const req = request(sut.server).post(`/v1/conversations/${id}/messages`).set('x-api-key', chatKey);
    if (key) req.set('idempotency-key', key);
    return req.send({ text });
  };
  const storedMessages = async (id: string) =>
    (await sut.dataSource.query(
      `SELECT seq, author FROM support.messages WHERE conversation_id = $1 ORDER BY seq`,
      [id],
    )) as { seq: number; author: string }[];

  it('runs intent inference and the LLM call with no transaction or lock held, with and without a key', async () => {
    const id = await startConversation();
    const keyed = await say(id, MODEL_QUESTION, 'turn-probe-1');
    expect(keyed.status).toBe(201);
    expect(keyed.body).toMatchObject({ answeredBy: 'model', draftedBy: 'llm' });
    const plain = await say(id, MODEL_QUESTION);
    expect(plain.status).toBe(201);
    expect(plain.body.draftedBy).toBe('llm');
    expect(inferenceCalls).toHaveLength(2);
    expect(llmCalls).toHaveLength(2);
    for (const reading of [...inferenceCalls, ...llmCalls]) expect(reading).toEqual(idle);
  });

  it('serialises overlapping turns of one conversation: each is decided on the state the other left', async () => {
    const id = await startConversation();
    llmDelayMs = 150;
    const [a, b] = await Promise.all([say(id, MODEL_QUESTION), say(id, MODEL_QUESTION)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    // One turn wrote first; the other found the conversation changed, decided again, and came second.
    const seqs = [a, b]
      .map((r) => [r.body.customerMessage.seq, r.body.reply.seq])
      .sort((x, y) => x[0] - y[0]);
    expect(seqs).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(llmCalls.length).toBeGreaterThanOrEqual(2);
    expect(await storedMessages(id)).toEqual([
      { seq: 1, author: 'customer' },
      { seq: 2, author: 'bot' },
      { seq: 3, author: 'customer' },
      { seq: 4, author: 'bot' },
    ]);
    const conversation = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', chatKey);
    expect(conversation.body.messageCount).toBe(4);
  });

  it('decides once for copies of one keyed message sent at once: one turn, 409 (or the replay) for the others', async () => {
    const id = await startConversation();
    llmDelayMs = 200;
    const copies = await Promise.all(
      Array.from({ length: 3 }, () => say(id, MODEL_QUESTION, 'turn-same-key')),
    );
    const fresh = copies.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    // A copy that a loaded machine delays past the first one's commit gets the replay instead.
    for (const r of copies.filter((c) => c !== fresh[0])) {
      if (r.status === 201)
        expect([r.headers['idempotent-replayed'], r.body]).toEqual(['true', fresh[0].body]);
      else
        expect({ status: r.status, code: r.body.code }).toEqual({
          status: 409,
          code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
        });
    }
    expect(llmCalls).toHaveLength(1);
    expect(inferenceCalls).toHaveLength(1);
    expect(await storedMessages(id)).toHaveLength(2);
    const replay = await say(id, MODEL_QUESTION, 'turn-same-key');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(fresh[0].body);
  });
});
