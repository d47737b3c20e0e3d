// Ingestion from NATS against the real NATS server on this machine (127.0.0.1:4222, or TEST_NATS_URL):
// the same parsers, de-identification and storage as HTTP; the reply comes after the commit; a
// redelivered message is deduplicated by its source message id (the inbox) or its idempotency key.
// Skipped, saying so, only when no NATS server answers.
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNatsTransport } from '@suite/platform';
import request from 'supertest';
import { connectClient, natsReachable, requestCommand, SHARED_NATS_URL } from '../../../test/support/nats.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { INGEST_DOCUMENT_SUBJECT } from '../src/documents/documents.messages.js';
import { FHIR_MEDIA_TYPE, HL7_MEDIA_TYPE, mdmT02, transactionBundle } from './medical-fixtures.js';

const reachable = await natsReachable(SHARED_NATS_URL);
if (!reachable) {
  process.stderr.write(
    `medical NATS ingestion tests SKIPPED: no NATS server answers at ${SHARED_NATS_URL}\n`,
  );
}
const describeNats = reachable ? describe : describe.skip;
const natsEnv = { NATS_URL: SHARED_NATS_URL };
const NOTE = 'Patient: John Smith. History of hypertension; started lisinopril. Phone 617-555-0142.';

describeNats('medical-records: ingestion from NATS', () => {
  let sut: TestApp;
  let nc: NatsConnection;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, natsEnv);
    await connectNatsTransport(sut.app, { ...process.env, ...natsEnv });
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
    nc = await connectClient(SHARED_NATS_URL);
  });

  afterAll(async () => {
    await nc?.close();
    await sut?.close();
  });

  const documentsFrom = async (sourceDocumentId: string) =>
    Number(
      (
        (await sut.dataSource.query(
          'SELECT count(*)::int AS n FROM medical.documents WHERE source_document_id = $1',
          [sourceDocumentId],
        )) as { n: number }[]
      )[0].n,
    );

  it('ingests an HL7 message, replies after the commit, and deduplicates its redelivery', async () => {
    const data = { contentType: HL7_MEDIA_TYPE, body: mdmT02('NATS-1', { text: NOTE, patientId: 'MRN-N1' }) };
    const first = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, { apiKey: key, data });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sourceFormat: 'hl7v2', sourceDocumentId: 'NATS-1-DOC' });
    expect(String(first.body.text)).not.toContain('John Smith');
    // Acknowledged means committed: the document is readable over HTTP at once.
    const stored = await request(sut.server)
      .get(`/v1/documents/${String(first.body.id)}`)
      .set('x-api-key', key);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(first.body);

    const redelivered = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, { apiKey: key, data });
    expect(redelivered).toMatchObject({ status: 201, replayed: true });
    expect(redelivered.body).toEqual(first.body);
    expect(await documentsFrom('NATS-1-DOC')).toBe(1);
  });

  it('recognises a message first posted over HTTP when it is redelivered from NATS', async () => {
    const message = mdmT02('NATS-CROSS', { text: NOTE, patientId: 'MRN-N3' });
    const posted = await request(sut.server)
      .post('/v1/documents')
      .set('x-api-key', key)
      .set('content-type', HL7_MEDIA_TYPE)
      .send(message);
    expect(posted.status).toBe(201);
    // Re-serialised on the way (LF segment ends): the parsed content is what must match.
    const data = { contentType: HL7_MEDIA_TYPE, body: message.replace(/\r/g, '\n') };
    const redelivered = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, { apiKey: key, data });
    expect(redelivered).toMatchObject({ status: 201, replayed: true });
    expect(redelivered.body).toEqual(posted.body);
    expect(await documentsFrom('NATS-CROSS-DOC')).toBe(1);
  });

  it('ingests a FHIR Bundle and JSON text, idempotently by key', async () => {
    const bundle = {
      contentType: FHIR_MEDIA_TYPE,
      body: JSON.stringify(
        transactionBundle('nats-bundle', [
          { text: NOTE, id: 'nb-1' },
          { text: NOTE, id: 'nb-2' },
        ]),
      ),
    };
    const reply = await requestCommand<{ documents: unknown[] }>(nc, INGEST_DOCUMENT_SUBJECT, {
      apiKey: key,
      data: bundle,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.documents).toHaveLength(2);

    const json = {
      contentType: 'application/json',
      body: JSON.stringify({ text: NOTE, patientId: 'MRN-N2' }),
    };
    const a = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, {
      apiKey: key,
      idempotencyKey: 'nats-doc-1',
      data: json,
    });
    const b = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, {
      apiKey: key,
      idempotencyKey: 'nats-doc-1',
      data: json,
    });
    expect(a.status).toBe(201);
    expect(b).toMatchObject({ status: 201, replayed: true });
    expect(b.body).toEqual(a.body);
  });

  it('answers errors as HTTP would: 400 naming the field, 401 for an unknown key', async () => {
    const bad = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, {
      apiKey: key,
      data: {
        contentType: HL7_MEDIA_TYPE,
        body: mdmT02('NATS-2', { text: NOTE }).replace('MDM^T02', 'ADT^A01'),
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'MSH-9' }] });
    const badJson = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, {
      apiKey: key,
      data: { contentType: FHIR_MEDIA_TYPE, body: '{"resourceType": ' },
    });
    expect(badJson.status).toBe(400);
    const anonymous = await requestCommand(nc, INGEST_DOCUMENT_SUBJECT, {
      apiKey: 'sk_medical_not-a-key',
      data: { contentType: 'text/plain', body: NOTE },
    });
    expect(anonymous.status).toBe(401);
  });
});
