// Risk scoring throughput and latency on loopback: POST /v1/applications/score through the real
// AppModule (Fastify, validation, API-key auth, rate limiting, the request transaction, and, in a
// second variant, an Idempotency-Key per request), against a bare node:http server doing the same
// work in the same process and run: JSON parse, the same model through the same engine, the same
// score/decision/reasons, the same INSERT. The load generator (autocannon) runs in a child process so
// that it does not share the servers' event loop. Bounded: 3 concurrencies x ROUNDS x 4 variants x
// DURATION_S.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantileOfSorted } from '@suite/ml';
import { ApiKeyStore, createHttpApp, loadConfig } from '@suite/platform';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { type ApplicantRecord, readCreditDefaultCsv } from '@suite/risk-models';
import { HTTP_APP } from '../apps/risk-scoring/src/app.definition.js';
import { AppModule } from '../apps/risk-scoring/src/app.module.js';
import { RiskModelRegistryService } from '../apps/risk-scoring/src/model-registry/risk-model-registry.service.js';
import { adverseActionReasons } from '../apps/risk-scoring/src/scoring/reason-codes.js';
import { decisionOf, scoreOf } from '../apps/risk-scoring/src/scoring/score-scale.js';
import { RISK_OPTIONS, type RiskOptions } from '../apps/risk-scoring/src/risk-options.js';
import type { Benchmark } from './benchmark.js';
import { scratchPostgres } from './support/scratch-postgres.js';

const CONCURRENCIES = [1, 16, 64];
const HEADLINE_CONCURRENCY = 16;
// Short runs in interleaved rounds: this box's speed drifts by a third within a minute, so each ratio
// is taken between runs seconds apart (one round) and the median over rounds is reported.
const ROUNDS = 3;
const DURATION_S = 3;
const WARMUP_S = 2;
const BODIES = 500;
const PATH = '/v1/applications/score';

const log = (message: string): void => void process.stderr.write(`${message}\n`);

const median = (xs: number[]): number =>
  quantileOfSorted(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  apiKey?: string;
  idempotencyKeys: boolean;
  bodiesFile: string;
}

interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

// The child side: run autocannon with the spec in RISK_BENCH_LOAD and print its figures.
async function generateLoad(spec: LoadSpec): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as (
    options: unknown,
  ) => Promise<AutocannonResult>;
  const bodies = JSON.parse(readFileSync(spec.bodiesFile, 'utf8')) as string[];
  let next = 0;
  const run = randomBytes(4).toString('hex');
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    requests: [
      {
        method: 'POST',
        path: PATH,
        setupRequest: (req: Record<string, unknown>) => {
          const i = next++;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (spec.apiKey) headers['x-api-key'] = spec.apiKey;
          if (spec.idempotencyKeys) headers['idempotency-key'] = `bench-${run}-${i}`;
          return { ...req, headers, body: bodies[i % bodies.length] };
        },
      },
    ],
  });
  const out: LoadResult = {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, RISK_BENCH_LOAD: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

const INSERT_APPLICATION = `INSERT INTO risk.credit_applications (id, external_reference, submitted_by, applicant,
    demographics, narrative, probability, score, decision, reasons, model_name, model_version, shadow_model_version,
    shadow_probability, correlation_id, scored_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;

/**
 * The framework-free limit: same parse, model, scoring rules and INSERT, nothing else. With
 * `transaction`, the INSERT runs inside BEGIN/COMMIT as the API's request transaction does, which
 * separates what the transaction costs from what the framework costs.
 */
function startBareServer(
  registry: RiskModelRegistryService,
  options: RiskOptions,
  pool: pg.Pool,
  keyId: string,
  transaction: boolean,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== PATH) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApplicantRecord & {
            age: number;
          };
          const record: ApplicantRecord = {
            creditLimit: body.creditLimit,
            history: body.history.map((m) => ({
              repaymentStatus: m.repaymentStatus,
              billAmount: m.billAmount,
              paymentAmount: m.paymentAmount,
            })),
          };
          const scorer = registry.championScorer();
          const [scored] = await scorer.scoreApplicants([record]);
          const score = scoreOf(scored.probability, options.scale);
          const decision = decisionOf(score, options.cutoffs);
          const reasons = adverseActionReasons(
            scored.groupContributions,
            scorer.card.extra.reasonBaselines,
            scored.facts,
            scorer.card.extra.reasonReferences,
          );
          const id = randomUUID();
          const scoredAt = new Date();
          const values = [
            id,
            null,
            keyId,
            JSON.stringify(record),
            JSON.stringify({ age: body.age }),
            scored.narrative.text,
            scored.probability,
            score,
            decision,
            JSON.stringify(reasons),
            scorer.card.name,
            scorer.version,
            null,
            null,
            null,
            scoredAt,
          ];
          if (transaction) {
            const client = await pool.connect();
            try {
              await client.query('BEGIN');
              await client.query(INSERT_APPLICATION, values);
              await client.query('COMMIT');
            } finally {
              client.release();
            }
          } else {
            await pool.query(INSERT_APPLICATION, values);
          }
          res.writeHead(201, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              applicationId: id,
              probabilityOfDefault: Math.round(scored.probability * 1e6) / 1e6,
              score,
              decision,
              reasons,
              narrative: scored.narrative.text,
              model: { name: scorer.card.name, version: scorer.version },
              scoredAt: scoredAt.toISOString(),
            }),
          );
        } catch {
          res.writeHead(500).end();
        }
      })();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await scratchPostgres('risk_bench');
  return { url: await server.createDatabase(), drop: () => server.close() };
}

const run: Benchmark = async () => {
  const dev = await readCreditDefaultCsv({ path: 'data/credit-default/dev.csv' });
  const bodiesFile = join(tmpdir(), `risk-bench-bodies-${process.pid}.json`);
  writeFileSync(
    bodiesFile,
    JSON.stringify(
      dev
        .slice(0, BODIES)
        .map((r) =>
          JSON.stringify({ creditLimit: r.record.creditLimit, age: 35, history: r.record.history }),
        ),
    ),
  );
  const db = await scratchDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'true',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RISK_RETRAIN_CRON: 'off',
    SWAGGER_ENABLED: 'false',
  });
  const app = await createHttpApp(AppModule, HTTP_APP);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const pool = new pg.Pool({ connectionString: db.url, max: loadConfig().DATABASE_POOL_SIZE });
  const bare: Server[] = [];
  try {
    const { key, record } = await new ApiKeyStore(app.get(DataSource)).createKey({
      name: 'bench',
      service: 'risk',
      scopes: ['risk:score'],
    });
    const registry = app.get(RiskModelRegistryService);
    const options = app.get<RiskOptions>(RISK_OPTIONS);
    for (const transaction of [false, true])
      bare.push(await startBareServer(registry, options, pool, record.id, transaction));
    const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const nest = urlOf(app.getHttpServer());
    const variants = [
      { name: 'bare', url: urlOf(bare[0]), apiKey: undefined, idempotencyKeys: false },
      { name: 'bareWithTransaction', url: urlOf(bare[1]), apiKey: undefined, idempotencyKeys: false },
      { name: 'api', url: nest, apiKey: key, idempotencyKeys: false },
      { name: 'apiWithIdempotencyKey', url: nest, apiKey: key, idempotencyKeys: true },
    ];
    log(`warm-up ${WARMUP_S}s per server`);
    for (const v of variants) await runLoad({ ...v, connections: 8, duration: WARMUP_S, bodiesFile });
    const levels: Record<string, Record<string, LoadResult & { ratioToBare?: number }>> = {};
    for (const connections of CONCURRENCIES) {
      const rounds: Record<string, LoadResult>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const results: Record<string, LoadResult> = {};
        // Interleaved within a round, so that a noisy neighbour on the machine hits every variant alike.
        for (const v of variants) {
          const r = await runLoad({ ...v, connections, duration: DURATION_S, bodiesFile });
          if (r.non2xx > 0 || r.errors > 0)
            throw new Error(`${v.name} at ${connections}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          results[v.name] = r;
        }
        rounds.push(results);
        log(
          `c=${connections} round ${round + 1}: ` +
            variants
              .map(
                ({ name }) =>
                  `${name} ${results[name].reqPerSec.toFixed(0)} req/s p99 ${results[name].p99Ms} ms`,
              )
              .join(', '),
        );
      }
      const level: Record<string, LoadResult & { ratioToBare?: number }> = {};
      for (const { name } of variants) {
        const of = (key: keyof LoadResult) => median(rounds.map((r) => r[name][key]));
        level[name] = {
          reqPerSec: of('reqPerSec'),
          p50Ms: of('p50Ms'),
          p99Ms: of('p99Ms'),
          requests: rounds.reduce((n, r) => n + r[name].requests, 0),
          non2xx: 0,
          errors: 0,
          ...(name !== 'bare' && {
            ratioToBare: median(rounds.map((r) => r[name].reqPerSec / r.bare.reqPerSec)),
          }),
        };
        log(
          `c=${connections} ${name}: median ${level[name].reqPerSec.toFixed(0)} req/s, p50 ${level[name].p50Ms} ms, ` +
            `p99 ${level[name].p99Ms} ms${level[name].ratioToBare === undefined ? '' : `, ${level[name].ratioToBare.toFixed(3)} of bare`}`,
        );
      }
      levels[`c${connections}`] = level;
    }
    const headline = levels[`c${HEADLINE_CONCURRENCY}`];
    const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      concurrency: HEADLINE_CONCURRENCY,
      reqPerSec: round(headline.api.reqPerSec, 1),
      bareReqPerSec: round(headline.bare.reqPerSec, 1),
      ratioToBare: round(headline.api.ratioToBare ?? NaN),
      p50Ms: headline.api.p50Ms,
      p99Ms: headline.api.p99Ms,
      // The same bare server with its INSERT inside BEGIN/COMMIT: what is left of the gap is the framework.
      bareWithTransactionReqPerSec: round(headline.bareWithTransaction.reqPerSec, 1),
      ratioToBareWithTransaction: round(
        (headline.api.ratioToBare ?? NaN) / (headline.bareWithTransaction.ratioToBare ?? NaN),
      ),
      withIdempotencyKey: {
        reqPerSec: round(headline.apiWithIdempotencyKey.reqPerSec, 1),
        ratioToBare: round(headline.apiWithIdempotencyKey.ratioToBare ?? NaN),
        p50Ms: headline.apiWithIdempotencyKey.p50Ms,
        p99Ms: headline.apiWithIdempotencyKey.p99Ms,
      },
      levels,
      durationSecondsPerRun: DURATION_S,
      rounds: ROUNDS,
      cores: availableParallelism(),
    };
  } finally {
    for (const server of bare) await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
    await app.close();
    await db.drop();
  }
};

if (process.env.RISK_BENCH_LOAD) await generateLoad(JSON.parse(process.env.RISK_BENCH_LOAD) as LoadSpec);

export default run;
