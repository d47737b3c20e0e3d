// Names across the documents of one patient, over the real AppModule (real rules and English model,
// real PostgreSQL and migrations): a name found in a patient's first document is removed from their
// second one where it appears with no cue at all; the memory's rows hold keyed hashes only; erasing
// the memory brings the cue-less name back (the control that shows what the memory did).
import { createHash, createHmac } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { MAX_REMEMBERED_NAME_WORDS } from '../src/deid/patient-name-memory.js';
import { PatientNameMemoryRepository } from '../src/documents/patient-name-memory.repository.js';
import { FHIR_MEDIA_TYPE, transactionBundle } from './medical-fixtures.js';

const FIRST =
  'Patient: Ursla Moretti, 71 y/o F admitted with CHF exacerbation. Daughter Suzette Moretti at bedside, ' +
  'updated on plan. Lasix 40 mg IV given with good response.';
// Neither name has a cue here: lower case, no title, no relation word.
const SECOND =
  'resp: lungs with crackles at bases, sats 94% on 2L. moretti tolerating diet. ' +
  'suzette called, questions answered. Lasix 40 mg IV given.';
const NAMES = ['ursla', 'moretti', 'suzette'];

describe('medical-records: name memory across documents of one patient', () => {
  let sut: TestApp;
  let writer: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    writer = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  });

  afterAll(() => sut.close());

  const postText = async (text: string, patientId?: string) => {
    const res = await request(sut.server)
      .post('/v1/documents')
      .set('x-api-key', writer)
      .send({ text, language: 'en', ...(patientId && { patientId }) });
    expect(res.status).toBe(201);
    return res.body as { text: string; patientRef: string | null };
  };
  const memoryRows = async () =>
    (await sut.dataSource.query(
      'SELECT patient, word, first_seen_at, last_seen_at FROM medical.patient_name_memory',
    )) as { patient: string; word: string }[];

  it("removes from a patient's second document a name only seen cue-less in it, and stores no name", async () => {
    // Control: the second note alone (no patient, and another patient) keeps the cue-less names.
    expect((await postText(SECOND)).text.toLowerCase()).toContain('moretti');
    const stranger = await postText(SECOND, 'MRN-OTHER-1');
    expect(stranger.text.toLowerCase()).toMatch(/moretti|suzette/);

    const first = await postText(FIRST, 'MRN-MEM-1');
    for (const name of NAMES) expect(first.text.toLowerCase()).not.toContain(name);
    const second = await postText(SECOND, 'MRN-MEM-1');
    for (const name of NAMES) expect(second.text.toLowerCase()).not.toContain(name);
    expect(second.text).toContain('Lasix 40 mg IV');

    const rows = await memoryRows();
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows).toLowerCase();
    for (const name of NAMES) expect(stored).not.toContain(name);
    expect(stored).not.toContain('mrn-mem-1');
    for (const r of rows) {
      expect(r.patient).toMatch(/^[0-9a-f]{64}$/);
      expect(r.word).toMatch(/^[0-9a-f]{64}$/);
      // The patient is hashed again: its stored key is not the documents' patientRef either.
      expect(r.patient).not.toBe(first.patientRef);
    }
    // The words are keyed hashes under DEID_SECRET (the development value here): a plain SHA-256 or an
    // HMAC under another key does not give them.
    const words = new Set(rows.map((r) => r.word));
    const hmac = (key: string) =>
      createHmac('sha256', key).update(`name-word\u0000moretti`, 'utf8').digest('hex');
    expect(words.has(hmac('dev-deid-secret-not-for-production'))).toBe(true);
    expect(words.has(hmac('another-key'))).toBe(false);
  });

  it('learns within one message: the second document of a bundle loses the first one’s names', async () => {
    const res = await request(sut.server)
      .post('/v1/documents')
      .set('x-api-key', writer)
      .set('content-type', FHIR_MEDIA_TYPE)
      .set('accept', 'application/json')
      .set('content-language', 'en')
      .send(
        JSON.stringify(
          transactionBundle('bundle-mem-1', [
            { text: FIRST, patientId: 'pat-mem-2' },
            { text: SECOND, patientId: 'pat-mem-2' },
          ]),
        ),
      );
    expect(res.status).toBe(201);
    const docs = (res.body as { documents: { text: string }[] }).documents;
    expect(docs).toHaveLength(2);
    for (const name of NAMES) expect(docs[1].text.toLowerCase()).not.toContain(name);
  });

  it('erases a patient’s memory on request: their next document keeps the cue-less names again', async () => {
    await postText(FIRST, 'MRN-MEM-3');
    const erase = (body: object) =>
      request(sut.server).post('/v1/documents/name-memory/erase').set('x-api-key', writer).send(body);
    const res = await erase({ patientId: 'MRN-MEM-3' });
    expect(res.status).toBe(200);
    expect(res.body.erasedWords).toBeGreaterThan(0);
    expect(res.body.patientRef).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(res.body)).not.toContain('MRN-MEM-3');
    expect((await erase({ patientId: 'MRN-MEM-3' })).body.erasedWords).toBe(0);
    // Other patients' memories stay.
    expect((await memoryRows()).length).toBeGreaterThan(0);
    expect((await postText(SECOND, 'MRN-MEM-3')).text.toLowerCase()).toMatch(/moretti|suzette/);

    const invalid = await erase({ patientId: '  ' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('patientId');
    const audit = (await sut.dataSource.query(
      `SELECT resource_type, resource_id FROM platform.audit_log WHERE action = 'patient.name-memory.erase'`,
    )) as { resource_type: string; resource_id: string }[];
    expect(audit).toContainEqual({ resource_type: 'patient', resource_id: res.body.patientRef });
  });

  it('keeps at most MAX_REMEMBERED_NAME_WORDS per patient, the most recently seen, under concurrent writers', async () => {
    const repository = sut.app.get(PatientNameMemoryRepository);
    const patient = createHash('sha256').update('cap-test-patient').digest('hex');
    const words = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        createHash('sha256')
          .update(`word-${from + i}`)
          .digest('hex'),
      );
    await repository.remember(new Map([[patient, words(0, 200)]]), new Date('2025-01-01T00:00:00Z'));
    // Four documents of the patient stored at once, each seen a day later than the one before.
    await Promise.all(
      [1, 2, 3, 4].map((k) =>
        repository.remember(
          new Map([[patient, words(k * 1000, 100)]]),
          new Date(`2025-01-0${k + 1}T00:00:00Z`),
        ),
      ),
    );
    const kept = new Set((await repository.recall([patient])).get(patient));
    expect(kept.size).toBe(MAX_REMEMBERED_NAME_WORDS);
    for (const w of [...words(4000, 100), ...words(3000, 100)]) expect(kept.has(w)).toBe(true);
    for (const w of [...words(0, 200), ...words(1000, 100)]) expect(kept.has(w)).toBe(false);
    expect(await repository.erase(patient)).toBe(MAX_REMEMBERED_NAME_WORDS);
  });
});
