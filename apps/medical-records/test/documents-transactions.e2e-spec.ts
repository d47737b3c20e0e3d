// POST /v1/documents holds no transaction while it computes (@Idempotent({ narrow: true })): the real
// AppModule, real de-identification and NER, real PostgreSQL. The de-identifier and the NER model are
// the app's own instances, wrapped (call-through) so that the test looks at the database from outside
// at the moment each runs; then concurrent same-key and same-document requests.
import { hashIdempotencyKey } from '@suite/platform';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type ProbeReading, TransactionProbe } from '../../../test/support/transaction-probe.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { DeidService } from '../src/deid/index.js';
import { NerService } from '../src/ner/ner.service.js';
import { FHIR_MEDIA_TYPE, HL7_MEDIA_TYPE, mdmT02, transactionBundle } from './medical-fixtures.js';

const NOTE =
  'Patient: John Smith, seen on 03/04/2025. History of hypertension and type 2 diabetes. ' +
  'Started metformin 500 mg and lisinopril. Phone 617-555-0142.';

describe('medical-records: no transaction while de-identifying and finding entities', () => {
  let sut: TestApp;
  let writer: string;
  let probe: TransactionProbe;
  /** One reading per de-identification and per NER call, taken just before the real call. */
  const readings: { step: 'deid' | 'ner'; reading: ProbeReading; claim: unknown }[] = [];
  let watchedKey: string | undefined;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    writer = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
    probe = await TransactionProbe.open(sut.db.url, sut.dataSource);
    const claimOf = async () =>
      watchedKey === undefined
        ? undefined
        : (
            (await sut.dataSource.query(
              `SELECT status_code, claim_token IS NOT NULL AS claimed FROM platform.idempotency_keys
             WHERE key_hash = $1`,
              [hashIdempotencyKey(watchedKey)],
            )) as unknown[]
          )[0];
    const deid = sut.app.get(DeidService, { strict: false });
    const ner = sut.app.get(NerService, { strict: false });
    const realDeidentify = deid.deidentify.bind(deid);
    const realExtract = ner.extractEntities.bind(ner);
    deid.deidentify = async (req) => {
      readings.push({ step: 'deid', reading: await probe.read(), claim: await claimOf() });
      return realDeidentify(req);
    };
    ner.extractEntities = async (text, slice) => {
      readings.push({ step: 'ner', reading: await probe.read(), claim: await claimOf() });
      return realExtract(text, slice);
    };
  });

  beforeEach(() => {
    readings.length = 0;
    watchedKey = undefined;
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  const post = () => request(sut.server).post('/v1/documents').set('x-api-key', writer);
  const countDocuments = async () =>
    Number(
      ((await sut.dataSource.query('SELECT count(*)::int AS n FROM medical.documents')) as { n: number }[])[0]
        .n,
    );
  // Not the pool's count: the engine's write-behind L2 cache INSERTs (autocommit, not the request's)
  // may have a connection out at that moment; test/idempotency-narrow.e2e-spec.ts checks the pool.
  const idle = expect.objectContaining({ openTransactions: 0, heldLocks: 0 });

  it('holds no transaction, lock or connection during either model, with and without an Idempotency-Key', async () => {
    watchedKey = 'tx-probe-1';
    const keyed = await post()
      .set('idempotency-key', watchedKey)
      .set('content-type', FHIR_MEDIA_TYPE)
      .set('accept', 'application/json')
      .send(
        JSON.stringify(
          transactionBundle('tx-probe-bundle', [{ text: NOTE }, { text: `${NOTE} Follow up.` }]),
        ),
      );
    expect(keyed.status).toBe(201);
    expect(keyed.body.documents).toHaveLength(2);
    expect(readings.map((r) => r.step)).toEqual(['deid', 'ner', 'deid', 'ner']);
    for (const r of readings) {
      expect(r.reading).toEqual(idle);
      // The key is claimed (in progress) while the models run.
      expect(r.claim).toEqual({ status_code: null, claimed: true });
    }

    readings.length = 0;
    watchedKey = undefined;
    const plain = await post()
      .set('content-type', HL7_MEDIA_TYPE)
      .send(mdmT02('TX-PROBE-HL7', { text: NOTE }));
    expect(plain.status).toBe(201);
    expect(readings.map((r) => r.step)).toEqual(['deid', 'ner']);
    for (const r of readings) expect(r.reading).toEqual(idle);
  });

  it('computes once for copies of one keyed request sent at once: one effect, 409 or the replay for the rest', async () => {
    watchedKey = 'tx-same-key';
    const before = await countDocuments();
    const copies = await Promise.all(
      Array.from({ length: 4 }, () => post().set('idempotency-key', 'tx-same-key').send({ text: NOTE })),
    );
    const fresh = copies.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of copies.filter((c) => c !== fresh[0])) {
      if (r.status === 201) expect(r.body).toEqual(fresh[0].body);
      else
        expect({ status: r.status, code: r.body.code }).toEqual({
          status: 409,
          code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
        });
    }
    expect(readings.filter((r) => r.step === 'deid')).toHaveLength(1);
    expect(await countDocuments()).toBe(before + 1);
    const later = await post().set('idempotency-key', 'tx-same-key').send({ text: NOTE });
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body).toEqual(fresh[0].body);
  });

  it('numbers concurrent new versions of one source document from what is stored when it writes', async () => {
    // Separate HL7 messages (own control ids) naming one document in TXA-12.
    let message = 0;
    const send = (text: string) => {
      message += 1;
      const controlId = `TX-V-${message}`;
      return post()
        .set('content-type', HL7_MEDIA_TYPE)
        .send(mdmT02(controlId, { text }).replace(`${controlId}-DOC`, 'TX-VERSIONED'));
    };
    const results = await Promise.all([send(NOTE), send(`${NOTE} Amended.`), send(`${NOTE} Amended twice.`)]);
    // A version stored between another's read and insert makes that one a 409 (resend), never a duplicate.
    for (const r of results) expect([201, 409]).toContain(r.status);
    const rows = (await sut.dataSource.query(
      `SELECT version FROM medical.documents WHERE source_document_id = 'TX-VERSIONED' ORDER BY version`,
    )) as { version: number }[];
    const stored = results.filter((r) => r.status === 201).length;
    expect(stored).toBeGreaterThan(0);
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
    const next = await send(`${NOTE} Amended again.`);
    expect(next.status).toBe(201);
    expect(next.body.version).toBe(stored + 1);
  });
});
