// HL7 v2 as other people wrote it, over the real AppModule and PostgreSQL: test messages of
// microsoft/FHIR-Converter, CDCgov/trusted-intermediary, hapifhir/hapi-hl7v2 and LinuxForHealth
// (data/interop/SOURCES.md). ORU^R01 and MDM^T02/T06/T10 are stored (T06/T10 as new versions of the
// document TXA-12 names), other types refused with an ACK naming segment and field, MSH-18 honoured.
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { hl7Fixture, hl7PatientValues, leakedValues } from './interop-fixtures.js';

const HL7 = 'x-application/hl7-v2+er7';

// file, documents stored, a phrase of the stored text, report status of the first document
const STORED: [string, number, string, string | null][] = [
  ['fhirconverter-MDM-T02-01.hl7', 1, 'Antibodies Detected', 'final'],
  ['fhirconverter-MDM-T02-03.hl7', 1, 'cylinder crackers', 'preliminary'],
  ['derived-8859-1-MDM-T02-03-latin1-names.hl7', 1, 'agrees with the plan', 'preliminary'],
  ['fhirconverter-LRI_2.0-NG_CBC_Typ_Message.hl7', 1, 'CBC W Auto Differential panel in Blood', 'final'],
  ['ti-002_Epic_ORU_R01.hl7', 1, 'Factor V Leiden', 'final'],
  [
    'ti-003_CA_ORU_R01_CDPH_produced_0_initial_message.hl7',
    18,
    'Newborn Screening Report summary panel',
    'final',
  ],
  [
    'ti-003_LA_ORU_R01_NBS_obr_flatten_0_initial_message.hl7',
    11,
    'Thyroid newborn screening panel',
    'preliminary',
  ],
  ['ti-004_Oracle_ORU_R01.hl7', 1, 'ALBUMIN/CREAT RATIO', 'final'],
  ['ti-008_ORU_R01_micro_character_encoding.hl7', 1, 'NB Screen Panel Patient AHIC', 'final'],
];
// file, MSA-1, ERR-2 (location), ERR-3 code
const REFUSED: [string, string, string, string][] = [
  ['fhirconverter-OUL-R22-01.hl7', 'AR', 'MSH^1^9', '200'],
  ['hapi-cv.04_001_chem.hl7', 'AR', 'MSH^1^9', '200'],
  ['lfh-sample_win.hl7', 'AR', 'MSH^1^2', '102'],
];

interface StoredDocument {
  id: string;
  text: string;
  version: number;
  previousVersion: string | null;
  reportStatus: string | null;
}

function segment(ack: string, name: string): string[] {
  return (ack.split('\r').find((s) => s.startsWith(`${name}|`)) ?? '').split('|');
}

describe('medical-records: HL7 v2 interoperability', () => {
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  });

  afterAll(() => sut.close());

  const post = (body: Buffer, accept = 'application/json', apiKey = key) =>
    request(sut.server)
      .post('/v1/documents')
      .set('x-api-key', apiKey)
      .set('content-type', HL7)
      .set('accept', accept)
      .send(body);
  const documentsOf = (body: StoredDocument | { documents: StoredDocument[] }) =>
    'documents' in body ? body.documents : [body];
  const storedText = async (ids: string[]) =>
    (
      (await sut.dataSource.query('SELECT text FROM medical.documents WHERE id = ANY($1::uuid[])', [
        ids,
      ])) as {
        text: string;
      }[]
    ).map((r) => r.text);

  it.each(STORED)(
    'stores %s: %i document(s) with the text and status',
    async (file, count, phrase, status) => {
      const res = await post(
        hl7Fixture(file),
        'application/json',
        await sut.createKey(SERVICE, ['documents:write']),
      );
      expect(res.status).toBe(201);
      const documents = documentsOf(res.body as StoredDocument);
      expect(documents).toHaveLength(count);
      expect(documents.map((d) => d.text).join('\n')).toContain(phrase);
      expect(documents[0].reportStatus).toBe(status);
      for (const d of documents) expect(d.text).not.toContain('\uFFFD');
    },
  );

  it.each(REFUSED)('refuses %s with MSA %s and ERR at %s, code %s', async (file, code, location, error) => {
    const res = await post(hl7Fixture(file), HL7);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain(HL7);
    const ack = res.text;
    expect(segment(ack, 'MSH')[8]).toMatch(/^ACK\^/);
    expect(segment(ack, 'MSA')[1]).toBe(code);
    const msh10 = hl7Fixture(file)
      .toString('latin1')
      .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
      .split(/\r?\n|\r/)[0]
      .split('|')[9];
    expect(segment(ack, 'MSA')[2]).toBe(msh10);
    expect(segment(ack, 'ERR')[2]).toBe(location);
    expect(segment(ack, 'ERR')[3]).toMatch(new RegExp(`^${error}\\^`));
  });

  it('answers an accepted message with MSA AA and the control id, and JSON without the Accept header', async () => {
    const apiKey = await sut.createKey(SERVICE, ['documents:write']);
    const ack = await post(hl7Fixture('ti-004_Oracle_ORU_R01.hl7'), HL7, apiKey);
    expect(ack.status).toBe(201);
    expect(segment(ack.text, 'MSA').slice(1, 3)).toEqual(['AA', '20230317-29887.E.106214']);
    const json = await post(hl7Fixture('ti-004_Oracle_ORU_R01.hl7'), 'application/json', apiKey);
    expect(json.headers['idempotent-replayed']).toBe('true');
    expect(json.body.sourceFormat).toBe('hl7v2');
  });

  it('keeps MDM^T06 and T10 as new versions of the document named by TXA-12, not as replays', async () => {
    const apiKey = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
    const t02 = await post(hl7Fixture('fhirconverter-MDM-T02-02.hl7'), 'application/json', apiKey);
    const t06 = await post(hl7Fixture('fhirconverter-MDM-T06-02.hl7'), 'application/json', apiKey);
    const t10 = await post(hl7Fixture('fhirconverter-MDM-T10-02.hl7'), 'application/json', apiKey);
    expect([t02.status, t06.status, t10.status]).toEqual([201, 201, 201]);
    expect(t06.headers['idempotent-replayed']).toBeUndefined();
    const [v1, v2, v3] = [t02, t06, t10].map((r) => r.body as StoredDocument);
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect([v2.previousVersion, v3.previousVersion]).toEqual([v1.id, v2.id]);
    expect([v1.reportStatus, v2.reportStatus, v3.reportStatus]).toEqual(['final', 'appended', 'amended']);
    const history = await request(sut.server).get(`/v1/documents/${v3.id}/versions`).set('x-api-key', apiKey);
    expect(history.status).toBe(200);
    expect((history.body as StoredDocument[]).map((d) => d.id)).toEqual([v1.id, v2.id, v3.id]);
    const audited = (await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM platform.audit_log WHERE action = 'document.versions' AND resource_id = ANY($1)`,
      [[v1.id, v2.id, v3.id]],
    )) as { n: number }[];
    expect(audited[0].n).toBe(3);
  });

  it('decodes an 8859/1 message by MSH-18: accented names arrive intact for de-identification', async () => {
    const bytes = hl7Fixture('derived-8859-1-MDM-T02-03-latin1-names.hl7');
    expect(bytes.includes(Buffer.from('Müller', 'utf8'))).toBe(false);
    const res = await post(bytes, 'application/json', await sut.createKey(SERVICE, ['documents:write']));
    expect(res.status).toBe(201);
    const [doc] = documentsOf(res.body as StoredDocument);
    expect(doc.text).toContain('was reviewed; ');
    expect(doc.text).not.toMatch(/M.ller|Pe.a|\uFFFD/);
  });

  it('finds documents by the MRN the sender used, hashed as at ingestion, and audits the read', async () => {
    const apiKey = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
    const stored = await post(hl7Fixture('ti-002_Epic_ORU_R01.hl7'), 'application/json', apiKey);
    const found = await request(sut.server)
      .post('/v1/documents/by-patient-id')
      .set('x-api-key', apiKey)
      .send({ patientId: 'MRN' });
    expect(found.status).toBe(200);
    const ids = (found.body as { items: { id: string; patientRef: string }[] }).items.map((d) => d.id);
    expect(ids).toContain((stored.body as StoredDocument).id);
    expect(found.body.items[0].patientRef).toBe(stored.body.patientRef);
    const none = await request(sut.server)
      .post('/v1/documents/by-patient-id')
      .set('x-api-key', apiKey)
      .send({ patientId: 'NO-SUCH-MRN' });
    expect(none.body.items).toEqual([]);
    const audited = (await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM platform.audit_log WHERE action = 'document.list' AND resource_id = $1`,
      [(stored.body as StoredDocument).id],
    )) as { n: number }[];
    expect(audited[0].n).toBeGreaterThanOrEqual(1);
    const blank = await request(sut.server)
      .post('/v1/documents/by-patient-id')
      .set('x-api-key', apiKey)
      .send({ patientId: '  ' });
    expect(blank.status).toBe(400);
  });

  // Depends on the de-identification side removing every known identifier the parser hands it.
  it.each(STORED)('leaves no PID name, identifier or birth date of %s in the stored text', async (file) => {
    const res = await post(
      hl7Fixture(file),
      'application/json',
      await sut.createKey(SERVICE, ['documents:write']),
    );
    const ids = documentsOf(res.body as StoredDocument).map((d) => d.id);
    const bytes = hl7Fixture(file);
    const message = /8859\/1/.test(bytes.subarray(0, 400).toString('latin1'))
      ? bytes.toString('latin1')
      : bytes.toString('utf8');
    const values = hl7PatientValues(message);
    expect((await storedText(ids)).flatMap((t) => leakedValues(t, values))).toEqual([]);
  });
});
