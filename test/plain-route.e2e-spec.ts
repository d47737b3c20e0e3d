// @PlainRoute against Nest's own router: the same controller method served both ways (a plain Fastify
// route, and a Nest route with the same body schema) must give the same answers (status, body, the
// headers that carry meaning) to random sequences of requests with and without keys, scopes, valid
// and invalid bodies and Idempotency-Keys; and a plain route that uses something it does not run
// refuses to start instead of skipping it.
import { Body, Controller, Inject, Module, Post, Req, UseGuards } from '@nestjs/common';
import {
  type AuthenticatedRequest,
  createHttpApp,
  CurrentPrincipal,
  Idempotent,
  PlainRoute,
  PlatformModule,
  type Principal,
  RequireScopes,
  TransactionRunner,
} from '@suite/platform';
import fc from 'fast-check';
import request from 'supertest';
import * as z from 'zod';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { migrations } from '@suite/migrations';

const EntrySchema = z.strictObject({
  amount: z.int().min(1).max(1000),
  note: z.string().max(8).nullish(),
});
type Entry = z.infer<typeof EntrySchema>;

class EntryResponseDto {}

async function recordEntry(
  tx: TransactionRunner,
  route: string,
  dto: Entry,
  principal: Principal,
  req: AuthenticatedRequest,
) {
  const [row] = (await tx
    .manager()
    .query('INSERT INTO test_entries (route, amount) VALUES ($1, $2) RETURNING amount', [
      route,
      dto.amount,
    ])) as {
    amount: number;
  }[];
  if (dto.note === 'boom') throw new Error('handler failure');
  return {
    amount: row.amount,
    note: dto.note ?? null,
    keyId: principal.keyId,
    hasCorrelationId: typeof req.id === 'string',
  };
}

// The same method twice: served by Nest's router, and as a @PlainRoute.
@Controller('v1/router')
class RoutedEntriesController {
  constructor(@Inject(TransactionRunner) private readonly tx: TransactionRunner) {}

  @Post()
  @Idempotent()
  @RequireScopes('entries:write')
  postEntry(
    @Body({ schema: EntrySchema }) dto: Entry,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return recordEntry(this.tx, 'router', dto, principal, req);
  }
}

@Controller()
class PlainEntriesController {
  constructor(@Inject(TransactionRunner) private readonly tx: TransactionRunner) {}

  @PlainRoute({
    method: 'POST',
    path: '/v1/direct',
    body: EntrySchema,
    openApi: { response: EntryResponseDto },
  })
  @Idempotent()
  @RequireScopes('entries:write')
  postEntry(dto: Entry, req: AuthenticatedRequest) {
    return recordEntry(this.tx, 'direct', dto, req.principal!, req);
  }
}

@Module({
  imports: [PlatformModule.forService({ service: 'risk', migrations })],
  controllers: [RoutedEntriesController, PlainEntriesController],
})
class EntriesTestModule {}

const MEANINGFUL_HEADERS = [
  'content-type',
  'idempotent-replayed',
  'retry-after',
  'content-security-policy',
  'x-frame-options',
];

describe('@PlainRoute answers as Nest router does', () => {
  let sut: TestApp;
  const keys: Record<string, string | undefined> = { none: undefined, bogus: 'sk_not_a_real_key' };
  let run = 0;

  beforeAll(async () => {
    sut = await startTestApp(EntriesTestModule, { title: 'entries' }, { RATE_LIMIT_PER_MINUTE: '100000' });
    await sut.dataSource.query('CREATE TABLE test_entries (route text NOT NULL, amount int NOT NULL)');
    keys.writer = await sut.createKey('risk', ['entries:write']);
    keys.reader = await sut.createKey('risk', ['entries:read']);
    keys.otherService = await sut.createKey('medical', ['*']);
  });

  afterAll(() => sut.close());

  const bodies = {
    valid: { amount: 12 },
    withNote: { amount: 7, note: 'hi' },
    zero: { amount: 0 },
    text: { amount: 'x' },
    unknownField: { amount: 3, colour: 'red' },
    longNote: { amount: 3, note: 'far too long' },
    nullNote: { amount: 4, note: null },
    unstorable: { amount: 3, note: 'a\u0000b' },
    float: { amount: 2.5 },
    array: [1, 2],
    empty: {},
    failing: { amount: 5, note: 'boom' },
  };
  const step = fc.record({
    key: fc.constantFrom('writer', 'writer', 'writer', 'reader', 'none', 'bogus', 'otherService'),
    body: fc.constantFrom(...(Object.keys(bodies) as (keyof typeof bodies)[])),
    idempotencyKey: fc.constantFrom(null, 'k1', 'k2', ''),
  });

  const send = async (
    route: 'router' | 'direct',
    s: { key: string; body: keyof typeof bodies; idempotencyKey: string | null },
    prefix: string,
  ) => {
    const req = request(sut.server).post(`/v1/${route}`);
    if (keys[s.key]) req.set('x-api-key', keys[s.key]!);
    if (s.idempotencyKey !== null)
      req.set('idempotency-key', s.idempotencyKey && `${prefix}-${route}-${s.idempotencyKey}`);
    const res = await req.send(bodies[s.body]);
    const body = { ...(res.body as Record<string, unknown>) };
    delete body.correlationId;
    if (typeof body.message === 'string') body.message = body.message.replace(/direct|router/g, 'ROUTE');
    return {
      status: res.status,
      body,
      headers: Object.fromEntries(MEANINGFUL_HEADERS.map((h) => [h, res.headers[h] as unknown])),
    };
  };

  it('gives the same status, body and headers to the same request sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const prefix = `run${run++}`;
        for (const s of steps) {
          const viaRouter = await send('router', s, prefix);
          const direct = await send('direct', s, prefix);
          expect(direct).toEqual(viaRouter);
        }
      }),
      { numRuns: 30, seed: 20261202 },
    );
    const counts = (await sut.dataSource.query(
      'SELECT route, count(*)::int AS n FROM test_entries GROUP BY route ORDER BY route',
    )) as { route: string; n: number }[];
    expect(counts).toHaveLength(2);
    // helmet's headers, computed once per app, are on every answer of both.
    const answer = await send('direct', { key: 'none', body: 'valid', idempotencyKey: null }, 'headers');
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(counts[0].n).toBe(counts[1].n);
  });
});

describe('@PlainRoute refuses what it does not run', () => {
  @Controller()
  class GuardedController {
    @PlainRoute({
      method: 'POST',
      path: '/v1/guarded',
      body: EntrySchema,
      openApi: { response: EntryResponseDto },
    })
    @UseGuards(
      class {
        canActivate() {
          return false;
        }
      },
    )
    @RequireScopes('entries:write')
    postEntry(dto: Entry) {
      return dto;
    }
  }

  it('fails at startup on a route-level guard', async () => {
    @Module({
      imports: [PlatformModule.forService({ service: 'risk', migrations })],
      controllers: [GuardedController],
    })
    class BadModule {}
    const db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    const app = await createHttpApp(BadModule, { title: 'bad' });
    try {
      await expect(app.init()).rejects.toThrow(/route-level __guards__ are not supported/);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
