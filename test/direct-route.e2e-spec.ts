// @DirectRoute against Nest's own router: the same controller method served both ways must give the
// same answers (status, body, the headers that carry meaning) to random sequences of requests with
// and without keys, scopes, valid and invalid bodies and Idempotency-Keys; and a direct route that
// uses something the runner does not run refuses to start instead of skipping it.
import { Body, Controller, Inject, Module, Post, Query, Req, type Type, UseGuards } from '@nestjs/common';
import {
  type AuthenticatedRequest,
  createHttpApp,
  CurrentPrincipal,
  DirectRoute,
  Idempotent,
  PlatformModule,
  type Principal,
  RequireScopes,
  TransactionRunner,
} from '@suite/platform';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { migrations } from '@suite/migrations';

class EntryDto {
  @IsInt()
  @Min(1)
  @Max(1000)
  amount: number;

  @IsOptional()
  @IsString()
  @MaxLength(8)
  note?: string;
}

async function recordEntry(
  tx: TransactionRunner,
  route: string,
  dto: EntryDto,
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

// The same controller twice: served by Nest's router, and as a @DirectRoute.
function entriesController(route: 'router' | 'direct'): Type<unknown> {
  const servedBy: MethodDecorator = route === 'direct' ? DirectRoute() : () => undefined;

  @Controller(`v1/${route}`)
  class EntriesController {
    constructor(@Inject(TransactionRunner) private readonly tx: TransactionRunner) {}

    @Post()
    @servedBy
    @Idempotent()
    @RequireScopes('entries:write')
    postEntry(
      @Body() dto: EntryDto,
      @CurrentPrincipal() principal: Principal,
      @Req() req: AuthenticatedRequest,
    ) {
      return recordEntry(this.tx, route, dto, principal, req);
    }
  }
  return EntriesController;
}

@Module({
  imports: [PlatformModule.forService({ service: 'risk', migrations })],
  controllers: [entriesController('router'), entriesController('direct')],
})
class EntriesTestModule {}

const MEANINGFUL_HEADERS = [
  'content-type',
  'idempotent-replayed',
  'retry-after',
  'content-security-policy',
  'x-frame-options',
];

describe('@DirectRoute answers as Nest router does', () => {
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

describe('@DirectRoute refuses what it does not run', () => {
  @Controller('v1/guarded')
  class GuardedController {
    @Post()
    @DirectRoute()
    @UseGuards(
      class {
        canActivate() {
          return false;
        }
      },
    )
    @RequireScopes('entries:write')
    postEntry(@Body() dto: EntryDto) {
      return dto;
    }
  }

  @Controller('v1/queried')
  class QueriedController {
    @Post()
    @DirectRoute()
    @RequireScopes('entries:write')
    postEntry(@Body() dto: EntryDto, @Query('dry') dry: string) {
      return { dto, dry };
    }
  }

  it.each([
    ['a route-level guard', GuardedController, /route-level __guards__ are not supported/],
    ['a query parameter', QueriedController, /parameter type QUERY is not supported/],
  ])('fails at startup on %s', async (_what, controller, message) => {
    @Module({
      imports: [PlatformModule.forService({ service: 'risk', migrations })],
      controllers: [controller],
    })
    class BadModule {}
    const db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    const app = await createHttpApp(BadModule, { title: 'bad' });
    try {
      await expect(app.init()).rejects.toThrow(message);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
