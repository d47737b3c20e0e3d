// The support bot end to end: real AppModule, real PostgreSQL and migrations, the shipped intent model
// served by libs/inference. Conversations that need context, a clarification, and a handoff that an
// agent key claims and answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { receiptJpeg } from './fixtures/bad-images.js';

describe('customer-service conversations (stage 2)', () => {
  let sut: TestApp;
  let chatKey: string;
  let otherChatKey: string;
  let agentKey: string;
  let secondAgentKey: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, {
      BOT_STAGE: '2',
      SUPPORT_WIDGET_ORIGINS: 'https://bank.example',
      SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE: '30',
    });
    chatKey = await sut.createKey('support', ['support:chat']);
    otherChatKey = await sut.createKey('support', ['support:chat']);
    agentKey = await sut.createKey('support', ['support:agent']);
    secondAgentKey = await sut.createKey('support', ['support:agent']);
  });

  afterAll(() => sut.close());

  const startConversation = async (key = chatKey): Promise<string> => {
    const res = await request(sut.server).post('/v1/conversations').set('x-api-key', key).send({});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const say = (id: string, text: string, key = chatKey) =>
    request(sut.server).post(`/v1/conversations/${id}/messages`).set('x-api-key', key).send({ text });

  it('fills a missing slot, then resolves "and the other card?" from the carried topic and slots', async () => {
    const id = await startConversation();

    const first = await say(id, 'My card is not working');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      intent: 'card_not_working',
      answeredBy: 'slot-prompt',
      awaitingSlot: 'cardType',
      handoff: false,
      stage: 2,
    });
    expect(first.body.confidence).toBeGreaterThan(0.5);

    const second = await say(id, "It's my physical card");
    expect(second.body).toMatchObject({
      intent: 'card_not_working',
      answeredBy: 'slot-filling',
      slots: { cardType: 'physical' },
    });
    expect(second.body.reply.text).toContain('physical card');

    const third = await say(id, 'and the other card?');
    expect(third.body).toMatchObject({
      intent: 'card_not_working',
      answeredBy: 'context',
      slots: { cardType: 'virtual' },
    });
    expect(third.body.reply.text).toContain('virtual card');

    const conversation = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', chatKey);
    expect(conversation.status).toBe(200);
    expect(conversation.body).toMatchObject({
      status: 'bot',
      activeIntent: 'card_not_working',
      messageCount: 6,
    });
    expect(conversation.body.messages.map((m: { author: string }) => m.author)).toEqual([
      'customer',
      'bot',
      'customer',
      'bot',
      'customer',
      'bot',
    ]);
  });

  it('keeps the merchant of an earlier turn when the amount comes later', async () => {
    const id = await startConversation();
    const first = await say(id, 'I was charged twice at Tesco');
    expect(first.body).toMatchObject({
      intent: 'transaction_charged_twice',
      awaitingSlot: 'amount',
      slots: { merchant: 'Tesco' },
    });
    const second = await say(id, '£25.40');
    expect(second.body).toMatchObject({ intent: 'transaction_charged_twice', answeredBy: 'slot-filling' });
    expect(second.body.reply.text).toContain('£25.40 at Tesco');
  });

  it('asks a clarifying question when two intents are close, and continues with the chosen one', async () => {
    const id = await startConversation();
    const first = await say(id, 'I need a refund');
    expect(first.body.answeredBy).toBe('clarifying-question');
    const options = first.body.clarification.options as { intent: string; title: string }[];
    expect(options.map((o) => o.intent).sort()).toEqual(['Refund_not_showing_up', 'request_refund']);

    const chosen = options.find((o) => o.intent === 'request_refund')!;
    const second = await say(id, chosen.title);
    expect(second.body).toMatchObject({ intent: 'request_refund', awaitingSlot: 'merchant' });
    const third = await say(id, 'amazon');
    expect(third.body).toMatchObject({ intent: 'request_refund', slots: { merchant: 'Amazon' } });
    expect(third.body.reply.text).toContain('Amazon');
  });

  it('hands a conversation to a person: queued, claimed and answered by an agent key, then back to the bot', async () => {
    const id = await startConversation();
    const asked = await say(id, 'I want to talk to a human please');
    expect(asked.body).toMatchObject({ handoff: true, status: 'waiting_for_agent', answeredBy: 'handoff' });
    expect(asked.body.reply.text).toMatch(/person will answer/i);

    expect(asked.body.queue.position).toBeGreaterThanOrEqual(1);
    // Waiting is never silence: an acknowledgement with the place in the queue.
    const meanwhile = await say(id, 'Are you there?');
    expect(meanwhile.body).toMatchObject({ handoff: true, answeredBy: 'queue', status: 'waiting_for_agent' });
    expect(meanwhile.body.reply.text).toMatch(/You are number \d+ in the queue\./);
    expect(meanwhile.body.queue).toEqual({ position: asked.body.queue.position, expectedWaitSeconds: null });

    // Chat keys cannot see the queue; agent keys can.
    expect((await request(sut.server).get('/v1/handoffs').set('x-api-key', chatKey)).status).toBe(403);
    const queue = await request(sut.server).get('/v1/handoffs').set('x-api-key', agentKey);
    expect(queue.status).toBe(200);
    const handoff = (queue.body.items as { id: string; conversationId: string; reason: string }[]).find(
      (h) => h.conversationId === id,
    )!;
    expect(handoff).toMatchObject({ reason: 'requested', status: 'waiting' });

    const early = await request(sut.server)
      .post(`/v1/handoffs/${handoff.id}/messages`)
      .set('x-api-key', agentKey)
      .send({ text: 'Hello' });
    expect(early.status).toBe(409);

    const claim = await request(sut.server)
      .post(`/v1/handoffs/${handoff.id}/claim`)
      .set('x-api-key', agentKey);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ status: 'claimed' });
    const stolen = await request(sut.server)
      .post(`/v1/handoffs/${handoff.id}/claim`)
      .set('x-api-key', secondAgentKey);
    expect(stolen.status).toBe(409);

    const detail = await request(sut.server).get(`/v1/handoffs/${handoff.id}`).set('x-api-key', agentKey);
    expect(detail.body.messages.map((m: { text: string }) => m.text)).toContain('Are you there?');

    const answer = await request(sut.server)
      .post(`/v1/handoffs/${handoff.id}/messages`)
      .set('x-api-key', agentKey)
      .send({ text: 'Hi, this is Sam from the support team. How can I help?', agentName: 'Sam' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ author: 'agent', answeredBy: 'agent', agentName: 'Sam' });

    // A display name is 1-60 characters on one line; a bad one is refused by field, not echoed.
    for (const agentName of ['   ', 'x'.repeat(61), 'Sam\nSmith', '\u0000', 42]) {
      const refused = await request(sut.server)
        .post(`/v1/handoffs/${handoff.id}/messages`)
        .set('x-api-key', agentKey)
        .send({ text: 'Still here', agentName });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('agentName');
      expect(JSON.stringify(refused.body)).not.toContain('xxxxxxxxxx');
    }
    // Without a name the reply is still an agent's, under no name.
    const unnamed = await request(sut.server)
      .post(`/v1/handoffs/${handoff.id}/messages`)
      .set('x-api-key', agentKey)
      .send({ text: 'One moment please.' });
    expect(unnamed.status).toBe(201);
    expect(unnamed.body).toMatchObject({ author: 'agent', agentName: null });

    const listed = await request(sut.server)
      .get(`/v1/conversations/${id}/messages?after=${answer.body.seq - 1}`)
      .set('x-api-key', chatKey);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((m: { agentName: string | null }) => m.agentName)).toEqual(['Sam', null]);
    expect(detail.body.messages.every((m: { agentName: unknown }) => m.agentName === null)).toBe(true);

    const seen = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', chatKey);
    expect(seen.body.status).toBe('with_agent');
    expect(seen.body.handoff).toMatchObject({ id: handoff.id, status: 'claimed' });
    expect(seen.body.messages.at(-2)).toMatchObject({
      author: 'agent',
      text: 'Hi, this is Sam from the support team. How can I help?',
      agentName: 'Sam',
    });
    expect(seen.body.messages.at(-1)).toMatchObject({ author: 'agent', agentName: null });
    const again = await request(sut.server).get(`/v1/handoffs/${handoff.id}`).set('x-api-key', agentKey);
    expect(again.body.messages.at(-2)).toMatchObject({ author: 'agent', agentName: 'Sam' });

    const closed = await request(sut.server)
      .post(`/v1/handoffs/${handoff.id}/close`)
      .set('x-api-key', agentKey);
    expect(closed.body).toMatchObject({ status: 'closed' });
    const back = await say(id, 'How do I change my PIN?');
    expect(back.body).toMatchObject({ status: 'bot', handoff: false, intent: 'change_pin' });
  });

  it('answers a stolen card at once while the conversation waits for a person, and acknowledges the rest', async () => {
    const id = await startConversation();
    const lost = await say(id, 'asdf qwerty zxcv');
    expect(lost.body).toMatchObject({ handoff: true, status: 'waiting_for_agent' });
    const stolen = await say(id, 'I think someone stole my card');
    expect(stolen.status).toBe(201);
    expect(stolen.body).toMatchObject({
      handoff: true,
      status: 'waiting_for_agent',
      intent: 'lost_or_stolen_card',
      answeredBy: 'model',
    });
    expect(stolen.body.reply.text).toMatch(/^Please freeze your card in the app straight away/);
    expect(stolen.body.reply.text).toMatch(/will still answer here; you are number \d+ in the queue\.$/);
    const compromised = await say(id, 'someone has used my card details to pay for things online');
    expect(compromised.body.reply).not.toBeNull();
    const thanks = await say(id, 'ok');
    expect(thanks.body).toMatchObject({ answeredBy: 'queue', intent: null });
    // The person still gets the whole conversation, the safety answer included.
    const queue = await request(sut.server).get('/v1/handoffs?status=waiting').set('x-api-key', agentKey);
    const handoff = (queue.body.items as { id: string; conversationId: string }[]).find(
      (h) => h.conversationId === id,
    )!;
    const detail = await request(sut.server).get(`/v1/handoffs/${handoff.id}`).set('x-api-key', agentKey);
    expect(detail.body.messages.map((m: { text: string }) => m.text)).toContain(
      'I think someone stole my card',
    );
  });

  it.each(['how do I top up', 'How do I top up my account?'])(
    'answers the top-up question the greeting invites: %s',
    async (text) => {
      const id = await startConversation();
      const res = await say(id, text);
      expect(res.body).toMatchObject({ handoff: false, intent: 'top_up_methods', answeredBy: 'rule' });
      expect(res.body.reply.text).toMatch(/^You can top up in the app/);
    },
  );

  it('stays on card delivery when "card hasn\'t arrived" is followed by "the physical one"', async () => {
    const id = await startConversation();
    const first = await say(id, "My card hasn't arrived");
    expect(first.body).toMatchObject({ intent: 'card_arrival', handoff: false });
    const second = await say(id, 'the physical one');
    expect(second.body).toMatchObject({
      intent: 'card_arrival',
      answeredBy: 'context',
      slots: { cardType: 'physical' },
    });
  });

  it('says receipts are switched off (409 FEATURE_DISABLED, not 415) for an image below stage 3, storing nothing', async () => {
    const id = await startConversation();
    const res = await request(sut.server)
      .post(`/v1/conversations/${id}/attachments`)
      .set('x-api-key', chatKey)
      .attach('image', await receiptJpeg(), { filename: 'receipt.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'FEATURE_DISABLED',
      message: expect.stringMatching(/switched off/),
    });
    const conversation = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', chatKey);
    expect(conversation.body.messages).toEqual([]);
  });

  it('hands off a message it does not understand', async () => {
    const id = await startConversation();
    const res = await say(id, 'asdf qwerty zxcv');
    expect(res.body).toMatchObject({ handoff: true, answeredBy: 'handoff', status: 'waiting_for_agent' });
    const queue = await request(sut.server).get('/v1/handoffs?status=waiting').set('x-api-key', agentKey);
    expect(
      queue.body.items.some(
        (h: { conversationId: string; reason: string }) =>
          h.conversationId === id && h.reason === 'low-confidence',
      ),
    ).toBe(true);
  });

  it("answers 404 for another key's conversation and for malformed ids", async () => {
    const id = await startConversation();
    await say(id, 'hello');
    expect(
      (await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', otherChatKey)).status,
    ).toBe(404);
    expect((await say(id, 'hello', otherChatKey)).status).toBe(404);
    expect(
      (await request(sut.server).get(`/v1/conversations/${id}/messages`).set('x-api-key', otherChatKey))
        .status,
    ).toBe(404);
    expect(
      (await request(sut.server).get('/v1/conversations/not-a-uuid').set('x-api-key', chatKey)).status,
    ).toBe(404);
  });

  it('replays a message sent twice with the same Idempotency-Key and stores it once', async () => {
    const id = await startConversation();
    const send = () =>
      request(sut.server)
        .post(`/v1/conversations/${id}/messages`)
        .set('x-api-key', chatKey)
        .set('idempotency-key', `msg-${id}`)
        .send({ text: 'How long does card delivery take?' });
    const first = await send();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const conversation = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', chatKey);
    expect(conversation.body.messageCount).toBe(2);
  });

  it('rejects blank, over-long and unstorable (NUL) messages with 400 naming the field', async () => {
    const id = await startConversation();
    expect((await say(id, '   ')).status).toBe(400);
    const long = await say(id, 'x'.repeat(1001));
    expect(long.status).toBe(400);
    expect(long.body.fields.map((f: { field: string }) => f.field)).toEqual(['text']);
    // PostgreSQL cannot store NUL: the platform refuses it, naming the field, never echoing the text.
    const nul = await say(id, 'hello\u0000');
    expect(nul.status).toBe(400);
    expect(nul.body.fields.map((f: { field: string }) => f.field)).toEqual(['text']);
    expect(JSON.stringify(nul.body)).not.toContain('hello');
  });

  it('publishes a new rule-set version that answers at once, and rolls back to the previous one', async () => {
    const rulesKey = await sut.createKey('support', ['support:rules']);
    const active = await request(sut.server).get('/v1/rule-sets/active').set('x-api-key', rulesKey);
    expect(active.status).toBe(200);
    const { rules, answers, version } = active.body as {
      rules: object[];
      answers: object[];
      version: number;
    };

    const bad = await request(sut.server)
      .post('/v1/rule-sets')
      .set('x-api-key', rulesKey)
      .send({
        rules: [
          { name: 'x', intent: 'greeting', priority: 1, patterns: ['(a+)+'], keywords: [], action: 'answer' },
        ],
        answers,
      });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('rules.0.patterns.0');

    const published = await request(sut.server)
      .post('/v1/rule-sets')
      .set('x-api-key', rulesKey)
      .send({
        note: 'opening hours',
        rules: [
          ...rules,
          {
            name: 'opening-hours',
            intent: 'opening_hours',
            priority: 80,
            patterns: [],
            keywords: ['opening hours'],
            action: 'answer',
            answerTemplate: 'Our team is here 24/7 in this chat.',
          },
        ],
        answers,
      });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: version + 1, active: true, note: 'opening hours' });

    const id = await startConversation();
    const hours = await say(id, 'What are your opening hours?');
    expect(hours.body).toMatchObject({ intent: 'opening_hours', answeredBy: 'rule', confidence: 1 });
    expect(hours.body.reply.text).toBe('Our team is here 24/7 in this chat.');

    const rollback = await request(sut.server)
      .post(`/v1/rule-sets/${version}/activate`)
      .set('x-api-key', rulesKey);
    expect(rollback.status).toBe(200);
    const after = await say(id, 'What are your opening hours?');
    expect(after.body.answeredBy).not.toBe('rule');
    expect(
      (await request(sut.server).get('/v1/rule-sets').set('x-api-key', rulesKey)).body.items[0],
    ).toMatchObject({
      version: version + 1,
      active: false,
    });
    const missing = await request(sut.server).get('/v1/rule-sets/999999999999').set('x-api-key', rulesKey);
    expect(missing.status).toBe(404);
  });

  it('serves the widget and the demo page, and applies the CORS allow-list to the widget routes', async () => {
    const page = await request(sut.server).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const script = await request(sut.server).get('/widget.js');
    expect(script.status).toBe(200);
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');

    const preflight = (origin: string) =>
      request(sut.server)
        .options('/v1/conversations')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'content-type, x-api-key');
    const allowed = await preflight('https://bank.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://bank.example');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();

    const cross = await request(sut.server)
      .post('/v1/conversations')
      .set('origin', 'https://bank.example')
      .set('x-api-key', chatKey)
      .send({});
    expect(cross.headers['access-control-allow-origin']).toBe('https://bank.example');
  });
});

describe('customer-service conversations (stage 1)', () => {
  let sut: TestApp;
  let chatKey: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, {
      BOT_STAGE: '1',
      SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE: '4',
    });
    chatKey = await sut.createKey('support', ['support:chat']);
  });

  afterAll(() => sut.close());

  it('answers from rules and the confident model without memory, and limits messages per conversation', async () => {
    const created = await request(sut.server).post('/v1/conversations').set('x-api-key', chatKey).send({});
    const id = created.body.id as string;
    expect(created.body.stage).toBe(1);
    const say = (text: string) =>
      request(sut.server).post(`/v1/conversations/${id}/messages`).set('x-api-key', chatKey).send({ text });

    expect((await say('hello')).body).toMatchObject({ intent: 'greeting', answeredBy: 'rule', stage: 1 });
    const card = await say('My card is not working');
    expect(card.body).toMatchObject({ intent: 'card_not_working', answeredBy: 'model', awaitingSlot: null });
    expect((await say('and the other card?')).body).toMatchObject({ handoff: true, answeredBy: 'handoff' });
    await say('still there?');
    const limited = await say('hello again');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('customer-service conversations with an LLM backend (LLM_URL)', () => {
  let sut: TestApp;
  let chatKey: string;
  let llm: Server;
  const prompts: string[] = [];

  beforeAll(async () => {
    // A stand-in for an OpenAI-compatible server (vLLM, llama.cpp…): echoes what it was asked to rephrase.
    llm = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as { messages: { content: string }[] };
        const last = body.messages.at(-1)!.content;
        prompts.push(last);
        const approved = /APPROVED ANSWER: (.*)\n/.exec(last)?.[1] ?? '';
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ choices: [{ message: { role: 'assistant', content: `Sure! ${approved}` } }] }),
        );
      });
    });
    await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
    sut = await startTestApp(AppModule, HTTP_APP, {
      BOT_STAGE: '2',
      LLM_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
      LLM_MODEL: 'test-model',
    });
    chatKey = await sut.createKey('support', ['support:chat']);
  });

  afterAll(async () => {
    await sut.close();
    await new Promise((resolve) => llm.close(resolve));
  });

  it('lets the LLM reword confident model answers, never rule answers', async () => {
    const created = await request(sut.server).post('/v1/conversations').set('x-api-key', chatKey).send({});
    const say = (text: string) =>
      request(sut.server)
        .post(`/v1/conversations/${created.body.id}/messages`)
        .set('x-api-key', chatKey)
        .send({ text });
    const greeting = await say('hello');
    expect(greeting.body).toMatchObject({ answeredBy: 'rule', draftedBy: 'template' });
    const pin = await say('How do I change my PIN?');
    expect(pin.body).toMatchObject({ intent: 'change_pin', answeredBy: 'model', draftedBy: 'llm' });
    expect(pin.body.reply.text).toMatch(/^Sure! You can change your PIN/);
    expect(prompts).toHaveLength(1);
  });
});
