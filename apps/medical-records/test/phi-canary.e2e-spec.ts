// PHI canary: a made-up name, MRN and phone planted in documents of every format (in the text and in
// the metadata fields that carry them: PID-3/PID-5/PID-13, subject, X-Patient-Id) and in rejected
// requests. None of them may appear in logs (the production pino logger at trace level), response or
// error bodies and headers, /metrics, or any row of any table of the medical, platform and inference
// schemas.
import { PinoLoggerService } from '@suite/platform';
import { pino } from 'pino';
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

const GIVEN = 'Quillon';
const FAMILY = 'Vespertine';
const MRN = 'QX77304419';
const PHONE = '(617) 555-0199';
const CANARIES = [GIVEN, FAMILY, MRN, '555-0199', '5550199'];

const NOTE_EN = `Patient: ${GIVEN} ${FAMILY}, MRN: ${MRN}. Admitted with community-acquired pneumonia; started ceftriaxone. Contact phone ${PHONE}.`;
const NOTE_ES = `Paciente: ${GIVEN} ${FAMILY}. NHC: ${MRN}. Ingresa por neumonía; se inicia ceftriaxona. Teléfono: ${PHONE}.`;

/** The production logger, writing to memory instead of stdout. */
class CapturingLogger extends PinoLoggerService {
  readonly lines: string[] = [];

  constructor() {
    super('trace', SERVICE);
    const lines = this.lines;
    Object.defineProperty(this, 'pino', {
      value: pino(
        { level: 'trace', base: { service: SERVICE } },
        { write: (line: string) => lines.push(line) },
      ),
    });
  }
}

function leaksIn(haystack: string): string[] {
  const lower = haystack.toLowerCase();
  return CANARIES.filter((c) => lower.includes(c.toLowerCase()));
}

describe('medical-records: PHI canary', () => {
  let sut: TestApp;
  let key: string;
  const logger = new CapturingLogger();
  const stdio: string[] = [];
  const exchanges: string[] = [];
  let restoreStdio: () => void;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    sut.app.useLogger(logger);
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const tap =
      (write: typeof out) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        stdio.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stdout.write = tap(out) as typeof process.stdout.write;
    process.stderr.write = tap(err) as typeof process.stderr.write;
    restoreStdio = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
  });

  afterAll(async () => {
    restoreStdio();
    await sut.close();
  });

  async function send(req: request.Test): Promise<request.Response> {
    const res = await req;
    exchanges.push(JSON.stringify(res.headers), res.text);
    return res;
  }
  const post = () => request(sut.server).post('/v1/documents').set('x-api-key', key);

  it('plants the canary in every format, in both modes, and in rejected requests', async () => {
    const accepted = [
      await send(post().send({ text: NOTE_EN, patientId: MRN })),
      await send(post().send({ text: NOTE_ES, patientId: MRN, mode: 'surrogate' })),
      await send(post().set('content-type', 'text/plain').set('x-patient-id', MRN).send(NOTE_EN)),
      await send(
        post()
          .set('content-type', FHIR_MEDIA_TYPE)
          .send(
            JSON.stringify({
              ...documentReference({ id: 'canary-dr', text: NOTE_EN, date: '2025-03-01T10:00:00Z' }),
              subject: { reference: `Patient/${MRN}`, display: `${GIVEN} ${FAMILY}` },
            }),
          ),
      ),
      await send(
        post()
          .set('content-type', FHIR_MEDIA_TYPE)
          .set('x-deid-mode', 'surrogate')
          .send(
            JSON.stringify(
              transactionBundle('canary-bundle', [
                { text: NOTE_EN, patientId: MRN },
                { text: NOTE_ES, patientId: MRN },
              ]),
            ),
          ),
      ),
      await send(
        post()
          .set('content-type', HL7_MEDIA_TYPE)
          .set('idempotency-key', 'canary-hl7')
          .send(
            mdmT02('CANARY-1', {
              text: `${NOTE_EN}\n${NOTE_ES}`,
              patientId: MRN,
              patientName: `${FAMILY}^${GIVEN}`,
            }).replace(/^(PID\|[^\r]*)/m, `$1||19700101|M|||||${PHONE}`),
          ),
      ),
    ];
    expect(accepted.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    // The stored documents are read back too (reads are logged and audited).
    for (const res of accepted) {
      for (const doc of res.body.documents ?? [res.body]) {
        await send(request(sut.server).get(`/v1/documents/${doc.id}`).set('x-api-key', key));
      }
    }
    await send(request(sut.server).get('/v1/documents').query({ limit: 100 }).set('x-api-key', key));

    const rejected = [
      await send(post().send({ text: NOTE_EN, patientId: MRN, [GIVEN]: FAMILY })),
      await send(post().send({ text: NOTE_EN, language: `${GIVEN}`, mode: MRN })),
      await send(post().send({ text: NOTE_EN, documentDate: `${MRN} ${PHONE}` })),
      await send(post().set('content-type', 'text/plain').set('x-document-date', MRN).send(NOTE_EN)),
      await send(
        post()
          .set('content-type', FHIR_MEDIA_TYPE)
          .send(
            JSON.stringify({
              ...documentReference({ text: NOTE_EN }),
              date: `${GIVEN} ${FAMILY}`,
              subject: { reference: `Group/${MRN}` },
            }),
          ),
      ),
      await send(post().set('content-type', FHIR_MEDIA_TYPE).send(`{"resourceType": "${GIVEN} ${MRN}`)),
      await send(
        post()
          .set('content-type', HL7_MEDIA_TYPE)
          .send(mdmT02(MRN, { text: NOTE_EN, patientId: MRN }).replace('MDM^T02', `${FAMILY}^X`)),
      ),
      await send(post().set('content-type', 'application/xml').send(`<name>${GIVEN} ${FAMILY}</name>`)),
      await send(request(sut.server).get(`/v1/documents/${MRN}`).set('x-api-key', key)),
      await send(
        request(sut.server)
          .get('/v1/documents')
          .query({ patientRef: MRN, cursor: GIVEN })
          .set('x-api-key', key),
      ),
    ];
    expect(rejected.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 415, 400, 400]);
  });

  it('finds the canary nowhere: responses, errors, logs, stdout/stderr, metrics, database rows', async () => {
    const metrics = await request(sut.server).get('/metrics');
    expect(metrics.status).toBe(200);

    const tables = (await sut.dataSource.query(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_schema IN ('medical', 'platform', 'inference') AND table_type = 'BASE TABLE'`,
    )) as { table_schema: string; table_name: string }[];
    expect(tables.map((t) => `${t.table_schema}.${t.table_name}`)).toEqual(
      expect.arrayContaining([
        'medical.documents',
        'medical.source_messages',
        'platform.audit_log',
        'platform.idempotency_keys',
      ]),
    );
    const rows: string[] = [];
    for (const t of tables) {
      const found = (await sut.dataSource.query(
        `SELECT row_to_json(t)::text AS row FROM "${t.table_schema}"."${t.table_name}" t`,
      )) as { row: string }[];
      rows.push(...found.map((r) => r.row));
    }
    // The scan is not vacuous: documents, audit rows and logs were written.
    expect(rows.filter((r) => r.includes('document.create')).length).toBeGreaterThanOrEqual(7);
    expect(logger.lines.filter((l) => l.includes('documents.ingested')).length).toBeGreaterThanOrEqual(6);

    expect(exchanges.filter((e) => leaksIn(e).length > 0)).toEqual([]);
    expect(leaksIn(logger.lines.join('\n'))).toEqual([]);
    expect(leaksIn(stdio.join(''))).toEqual([]);
    expect(leaksIn(metrics.text)).toEqual([]);
    expect(leaksIn(rows.join('\n'))).toEqual([]);
  });
});
