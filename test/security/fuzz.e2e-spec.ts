// Security sweep per service, driven by the committed OpenAPI documents (apps/<app>/openapi.json):
// every operation of every service gets CASES_PER_OPERATION generated requests (fast-check, fixed seed)
// with a valid API key: values near the schema, hostile strings in every string field (NUL, lone
// surrogates, bidi controls, long tokens), wrong types, deep JSON (10,000 levels, with and without an
// Idempotency-Key), huge arrays and objects, 20,000-key objects, unknown query parameters, odd
// Idempotency-Key and X-Correlation-Id headers, prototype-pollution keys, broken JSON, bodies over the
// limit. None may answer 5xx; each service prints its case and status counts. Then: another key's resources are 404 (where data is owned per
// key), rate limits answer 429 with Retry-After, and no API key, database password or body canary
// appears in any log line the service wrote meanwhile (the production pino logger, captured).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { type HttpAppOptions, PinoLoggerService } from '@suite/platform';
import fc from 'fast-check';
import { pino } from 'pino';
import { HTTP_APP as SUPPORT_APP } from '../../apps/customer-service/src/app.definition.js';
import { AppModule as SupportModule } from '../../apps/customer-service/src/app.module.js';
import { HTTP_APP as INFERENCE_APP } from '../../apps/inference-server/src/app.definition.js';
import { AppModule as InferenceModule } from '../../apps/inference-server/src/app.module.js';
import { HTTP_APP as MEDICAL_APP } from '../../apps/medical-records/src/app.definition.js';
import { AppModule as MedicalModule } from '../../apps/medical-records/src/app.module.js';
import { HTTP_APP as RISK_APP } from '../../apps/risk-scoring/src/app.definition.js';
import { AppModule as RiskModule } from '../../apps/risk-scoring/src/app.module.js';
import { APPLICATION } from '../support/risk-application.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SEED = 20251202;
const CASES_PER_OPERATION = 300;
const BODY_CANARY = 'CanaryBody-7f3a9c-Zyxw';
const HUGE = 'x'.repeat(200_000);
const BODY_LIMIT_BYTES = 1024 * 1024; // the default, which the sweep runs with

// Strings that break storage, parsers, logs or terminals. The long shapes are kept at a few thousand
// characters so that the sweep's time stays bounded; test/security's own benches take them further.
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  `${BODY_CANARY}\u0000`,
  '\ud800',
  'x\udfffy',
  '\udbff\udbff',
  '\ud83d',
  '\u202e\u2066rtl\u2069',
  '\ufeff\u200b\u200d',
  '\r\nSet-Cookie: x=1',
  '%00',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>x</script>',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  '🙂'.repeat(500),
  '\n'.repeat(2000),
  'a'.repeat(5000),
  '1'.repeat(4000),
  'ab'.repeat(2000),
];
const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
// A plausible value with one hostile string spliced in.
const spliced = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, hostileString, fc.nat())
    .map(([b, h, at]) => b.slice(0, at % (b.length + 1)) + h + b.slice(at % (b.length + 1)));

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** The production logger, writing to memory (the same fields and filters as in production). */
class CapturingLogger extends PinoLoggerService {
  readonly lines: string[] = [];
  constructor(service: string) {
    super('trace', service);
    const lines = this.lines;
    Object.defineProperty(this, 'pino', {
      value: pino({ level: 'trace', base: { service } }, { write: (line: string) => lines.push(line) }),
    });
  }
}

function operationsOf(app: string): { doc: Schema; operations: Operation[] } {
  const doc = JSON.parse(readFileSync(join('apps', app, 'openapi.json'), 'utf8')) as Schema;
  const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
  );
  return { doc, operations };
}

const deepJson = (depth: number): unknown => {
  let value: unknown = BODY_CANARY;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

// Values that are wrong for almost any field.
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(HUGE),
  fc.constant(deepJson(2000)),
  fc.constant({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } }),
  fc.constant(BODY_CANARY),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1),
  fc.constantFrom('', ' '),
  hostileString,
  fc.constant(Array.from({ length: 5000 }, (_, i) => i)),
  fc.constant(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]))),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), { maxKeys: 5 }),
);

const small = (v: unknown) => ((JSON.stringify(v) ?? '').length > 200 ? {} : v);

function resolveRef(doc: Schema, schema: Schema): Schema {
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return resolveRef(doc, doc.components.schemas[name] as Schema);
  }
  if (schema.allOf) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => resolveRef(doc, s)));
  return schema;
}

/** Values near the schema (its enums, bounds, formats) mixed with wrong ones. */
function arbitraryOf(doc: Schema, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!raw || depth > 4) return weird;
  const schema = resolveRef(doc, raw);
  let near: fc.Arbitrary<unknown>;
  if (schema.enum) near = fc.constantFrom(...(schema.enum as unknown[]));
  else if (schema.type === 'string') {
    near =
      schema.format === 'uuid'
        ? fc.uuid()
        : schema.format === 'date-time' || schema.format === 'date'
          ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
          : fc.string({
              unit: 'grapheme',
              minLength: schema.minLength ?? 0,
              // Long strings come from HOSTILE_STRINGS and HUGE; generating long graphemes is slow.
              maxLength: Math.min(schema.maxLength ?? 40, 60) + 2,
            });
    near = fc.oneof(
      { weight: 3, arbitrary: near },
      { weight: 2, arbitrary: spliced(near as fc.Arbitrary<string>) },
    );
  } else if (schema.type === 'number' || schema.type === 'integer') {
    const min = typeof schema.minimum === 'number' ? schema.minimum - 1 : -1e6;
    const max = typeof schema.maximum === 'number' ? schema.maximum + 1 : 1e7;
    near =
      schema.type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true });
  } else if (schema.type === 'boolean') near = fc.boolean();
  else if (schema.type === 'array') {
    const items = arbitraryOf(doc, schema.items as Schema, depth + 1);
    const maxLength = Math.min((schema.maxItems ?? 8) + 1, 12);
    near = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(items, { minLength: Math.max(0, (schema.minItems ?? 0) - 1), maxLength }),
      },
      // Far past maxItems (body-level arrays): one small generated item repeated, for the size.
      ...(depth <= 1
        ? [{ weight: 1, arbitrary: items.map((item) => new Array<unknown>(5000).fill(small(item))) }]
        : []),
    );
  } else if (schema.type === 'object' || schema.properties) {
    const props = Object.fromEntries(
      Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([k, s]) => [
        k,
        arbitraryOf(doc, s, depth + 1),
      ]),
    );
    near = fc.record(props, { requiredKeys: [] });
  } else near = fc.anything({ maxDepth: 2 });
  return fc.oneof({ weight: 5, arbitrary: near }, { weight: 1, arbitrary: weird });
}

// encodeURIComponent throws on lone surrogates, which a URL cannot carry anyway (UTF-8).
const encode = (v: string) => encodeURIComponent((v as unknown as { toWellFormed(): string }).toWellFormed());

const raw = (text: string) => ({ raw: text });
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const wide = (keys: number) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`field${i}`, i])));

function requestsFor(doc: Schema, op: Operation, apiKey: string, count: number, seed: number): FuzzRequest[] {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const pathValue = fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => s.length > 0) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e9', 'null', '%00', '..', 'x'.repeat(3000), '🙂') },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const resolved = bodySchema ? resolveRef(doc, bodySchema) : {};
  // Each array property of the body far past any maxItems, as raw JSON (generating it is slow).
  const arrayProps = Object.entries((resolved.properties ?? {}) as Record<string, Schema>)
    .filter(([, p]) => resolveRef(doc, p).type === 'array')
    .map(([name]) => raw(JSON.stringify({ [name]: Array.from({ length: 5000 }, () => ({})) })));
  const body = fc.oneof(
    { weight: 12, arbitrary: arbitraryOf(doc, bodySchema ?? { type: 'object' }).map((v) => ({ json: v })) },
    { weight: 2, arbitrary: weird.map((v) => ({ json: v })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        raw('{"a":'),
        raw(`{"x":"${'y'.repeat(1_200_000)}"}`), // over BODY_LIMIT_BYTES: 413
        raw('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'),
        raw('['.repeat(5000) + ']'.repeat(5000)),
        raw('\u0000\uFFFF'),
        raw('"\\u0000"'),
        raw('{"\\u0000":"\\ud800"}'),
        raw(nested(10_000)),
        raw(wide(20_000)),
        raw(`[${'0,'.repeat(300_000)}0]`),
        ...arrayProps,
      ),
    },
  );
  const header = fc.oneof(
    fc.uuid(),
    fc.constantFrom('a b', '<script>', 'x'.repeat(300), 'Quillon;DROP', '', '..', 'k\t1', 'ok-key.1:2'),
  );
  const headers = fc.record({ idempotencyKey: header, correlationId: header }, { requiredKeys: [] });
  const extraQuery = fc.option(
    fc.tuple(
      fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), hostileString),
      fc.string({ maxLength: 20 }),
    ),
    { freq: 4, nil: undefined },
  );
  const arb = fc.record({
    path: fc.tuple(...pathParams.map(() => pathValue)),
    query: fc.tuple(
      ...queryParams.map((p) =>
        fc.option(fc.oneof(arbitraryOf(doc, p.schema), hostileString), { nil: undefined }),
      ),
    ),
    extraQuery,
    headers,
    body,
  });
  return fc
    .sample(arb, { numRuns: count, seed })
    .map(({ path, query, extraQuery: extra, headers: h, body: b }) => {
      let url = op.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(path[i]))));
      const pairs = queryParams.flatMap((p, i) =>
        query[i] === undefined
          ? []
          : [
              `${p.name}=${encode(typeof query[i] === 'string' ? query[i] : String(JSON.stringify(query[i])))}`,
            ],
      );
      if (extra) pairs.push(`${encode(extra[0])}=${encode(extra[1])}`);
      const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
      const payload = !hasBody ? undefined : 'raw' in b ? b.raw : (JSON.stringify(b.json) ?? 'null');
      return {
        method: op.method,
        url: pairs.length > 0 ? `${url}?${pairs.join('&')}` : url,
        headers: {
          'x-api-key': apiKey,
          ...(hasBody && { 'content-type': 'application/json' }),
          ...(h.idempotencyKey !== undefined && { 'idempotency-key': h.idempotencyKey }),
          ...(h.correlationId !== undefined && { 'x-correlation-id': h.correlationId }),
        },
        payload,
      };
    });
}

interface Answer {
  statusCode: number;
  body: string;
  headers: Headers;
}

/** Listens on a loopback port and sends requests there (light-my-request cannot load under jest). */
async function listen(sut: TestApp): Promise<(r: FuzzRequest) => Promise<Answer>> {
  await sut.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = sut.app.getHttpServer().address() as { port: number };
  return async (r) => {
    const res = await fetch(`http://127.0.0.1:${port}${r.url}`, {
      method: r.method,
      headers: r.headers,
      body: r.payload,
    }).catch((error: unknown) => {
      // Fastify answers 413 and closes the connection while a body over the limit is still being sent.
      if ((r.payload?.length ?? 0) > BODY_LIMIT_BYTES) return undefined;
      throw error;
    });
    if (!res) return { statusCode: 413, body: '', headers: new Headers() };
    return { statusCode: res.status, body: await res.text(), headers: res.headers };
  };
}

interface ServiceCase {
  app: string;
  service: string;
  module: Type<unknown>;
  options: HttpAppOptions;
  env: Record<string, string>;
}

const SERVICES: ServiceCase[] = [
  {
    app: 'risk-scoring',
    service: 'risk',
    module: RiskModule,
    options: RISK_APP,
    env: { RISK_RETRAIN_CRON: 'off' },
  },
  { app: 'customer-service', service: 'support', module: SupportModule, options: SUPPORT_APP, env: {} },
  { app: 'medical-records', service: 'medical', module: MedicalModule, options: MEDICAL_APP, env: {} },
  {
    app: 'inference-server',
    service: 'inference',
    module: InferenceModule,
    options: INFERENCE_APP,
    env: { INFERENCE_WORKERS: '1', INFERENCE_INTRA_OP_THREADS: '1' },
  },
];

/** The database password the service was given: the URL's own, or a canary (ignored by trust auth). */
function withPassword(url: string): { url: string; password: string } {
  const u = new URL(url);
  if (u.password) return { url, password: decodeURIComponent(u.password) };
  u.password = 'CanaryDbPw-41b7e2';
  if (!u.username) u.username = 'postgres';
  return { url: u.toString(), password: 'CanaryDbPw-41b7e2' };
}

describe.each(SERVICES)('$app: security sweep', ({ app, service, module, options, env }) => {
  let sut: TestApp;
  let inject: (r: FuzzRequest) => Promise<Answer>;
  let key: string;
  let dbPassword: string;
  const logger = new CapturingLogger(service);

  beforeAll(async () => {
    const base = process.env.TEST_DATABASE_URL!;
    const { password } = withPassword(base);
    dbPassword = password;
    // The database URL (with its password) reaches the service as in production.
    sut = await startTestApp(module, options, {
      ...env,
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'trace',
    });
    sut.app.useLogger(logger);
    inject = await listen(sut);
    key = await sut.createKey(service, ['*']);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it(`answers ${CASES_PER_OPERATION} generated requests per documented operation without a 5xx`, async () => {
    const { doc, operations } = operationsOf(app);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    let sent = 0;
    const slowest: [number, string][] = [];
    const slowCases: [number, string][] = [];
    let generating = 0;
    for (const [i, op] of operations.entries()) {
      const g0 = performance.now();
      const generated = requestsFor(doc, op, key, CASES_PER_OPERATION, SEED + i);
      generating += performance.now() - g0;
      const o0 = performance.now();
      for (const r of generated) {
        const t0 = performance.now();
        const res = await inject(r);
        const ms = performance.now() - t0;
        slowCases.push([
          ms,
          `${r.method} ${r.url.slice(0, 60)} (${r.payload?.length ?? 0} chars) -> ${res.statusCode}`,
        ]);
        sent += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        // A readiness probe answers 503 while a model is not loaded: its contract, not a fault.
        const readiness = res.statusCode === 503 && op.method === 'GET' && op.path.endsWith('/ready');
        if (res.statusCode >= 500 && !readiness) {
          failures.push(
            `${r.method} ${r.url.slice(0, 120)} ${String(r.payload).slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        }
      }
      slowest.push([Math.round(performance.now() - o0), `${op.method} ${op.path}`]);
    }
    // The figures of the sweep, for the CI log.
    console.log(
      JSON.stringify({
        fuzz: app,
        operations: operations.length,
        cases: sent,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        generatingSeconds: Math.round(generating / 100) / 10,
        slowestOperationsMs: slowest.sort(([a], [b]) => b - a).slice(0, 3),
        slowestCases: slowCases
          .sort(([a], [b]) => b - a)
          .slice(0, 3)
          .map(([ms, what]) => `${Math.round(ms)} ms ${what}`),
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      }),
    );
    // On failure, the unexpected errors the service logged (name and top frames) say where.
    const logged = [
      ...new Set(
        logger.lines
          .filter((l) => l.includes('"errorName"'))
          .map((l) => {
            const e = JSON.parse(l) as { errorName?: string; stack?: string };
            return `${e.errorName}: ${(e.stack ?? '').split('\n').slice(0, 3).join(' | ')}`;
          }),
      ),
    ];
    expect({ failures, logged }).toEqual({ failures: [], logged: [] });
    expect(sent).toBe(operations.length * CASES_PER_OPERATION);
    // The fuzz reached the handlers, not only the validation: some requests succeeded.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  }, 600_000);

  it('keeps API keys, the database password and body values out of every log line', async () => {
    // A wrong key and a well-formed request carrying the canary, so that both paths were logged.
    await inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: { 'x-api-key': 'sk_live_CanaryWrongKey_93af' },
    });
    await inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: BODY_CANARY, scopes: ['*'] }),
    });
    const logs = logger.lines.join('\n');
    // The access log saw both requests (so the scan below reads real request logging).
    expect(logs).toMatch(/"msg":"request".*"route":"\/v1\/api-keys"/);
    for (const secret of [key, 'sk_live_CanaryWrongKey_93af', dbPassword, BODY_CANARY, HUGE.slice(0, 64)]) {
      expect({ secret: secret.slice(0, 12), inLogs: logs.includes(secret) }).toEqual({
        secret: secret.slice(0, 12),
        inLogs: false,
      });
    }
  });
});

describe('ownership (BOLA)', () => {
  let sut: TestApp;
  let send: (r: FuzzRequest) => Promise<Answer>;

  beforeAll(async () => {
    sut = await startTestApp(SupportModule, SUPPORT_APP, { RATE_LIMIT_PER_MINUTE: '1000000' });
    send = await listen(sut);
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('answers 404 to another key for every route of a customer-service conversation', async () => {
    const owner = await sut.createKey('support', ['support:chat']);
    const other = await sut.createKey('support', ['*']);
    const started = await send({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': owner, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(started.statusCode).toBe(201);
    const id = (JSON.parse(started.body) as { id: string }).id;
    const routes: [string, string, string?][] = [
      ['GET', `/v1/conversations/${id}`],
      ['POST', `/v1/conversations/${id}/messages`, JSON.stringify({ text: 'hello' })],
      ['GET', `/v1/conversations/${id}/messages`],
      ['GET', `/v1/conversations/${id}/events`],
    ];
    for (const [method, url, payload] of routes) {
      const res = await send({
        method,
        url,
        payload,
        headers: { 'x-api-key': other, ...(payload && { 'content-type': 'application/json' }) },
      });
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 404 });
    }
    const own = await send({
      method: 'GET',
      url: `/v1/conversations/${id}`,
      headers: { 'x-api-key': owner },
    });
    expect(own.statusCode).toBe(200);
  });

  it("refuses a key of another service on every service's key routes (403)", async () => {
    const riskKey = await sut.createKey('risk', ['*']);
    const res = await send({ method: 'GET', url: '/v1/api-keys', headers: { 'x-api-key': riskKey } });
    expect(res.statusCode).toBe(403);
  });
});

describe('rate limits', () => {
  let sut: TestApp;
  let send: (r: FuzzRequest) => Promise<Answer>;
  const LIMIT = 25;

  beforeAll(async () => {
    sut = await startTestApp(RiskModule, RISK_APP, {
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      RISK_RETRAIN_CRON: 'off',
    });
    send = await listen(sut);
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('answers 429 with Retry-After past the per-key limit, per key, whatever the route', async () => {
    const key = await sut.createKey('risk', ['*']);
    const other = await sut.createKey('risk', ['*']);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < LIMIT + 10; i++) {
      const res =
        i % 2
          ? await send({ method: 'GET', url: '/v1/models', headers: { 'x-api-key': key } })
          : await send({
              method: 'POST',
              url: '/v1/applications/score',
              headers: { 'x-api-key': key, 'content-type': 'application/json' },
              payload: JSON.stringify(APPLICATION),
            });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) retryAfter = String(res.headers.get('retry-after'));
    }
    expect(statuses.slice(0, LIMIT).every((s) => s < 300)).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual(Array.from({ length: 10 }, () => 429));
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // Another key has its own budget; wrong keys are limited per address.
    expect(
      (await send({ method: 'GET', url: '/v1/models', headers: { 'x-api-key': other } })).statusCode,
    ).toBe(200);
    const anonymous: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      anonymous.push(
        (
          await send({
            method: 'GET',
            url: '/v1/models',
            headers: { 'x-api-key': `sk_wrong_${i}` },
          })
        ).statusCode,
      );
    }
    expect(anonymous).toContain(401);
  });
});
