// POST /v1/documents in all three formats over the real AppModule (real de-identification, real NER
// model, real PostgreSQL and migrations), idempotent replay, source-id dedup, validation, paging, audit.
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import {
  documentReference,
  FHIR_MEDIA_TYPE,
  HL7_MEDIA_TYPE,
  mdmT02,
  transactionBundle,
} from './medical-fixtures.js';

interface DocumentBody {
  id: string;
  patientRef: string | null;
  documentDate: string | null;
  sourceFormat: string;
  language: string;
  text: string;
  phiFindings: { type: string; start: number; end: number }[];
  entities: { type: string; start: number; end: number; text: string; confidence: number }[];
}

const NOTE_EN =
  'Patient: John Smith, seen on 03/04/2025. History of hypertension and type 2 diabetes. ' +
  'Started metformin 500 mg and lisinopril. Phone 617-555-0142.';
const NOTE_ES =
  'Paciente: María García López, 67 años. Antecedentes de hipertensión arterial y diabetes mellitus. ' +
  'Tratamiento con metformina y enalapril. Teléfono 912 345 678.';

function expectConsistentOffsets(doc: DocumentBody): void {
  for (const e of doc.entities) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  let previousEnd = 0;
  for (const f of [...doc.phiFindings].sort((a, b) => a.start - b.start)) {
    expect(f.start).toBeGreaterThanOrEqual(previousEnd);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(doc.text.length);
    previousEnd = f.end;
  }
}

describe('medical-records: documents API', () => {
  let sut: TestApp;
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    writer = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
    reader = await sut.createKey(SERVICE, ['documents:read']);
  });

  afterAll(() => sut.close());

  const post = (key = writer) => request(sut.server).post('/v1/documents').set('x-api-key', key);
  const countDocuments = async () =>
    Number(
      ((await sut.dataSource.query('SELECT count(*) AS n FROM medical.documents')) as { n: string }[])[0].n,
    );

  describe('formats', () => {
    it('ingests JSON text: de-identified text, findings without values, entities with exact offsets', async () => {
      const res = await post().send({
        text: NOTE_EN,
        patientId: 'MRN-0001',
        documentDate: '2025-03-04T09:00:00Z',
      });
      expect(res.status).toBe(201);
      const doc = res.body as DocumentBody;
      expect(doc).toMatchObject({
        sourceFormat: 'text',
        language: 'en',
        documentDate: '2025-03-04T09:00:00.000Z',
      });
      expect(doc.patientRef).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.text).not.toContain('John Smith');
      expect(doc.text).not.toContain('617-555-0142');
      expect(doc.phiFindings.map((f) => f.type)).toEqual(expect.arrayContaining(['NAME', 'PHONE']));
      for (const f of doc.phiFindings) expect(Object.keys(f).sort()).toEqual(['end', 'start', 'type']);
      expect(doc.entities.map((e) => e.text)).toEqual(expect.arrayContaining(['hypertension', 'lisinopril']));
      expectConsistentOffsets(doc);
      expect(JSON.stringify(res.body)).not.toContain('MRN-0001');
    });

    it('ingests text/plain with metadata headers and detects Spanish', async () => {
      const res = await post()
        .set('content-type', 'text/plain; charset=utf-8')
        .set('x-patient-id', 'MRN-0002')
        .send(NOTE_ES);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ sourceFormat: 'text', language: 'es', documentDate: null });
      expect(res.body.text).not.toContain('García');
      expectConsistentOffsets(res.body as DocumentBody);
    });

    it('ingests a FHIR DocumentReference', async () => {
      const res = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send(
          JSON.stringify(
            documentReference({ id: 'dr-1', text: NOTE_EN, patientId: 'p-1', date: '2025-02-01T08:00:00Z' }),
          ),
        );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        sourceFormat: 'fhir',
        sourceDocumentId: 'dr-1',
        documentDate: '2025-02-01T08:00:00.000Z',
      });
      expectConsistentOffsets(res.body as DocumentBody);
    });

    it('ingests a transaction Bundle as one document per entry, in one transaction', async () => {
      const before = await countDocuments();
      const res = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send(
          JSON.stringify(
            transactionBundle('bundle-1', [
              { text: NOTE_EN, patientId: 'p-2' },
              { text: NOTE_ES, patientId: 'p-2' },
            ]),
          ),
        );
      expect(res.status).toBe(201);
      expect(res.body.documents).toHaveLength(2);
      expect(res.body.documents.map((d: DocumentBody) => d.language)).toEqual(['en', 'es']);
      expect(await countDocuments()).toBe(before + 2);

      // A bad second entry rejects the whole Bundle: nothing of it is stored.
      const bad = transactionBundle('bundle-2', [{ text: NOTE_EN }, { text: NOTE_ES, date: 'not-a-date' }]);
      const rejected = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send(JSON.stringify(bad));
      expect(rejected.status).toBe(400);
      expect(rejected.body.fields[0].field).toBe('Bundle.entry[1].resource.date');
      expect(await countDocuments()).toBe(before + 2);
    });

    it('ingests an HL7 v2 MDM^T02 message, also when posted as text/plain', async () => {
      const res = await post()
        .set('content-type', HL7_MEDIA_TYPE)
        .send(mdmT02('HL7-1', { text: NOTE_EN, patientId: 'MRN-0003' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ sourceFormat: 'hl7v2', sourceDocumentId: 'HL7-1-DOC' });
      expectConsistentOffsets(res.body as DocumentBody);
      const asText = await post()
        .set('content-type', 'text/plain')
        .send(mdmT02('HL7-2', { text: NOTE_EN, patientId: 'MRN-0003' }));
      expect(asText.status).toBe(201);
      expect(asText.body.sourceFormat).toBe('hl7v2');
      expect(asText.body.patientRef).toBe(res.body.patientRef);
    });

    it('gives one patient the same patientRef across formats', async () => {
      const json = await post().send({ text: 'Fever.', patientId: 'MRN-SHARED' });
      const hl7 = await post()
        .set('content-type', HL7_MEDIA_TYPE)
        .send(mdmT02('HL7-SHARED', { text: 'Cough.', patientId: 'MRN-SHARED' }));
      expect(json.body.patientRef).toBe(hl7.body.patientRef);
    });
  });

  describe('idempotency', () => {
    it('replays the stored response for a repeated Idempotency-Key without storing twice', async () => {
      const first = await post().set('idempotency-key', 'doc-key-1').send({ text: NOTE_EN });
      const before = await countDocuments();
      const second = await post().set('idempotency-key', 'doc-key-1').send({ text: NOTE_EN });
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(await countDocuments()).toBe(before);
      const reused = await post().set('idempotency-key', 'doc-key-1').send({ text: 'Another note.' });
      expect(reused.status).toBe(422);
    });

    it("deduplicates by the source's own message id when there is no Idempotency-Key", async () => {
      const message = mdmT02('HL7-DEDUP', { text: NOTE_EN, patientId: 'MRN-9' });
      const first = await post().set('content-type', HL7_MEDIA_TYPE).send(message);
      const before = await countDocuments();
      const again = await post().set('content-type', HL7_MEDIA_TYPE).send(message);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await countDocuments()).toBe(before);

      const bundle = JSON.stringify(
        transactionBundle('bundle-dedup', [{ text: NOTE_EN }, { text: NOTE_ES }]),
      );
      const b1 = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send(bundle);
      const b2 = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send(bundle);
      expect(b2.body).toEqual(b1.body);
      expect(b2.headers['idempotent-replayed']).toBe('true');

      const corrected = await post()
        .set('content-type', HL7_MEDIA_TYPE)
        .send(mdmT02('HL7-DEDUP', { text: 'A different note.', patientId: 'MRN-9' }));
      expect(corrected.status).toBe(409);
      expect(corrected.body.message).toContain('source message id');
    });

    it('deduplicates concurrent deliveries of one message', async () => {
      const message = mdmT02('HL7-RACE', { text: NOTE_EN, patientId: 'MRN-10' });
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => post().set('content-type', HL7_MEDIA_TYPE).send(message)),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const rows = (await sut.dataSource.query(
        `SELECT count(*) AS n FROM medical.documents WHERE source_document_id = 'HL7-RACE-DOC'`,
      )) as { n: string }[];
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('validation', () => {
    it('rejects a JSON body naming every bad field', async () => {
      const res = await post().send({ text: '', mode: 'mask', language: 'fr', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'body',
        'language',
        'mode',
        'text',
      ]);
      // Unknown keys are counted, not echoed: a key of a clinical body can be PHI.
      expect(res.body.message).toContain('1 unknown field(s)');
      expect(res.body.message).not.toContain('extra');
    });

    it('rejects whitespace-only text, bad FHIR and bad HL7 naming the field', async () => {
      const blank = await post().send({ text: '   ' });
      expect(blank.status).toBe(400);
      expect(blank.body.fields[0].field).toBe('text');
      const fhir = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send(JSON.stringify({ resourceType: 'Patient' }));
      expect(fhir.status).toBe(400);
      expect(fhir.body.message).toContain('carries no document');
      const hl7 = await post()
        .set('content-type', HL7_MEDIA_TYPE)
        .send(mdmT02('X', { text: 'x' }).replace('MDM^T02', 'ADT^A01'));
      expect(hl7.status).toBe(400);
      expect(hl7.body.fields[0].field).toBe('MSH-9');
      const json = await post()
        .set('content-type', FHIR_MEDIA_TYPE)
        .set('accept', 'application/json')
        .send('{"resourceType": ');
      expect(json.status).toBe(400);
    });

    it('answers 415 for a media type it does not ingest', async () => {
      const res = await post().set('content-type', 'application/xml').send('<ClinicalDocument/>');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('requires documents:write to post and documents:read to read', async () => {
      expect((await post(reader).send({ text: 'Fever.' })).status).toBe(403);
      const noRead = await sut.createKey(SERVICE, ['documents:write']);
      expect((await request(sut.server).get('/v1/documents').set('x-api-key', noRead)).status).toBe(403);
    });
  });

  describe('reads', () => {
    it('returns a stored document as it was returned when posted, and audits both', async () => {
      const created = await post().send({ text: NOTE_EN, patientId: 'MRN-READ' });
      const res = await request(sut.server).get(`/v1/documents/${created.body.id}`).set('x-api-key', reader);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created.body);
      const audit = (await sut.dataSource.query(
        `SELECT action, outcome, resource_type, actor FROM platform.audit_log WHERE resource_id = $1 ORDER BY id`,
        [created.body.id],
      )) as { action: string; outcome: string; resource_type: string }[];
      expect(audit.map((a) => [a.action, a.outcome, a.resource_type])).toEqual([
        ['document.create', 'success', 'document'],
        ['document.read', 'success', 'document'],
      ]);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await request(sut.server)
        .get('/v1/documents/6f1c2a54-7a0e-4c36-9d55-1f7f4a1a2b3c')
        .set('x-api-key', reader);
      expect(missing.status).toBe(404);
      expect(
        (await request(sut.server).get('/v1/documents/not-a-uuid').set('x-api-key', reader)).status,
      ).toBe(400);
    });

    it("pages a patient's documents in date order with a keyset cursor, within from/to", async () => {
      const dates = ['2024-01-05', '2024-01-01', '2024-01-03', '2024-01-02', '2024-01-04', '2024-02-01'];
      let patientRef = '';
      for (const d of dates) {
        const res = await post().send({
          text: `Note of ${d}: asthma.`,
          patientId: 'MRN-PAGED',
          documentDate: `${d}T12:00:00Z`,
        });
        patientRef = res.body.patientRef as string;
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await request(sut.server)
          .get('/v1/documents')
          .query({
            patientRef,
            from: '2024-01-01T00:00:00Z',
            to: '2024-01-31T00:00:00Z',
            limit: 2,
            ...(cursor && { cursor }),
          })
          .set('x-api-key', reader);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const item of res.body.items) expect(item).not.toHaveProperty('text');
        seen.push(...res.body.items.map((i: { documentDate: string }) => i.documentDate.slice(0, 10)));
        cursor = res.body.nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
      expect(pages).toBe(3);
    });

    it('bounds the page size and rejects a forged cursor', async () => {
      const big = await request(sut.server)
        .get('/v1/documents')
        .query({ limit: 101 })
        .set('x-api-key', reader);
      expect(big.status).toBe(400);
      expect(big.body.fields[0].field).toBe('limit');
      const forged = await request(sut.server)
        .get('/v1/documents')
        .query({ cursor: 'AAAA' })
        .set('x-api-key', reader);
      expect(forged.status).toBe(400);
      expect(forged.body.message).toContain('cursor');
      const badRef = await request(sut.server)
        .get('/v1/documents')
        .query({ patientRef: 'MRN-1' })
        .set('x-api-key', reader);
      expect(badRef.status).toBe(400);
    });
  });
});
