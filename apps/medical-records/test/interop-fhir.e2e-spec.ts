// FHIR R4 as other people wrote it, over the real AppModule and PostgreSQL: official examples (HL7 US
// Core, the R4 specification), Microsoft FHIR server test Bundles and Synthea-style Bundles. Each is
// stored with its text extracted or refused with an OperationOutcome naming the FHIRPath; no patient
// name, identifier or birth date from the structured data reaches stored text.
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { fhirFixture, fhirPatientValues, leakedValues } from './interop-fixtures.js';

const FHIR = 'application/fhir+json';

// file -> what the answer must be: stored documents with a phrase of their text, or the refused path.
const STORED: [string, number, string][] = [
  ['uscore-documentreference-discharge-summary.json', 1, 'No activity restriction'],
  ['uscore-DiagnosticReport-chest-xray-report.json', 1, 'Portable XR Chest'],
  ['r4spec-document-example-dischargesummary.json', 1, 'Theophylline 200mg BD after meals'],
  ['synthea-style-transaction-docref-note.json', 1, 'likely anaemia'],
  ['synthea-style-transaction-diagnosticreport-latin1.json', 1, 'Stable angina'],
  ['synthea-style-batch-binary-html.json', 1, 'Peak flow 380 L/min'],
];
const REFUSED: [string, string][] = [
  ['uscore-DocumentReference-adi-dnr.json', 'DocumentReference.content[0].attachment.contentType'],
  ['uscore-documentreference-episode-summary.json', 'DocumentReference.content[0].attachment.contentType'],
  ['uscore-bundle-docref-example1.json', 'Bundle.entry[0].resource.content[0].attachment.url'],
  ['uscore-bundle-docref-example2.json', 'Bundle.entry[0].resource.content[0].attachment.contentType'],
  ['uscore-DiagnosticReport-cardiology-report.json', 'DiagnosticReport.presentedForm[0].contentType'],
  ['uscore-DiagnosticReport-bone-density-report.json', 'DiagnosticReport.presentedForm[0].contentType'],
  ['uscore-patient-example.json', 'Patient'],
  ['uscore-practitioner-1.json', 'Practitioner'],
  ['uscore-relatedperson-shaw-niece.json', 'RelatedPerson'],
  ['fhirserver-binary-example.json', 'Binary.contentType'],
  ['fhirserver-Bundle-Batch.json', 'Bundle.entry'],
  ['fhirserver-Bundle-BinaryPatch.json', 'Bundle.entry'],
  ['fhirserver-Bundle-TransactionWithAllValidRoutes.json', 'Bundle.entry'],
];

interface OperationOutcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics: string; expression?: string[] }[];
}

describe('medical-records: FHIR R4 interoperability', () => {
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  });

  afterAll(() => sut.close());

  const post = (body: Buffer | string, accept = FHIR) =>
    request(sut.server)
      .post('/v1/documents')
      .set('x-api-key', key)
      .set('content-type', FHIR)
      .set('accept', accept)
      .send(typeof body === 'string' ? body : body.toString('utf8'));
  const storedText = async (ids: string[]) =>
    (
      (await sut.dataSource.query(
        'SELECT text FROM medical.documents WHERE id = ANY($1::uuid[]) ORDER BY position',
        [ids],
      )) as { text: string }[]
    ).map((r) => r.text);

  async function storeAsJson(
    file: string,
  ): Promise<{ id: string; text: string; reportStatus: string | null }[]> {
    const res = await post(fhirFixture(file), 'application/json');
    expect(res.status).toBe(201);
    return 'documents' in res.body ? res.body.documents : [res.body];
  }

  it.each(STORED)('stores %s: %i document(s) with its text extracted', async (file, count, phrase) => {
    const documents = await storeAsJson(file);
    expect(documents).toHaveLength(count);
    expect(documents.map((d) => d.text).join('\n')).toContain(phrase);
    expect(await storedText(documents.map((d) => d.id))).toEqual(documents.map((d) => d.text));
  });

  it.each(REFUSED)('refuses %s with an OperationOutcome naming %s', async (file, path) => {
    const res = await post(fhirFixture(file));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const outcome = res.body as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: [path] });
    expect(outcome.issue[0].diagnostics).toContain(path);
  });

  it('answers every entry of a Bundle without documents, GET and DELETE included', async () => {
    const res = await post(fhirFixture('fhirserver-Bundle-Batch.json'));
    const outcome = res.body as OperationOutcome;
    const bundle = JSON.parse(
      fhirFixture('fhirserver-Bundle-Batch.json')
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as {
      entry: { request: { method: string } }[];
    };
    expect(outcome.issue).toHaveLength(1 + bundle.entry.length);
    const deletes = bundle.entry.flatMap((e, i) => (['DELETE', 'GET'].includes(e.request.method) ? [i] : []));
    expect(deletes.length).toBeGreaterThan(0);
    for (const i of deletes) {
      expect(outcome.issue[1 + i].expression).toEqual([`Bundle.entry[${i}].request.method`]);
      expect(outcome.issue[1 + i].diagnostics).not.toContain('must be a FHIR resource');
    }
  });

  it('answers a batch with a batch-response Bundle: 201 with a location, 405 for GET and DELETE', async () => {
    const res = await post(fhirFixture('synthea-style-batch-binary-html.json'));
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = res.body as {
      resourceType: string;
      type: string;
      entry: { response: { status: string; location?: string } }[];
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'batch-response' });
    expect(bundle.entry.map((e) => e.response.status)).toEqual([
      '200 OK',
      '200 OK',
      '201 Created',
      '405 Method Not Allowed',
      '405 Method Not Allowed',
    ]);
    const location = bundle.entry[2].response.location!;
    expect(res.headers.location).toBe(`/${location}`);
    const stored = await request(sut.server).get(`/${location}`).set('x-api-key', key);
    expect(stored.status).toBe(200);
    expect(stored.body.text).toContain('albuterol');
  });

  it('keeps the sections of a document Bundle in order, with their titles', async () => {
    const [doc] = await storeAsJson('r4spec-document-example-dischargesummary.json');
    const order = [
      'Discharge Summary',
      'Reason for admission',
      'Medications on Discharge',
      'Known allergies',
    ].map((t) => doc.text.indexOf(t));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(doc.reportStatus).toBe('final');
  });

  it('reads an ISO-8859-1 presentedForm in its declared charset', async () => {
    const [doc] = await storeAsJson('synthea-style-transaction-diagnosticreport-latin1.json');
    expect(doc.text).not.toContain('\uFFFD');
    expect(doc.text).toContain('hispanic male');
  });

  it('refuses a DocumentReference naming the FHIRPath inside a transaction Bundle, never the value', async () => {
    const bundle = JSON.parse(fhirFixture('synthea-style-transaction-docref-note.json').toString('utf8')) as {
      entry: { resource: Record<string, unknown> }[];
    };
    bundle.entry[3].resource.date = 'Amy945 on Tuesday';
    const res = await post(JSON.stringify(bundle));
    expect(res.status).toBe(400);
    expect((res.body as OperationOutcome).issue[0].expression).toEqual(['Bundle.entry[3].resource.date']);
    expect(JSON.stringify(res.body)).not.toContain('Amy945');
  });

  // Depends on the de-identification side removing every known identifier the parser hands it
  // (SourceDocument.knownIdentifiers): names like "Amy945 Kub800" are not caught by rules alone.
  it.each(STORED)(
    'leaves no patient name, identifier or birth date of %s in the stored text',
    async (file) => {
      const documents = await storeAsJson(file);
      const values = fhirPatientValues(
        JSON.parse(
          fhirFixture(file)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
        ) as Record<string, unknown>,
      );
      const texts = await storedText(documents.map((d) => d.id));
      expect(texts.flatMap((t) => leakedValues(t, values))).toEqual([]);
    },
  );
});
