// Invoices and receipts (stage 3) end to end: real AppModule, real PostgreSQL and migrations, the OCR
// and field models served by libs/inference. Hostile uploads get a 4xx with a stable code and the
// process keeps serving; a receipt read in a stage-3 conversation is compared with the customer's
// recorded transactions and the bot names the mismatch. Two OCR runs in all (slow on 2 cores).
import { openInferenceEngineCount } from '@suite/inference';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { animatedGif, hugePng, receiptJpeg, textRenamedPng, truncatedJpeg } from './fixtures/bad-images.js';
import { unreadableTotalReceiptJpeg } from './fixtures/synthetic-receipt-images.js';

describe('customer-service invoices (stage 3)', () => {
  let sut: TestApp;
  let invoiceKey: string;
  let chatKey: string;
  let transactionsKey: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, { BOT_STAGE: '3' });
    invoiceKey = await sut.createKey('support', ['support:invoices']);
    // The bank's integration loads transactions and opens conversations with the same key (tenant).
    chatKey = await sut.createKey('support', ['support:chat', 'support:transactions']);
    transactionsKey = await sut.createKey('support', ['support:transactions']);
  }, 120_000);

  afterAll(() => sut.close());

  const recognize = (bytes: Buffer, filename: string, key = invoiceKey) =>
    request(sut.server)
      .post('/v1/invoices/recognize')
      .set('x-api-key', key)
      .attach('image', bytes, { filename, contentType: 'image/png' });

  it.each([
    ['a truncated JPEG', 422, 'IMAGE_CORRUPT', () => truncatedJpeg(), 'cut.jpg'],
    ['a 20,000 x 20,000 PNG', 413, 'IMAGE_TOO_LARGE', () => hugePng(), 'huge.png'],
    ['a text file renamed .png', 415, 'UNSUPPORTED_IMAGE_TYPE', async () => textRenamedPng(), 'receipt.png'],
    ['a zero-byte file', 422, 'IMAGE_CORRUPT', async () => Buffer.alloc(0), 'empty.png'],
    ['an animated GIF', 415, 'UNSUPPORTED_IMAGE_TYPE', () => animatedGif(), 'receipt.gif'],
  ] as const)('refuses %s with %i %s', async (_what, status, code, make, filename) => {
    const before = process.memoryUsage().rss;
    const res = await recognize(await make(), filename);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code });
    expect(typeof res.body.message).toBe('string');
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('refuses a body that is not multipart and a missing image field', async () => {
    const json = await request(sut.server)
      .post('/v1/invoices/recognize')
      .set('x-api-key', invoiceKey)
      .send({});
    expect(json.status).toBe(415);
    const noImage = await request(sut.server)
      .post('/v1/invoices/recognize')
      .set('x-api-key', invoiceKey)
      .field('customerId', 'c-1');
    expect(noImage).toMatchObject({ status: 400 });
    expect(noImage.body.code).toBe('INVALID_INPUT');
  });

  it('needs the invoices scope', async () => {
    const res = await recognize(await receiptJpeg(), 'r.jpg', transactionsKey);
    expect(res.status).toBe(403);
  });

  it('reads the fields and lines of a receipt, then still serves after the hostile uploads', async () => {
    const res = await recognize(await receiptJpeg(), 'receipt.jpg');
    expect(res.status).toBe(201);
    expect(res.body.fields.total).toMatchObject({ value: '54.50', normalized: '54.50' });
    expect(res.body.fields.date).toMatchObject({ normalized: '2018-03-06' });
    expect(res.body.fields.company.value.toUpperCase().replace(/\s+/g, '')).toBe(
      'SYLROASTEDDELIGHTSSDN.BHD.',
    );
    expect(res.body.fields.total.boxes[0]).toHaveLength(4);
    expect(res.body.lines.length).toBeGreaterThan(30);
    expect(res.body.lines[0]).toMatchObject({ text: expect.any(String), confidence: expect.any(Number) });
    expect(res.body.image).toMatchObject({ format: 'jpeg', width: 623, height: 1255 });
    const live = await request(sut.server).get('/health/live');
    expect(live.status).toBe(200);
    // The OCR and field models joined the process's one engine (issue 19), which the intent model uses too.
    expect(openInferenceEngineCount()).toBe(1);
    const metrics = await request(sut.server).get('/metrics');
    expect(metrics.text).toMatch(/inference_requests_total\{[^}]*model="ocr-/);
  }, 120_000);

  it('loads transactions per tenant and customer, updating by externalId', async () => {
    const load = (key: string, amount: string) =>
      request(sut.server)
        .post('/v1/customers/cust-7/transactions')
        .set('x-api-key', key)
        .send({
          transactions: [
            {
              externalId: 'TX-1',
              merchant: 'SYL ROASTED DELIGHTS',
              amount,
              currency: 'MYR',
              occurredOn: '2018-03-06',
            },
          ],
        });
    expect((await load(transactionsKey, '10.00')).body).toMatchObject({ inserted: 1 });
    const again = await load(transactionsKey, '11.00');
    expect(again.body).toMatchObject({
      inserted: 0,
      transactions: [{ externalId: 'TX-1', amount: '11.00' }],
    });
    const other = await request(sut.server)
      .get('/v1/customers/cust-7/transactions')
      .set('x-api-key', chatKey);
    expect(other.body.items).toEqual([]);
    const invalid = await request(sut.server)
      .post('/v1/customers/cust-7/transactions')
      .set('x-api-key', transactionsKey)
      .send({
        transactions: [
          { externalId: 'X', merchant: 'M', amount: '1.234', currency: 'XXX1', occurredOn: 'soon' },
        ],
      });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers a receipt whose total differs from the recorded charge by naming the amount mismatch', async () => {
    const loaded = await request(sut.server)
      .post('/v1/customers/cust-42/transactions')
      .set('x-api-key', chatKey)
      .send({
        transactions: [
          {
            externalId: 'TX-900',
            merchant: 'SYL ROASTED DELIGHTS',
            amount: '64.50',
            currency: 'MYR',
            occurredOn: '2018-03-06',
          },
          {
            externalId: 'TX-901',
            merchant: 'TESCO',
            amount: '12.00',
            currency: 'MYR',
            occurredOn: '2018-03-05',
          },
        ],
      });
    expect(loaded.status).toBe(201);
    const started = await request(sut.server).post('/v1/conversations').set('x-api-key', chatKey).send({});
    expect(started.body.stage).toBe(3);
    const id = started.body.id as string;

    const res = await request(sut.server)
      .post(`/v1/conversations/${id}/attachments`)
      .set('x-api-key', chatKey)
      .field('customerId', 'cust-42')
      .attach('image', await receiptJpeg(), { filename: 'receipt.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      answeredBy: 'attachment',
      intent: 'receipt_amount_mismatch',
      handoff: false,
    });
    expect(res.body.reply.text).toMatch(/amount mismatch/i);
    expect(res.body.reply.text).toContain('54.50');
    expect(res.body.reply.text).toContain('64.50');

    const conversation = await request(sut.server).get(`/v1/conversations/${id}`).set('x-api-key', chatKey);
    expect(conversation.body.messages.map((m: { author: string }) => m.author)).toEqual(['customer', 'bot']);
  }, 120_000);

  it('asks the customer to confirm a total it could not read clearly, never stating it', async () => {
    const started = await request(sut.server).post('/v1/conversations').set('x-api-key', chatKey).send({});
    const res = await request(sut.server)
      .post(`/v1/conversations/${started.body.id}/attachments`)
      .set('x-api-key', chatKey)
      .attach('image', await unreadableTotalReceiptJpeg(), { filename: 'r.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(['receipt_confirm_total', 'receipt_unreadable']).toContain(res.body.intent);
    const text = res.body.reply.text as string;
    expect(text).toMatch(/could not read the total/);
    expect(text).toMatch(/\?/);
    // The smudged total of the rendered receipt is 13.45 GBP; no total is stated as read.
    expect(text).not.toMatch(/total \d+\.\d{2} GBP\./i);
    expect(text).not.toContain('13.45');
  }, 120_000);

  it('refuses a bad image sent in a conversation with a 4xx, storing no message', async () => {
    const started = await request(sut.server).post('/v1/conversations').set('x-api-key', chatKey).send({});
    const res = await request(sut.server)
      .post(`/v1/conversations/${started.body.id}/attachments`)
      .set('x-api-key', chatKey)
      .attach('image', textRenamedPng(), { filename: 'receipt.png', contentType: 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_IMAGE_TYPE');
    const conversation = await request(sut.server)
      .get(`/v1/conversations/${started.body.id}`)
      .set('x-api-key', chatKey);
    expect(conversation.body.messages).toEqual([]);
  });
});
