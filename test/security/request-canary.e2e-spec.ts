// The PHI canary of apps/medical-records/test/phi-canary.e2e-spec.ts, planted where a body never goes:
// request headers (X-Correlation-Id, Idempotency-Key, X-Patient-Id, User-Agent, Referer, unknown
// headers), paths (unknown routes, ids) and query strings (unknown parameter names and values). None
// may come back in a response (status line, headers, body) or reach the logs or any database row.
import { PinoLoggerService } from '@suite/platform';
import { pino } from 'pino';
import request from 'supertest';
import { HTTP_APP, SERVICE } from '../../apps/medical-records/src/app.definition.js';
import { AppModule } from '../../apps/medical-records/src/app.module.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const GIVEN = 'Quillon';
const FAMILY = 'Vespertine';
const MRN = 'QX77304419';
const PHONE = '(617) 555-0199';
const CANARIES = [GIVEN, FAMILY, MRN, '555-0199', '5550199'];

class CapturingLogger extends PinoLoggerService {
  readonly lines: string[] = [];
  constructor() {
    super('trace', SERVICE);
    const lines = this.lines;
    Object.defineProperty(this, 'pino', {
      value: pino({ level: 'trace', base: { service: SERVICE } }, { write: (l: string) => lines.push(l) }),
    });
  }
}

const leaksIn = (text: string) => CANARIES.filter((c) => text.toLowerCase().includes(c.toLowerCase()));

describe('medical-records: PHI canary in headers, paths and query strings', () => {
  let sut: TestApp;
  let key: string;
  const logger = new CapturingLogger();
  const exchanges: string[] = [];

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    sut.app.useLogger(logger);
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  });

  afterAll(() => sut.close());

  const send = async (req: request.Test) => {
    const res = await req;
    exchanges.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text}`);
    return res;
  };
  const withHeaders = (req: request.Test) =>
    req
      .set('x-api-key', key)
      .set('x-correlation-id', MRN)
      .set('user-agent', `${GIVEN} ${FAMILY}`)
      .set('referer', `https://example.org/patients/${MRN}`)
      .set(`x-${GIVEN}`, PHONE);

  it('plants the canary in headers, paths and query strings of accepted and refused requests', async () => {
    const statuses = [
      // Accepted, with the canary in every header around a clean body.
      (
        await send(
          withHeaders(request(sut.server).post('/v1/documents'))
            .set('idempotency-key', `${MRN}-1`)
            .send({ text: 'Admitted with pneumonia; started ceftriaxone.' }),
        )
      ).status,
      (await send(withHeaders(request(sut.server).get('/v1/documents').query({ limit: 5 })))).status,
      // Refused: an Idempotency-Key that is free text.
      (
        await send(
          withHeaders(request(sut.server).post('/v1/documents'))
            .set('idempotency-key', `${GIVEN} ${FAMILY}`)
            .send({ text: 'x' }),
        )
      ).status,
      // Paths: an unknown route, a malformed id, an id in an unknown sub-route.
      (await send(withHeaders(request(sut.server).get(`/v1/patients/${GIVEN}-${FAMILY}/${MRN}`)))).status,
      (await send(withHeaders(request(sut.server).get(`/v1/documents/${MRN}`)))).status,
      (await send(withHeaders(request(sut.server).get(`/v1/documents/${GIVEN}/${FAMILY}`)))).status,
      // Query strings: unknown parameter names and canary values, on a known and an unknown route.
      (
        await send(
          withHeaders(request(sut.server).get('/v1/documents')).query({ [GIVEN]: FAMILY, [MRN]: PHONE }),
        )
      ).status,
      (
        await send(
          withHeaders(request(sut.server).get('/v1/documents')).query({ patientRef: `${GIVEN} ${MRN}` }),
        )
      ).status,
      (await send(withHeaders(request(sut.server).get(`/nowhere?${GIVEN}=${MRN}`)))).status,
      // Without a key: the 401 path.
      (
        await send(
          request(sut.server).get(`/v1/documents?${MRN}=1`).set('x-correlation-id', `${GIVEN}-${FAMILY}`),
        )
      ).status,
    ];
    expect(statuses).toEqual([201, 200, 400, 404, 400, 404, 400, 400, 404, 401]);
  });

  it('finds the canary in no response, log line or database row', async () => {
    const tables = (await sut.dataSource.query(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_schema IN ('medical', 'platform', 'inference') AND table_type = 'BASE TABLE'`,
    )) as { table_schema: string; table_name: string }[];
    const rows: string[] = [];
    for (const t of tables) {
      const found = (await sut.dataSource.query(
        `SELECT row_to_json(t)::text AS row FROM "${t.table_schema}"."${t.table_name}" t`,
      )) as { row: string }[];
      rows.push(...found.map((r) => r.row));
    }
    // Not vacuous: the accepted request was stored, keyed and logged.
    expect(rows.some((r) => r.includes('document.create'))).toBe(true);
    expect(rows.some((r) => r.includes('"key_hash"'))).toBe(true);
    expect(logger.lines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(10);

    expect(exchanges.filter((e) => leaksIn(e).length > 0)).toEqual([]);
    expect(leaksIn(logger.lines.join('\n'))).toEqual([]);
    expect(leaksIn(rows.join('\n'))).toEqual([]);
  });
});
