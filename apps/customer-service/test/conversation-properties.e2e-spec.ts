// Property-based checks of the customer API on the real stack: whatever customers type, in whatever
// order, the service answers without a 5xx; and a conversation is invisible (404) to every other key.
import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const phrases = [
  'My card is not working',
  'and the other card?',
  'the first one',
  '2',
  'I need a refund',
  'I was charged twice at Tesco',
  '£25.40',
  'yesterday',
  'I want to talk to a human',
  'hello',
  'thanks',
  'TX-482913',
  'what about my virtual card',
];

const messageText = fc.oneof(
  fc.constantFrom(...phrases),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    ' \n\t ',
    '\ud800',
    'a'.repeat(1000),
    'a'.repeat(1001),
    '((((((((((a',
    '{amount}',
  ),
);

const bodyOf = fc.oneof(
  { weight: 8, arbitrary: messageText.map((text) => ({ text })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      {},
      { text: 5 },
      { text: null },
      { text: ['a'] },
      { text: 'a', extra: 1 },
      [],
    ),
  },
);

type Step =
  { kind: 'say'; body: unknown } | { kind: 'read' } | { kind: 'list'; query: string } | { kind: 'foreign' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: bodyOf.map((body) => ({ kind: 'say' as const, body })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'read' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '',
        '?after=2',
        '?after=-1',
        '?after=abc',
        '?limit=0',
        '?limit=500',
        '?after=99999999999999',
        '?limit=2.5',
      )
      .map((query) => ({ kind: 'list' as const, query })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'foreign' as const }) },
);

describe('customer API properties', () => {
  let sut: TestApp;
  let ownKey: string;
  let otherKey: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, {
      BOT_STAGE: '2',
      SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE: '1000',
    });
    ownKey = await sut.createKey('support', ['support:chat']);
    otherKey = await sut.createKey('support', ['support:chat', 'support:agent']);
  });

  afterAll(() => sut.close());

  it('never answers a message sequence with a 5xx, and hides each conversation from other keys', async () => {
    const seen = { answered: 0, refused: 0, handedOff: 0, foreign: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const created = await request(sut.server).post('/v1/conversations').set('x-api-key', ownKey).send({});
        expect(created.status).toBe(201);
        const id = created.body.id as string;
        for (const s of steps) {
          let res: request.Response;
          switch (s.kind) {
            case 'say':
              res = await request(sut.server)
                .post(`/v1/conversations/${id}/messages`)
                .set('x-api-key', ownKey)
                .send(s.body as object);
              if (res.status === 201) {
                seen.answered++;
                if (res.body.handoff) seen.handedOff++;
              } else {
                seen.refused++;
                expect(res.status).toBe(400);
                expect(res.body.code).toBe('VALIDATION_FAILED');
              }
              break;
            case 'read':
              res = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', ownKey);
              expect(res.status).toBe(200);
              break;
            case 'list':
              res = await request(sut.server)
                .get(`/v1/conversations/${id}/messages${s.query}`)
                .set('x-api-key', ownKey);
              expect([200, 400]).toContain(res.status);
              break;
            case 'foreign': {
              seen.foreign++;
              const foreign = [
                await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', otherKey),
                await request(sut.server)
                  .post(`/v1/conversations/${id}/messages`)
                  .set('x-api-key', otherKey)
                  .send({ text: 'hello' }),
                await request(sut.server).get(`/v1/conversations/${id}/messages`).set('x-api-key', otherKey),
              ];
              for (const r of foreign) expect(r.status).toBe(404);
              res = foreign[0];
              break;
            }
          }
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: 40, seed: 20251128 },
    );
    // The generated runs must have exercised answers, refusals, handoffs and foreign keys.
    expect(seen.answered).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.handedOff).toBeGreaterThan(0);
    expect(seen.foreign).toBeGreaterThan(0);
  });
});
