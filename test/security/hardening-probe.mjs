// Reproduction of issue 17's platform findings against the built services (node dist/apps/<app>/main.js),
// each on a fresh database: NUL and deep bodies (item 2), key privileges (3), echoes and header formats
// (4), large inputs (5) and parallel idempotent retries (6). Prints one JSON object per finding.
// Run: npm run build && TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node test/security/hardening-probe.mjs
/* global fetch */
import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2);
const print = (finding, result) => console.log(JSON.stringify({ finding, ...result }));

async function freshDatabase() {
  const name = `probe_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function startService(app, portVar, port) {
  const db = await freshDatabase();
  const child = fork(`dist/apps/${app}/main.js`, [], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      [portVar]: String(port),
      LOG_LEVEL: 'silent',
      MIGRATE_ON_BOOT: 'true',
      API_KEY_CACHE_MS: '0',
      RATE_LIMIT_PER_MINUTE: '10000000',
      RISK_RETRAIN_CRON: 'off',
      DOTENV_CONFIG_QUIET: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    child.on('message', (m) => m?.ready && resolve());
    child.on('exit', (code) => reject(new Error(`${app} exited ${code}`)));
  });
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const base = `http://127.0.0.1:${port}`;
  return {
    pool,
    async key(service, scopes) {
      const key = `sk_${service}_${randomBytes(18).toString('base64url')}`;
      const hash = createHash('sha256').update(key).digest('hex');
      const { rows } = await pool.query(
        `INSERT INTO platform.api_keys (name, service, scopes, key_hash, key_prefix)
         VALUES ('probe', $1, $2, $3, $4) RETURNING id`,
        [service, scopes, hash, key.slice(0, 12)],
      );
      return { key, id: rows[0].id };
    },
    async send(method, path, { key, body, raw, headers = {} } = {}) {
      const t0 = performance.now();
      const res = await fetch(base + path, {
        method,
        headers: {
          ...(key && { 'x-api-key': key }),
          ...((body !== undefined || raw !== undefined) && { 'content-type': 'application/json' }),
          ...headers,
        },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await res.text();
      return { status: res.status, text, headers: res.headers, ms: Math.round(performance.now() - t0) };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await pool.end();
      await db.drop();
    },
  };
}

const deep = (depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const counts = (statuses) => statuses.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});
const APPLICATION = {
  externalReference: 'probe-0001',
  creditLimit: 50000,
  age: 37,
  education: 'university',
  history: Array.from({ length: 6 }, () => ({ repaymentStatus: 0, billAmount: 1000, paymentAmount: 100 })),
};

const risk = await startService('risk-scoring', 'RISK_PORT', 3291);
const medical = only.includes('2m') ? await startService('medical-records', 'MEDICAL_PORT', 3292) : undefined;
const support = await startService('customer-service', 'SUPPORT_PORT', 3293);
try {
  const admin = await risk.key('risk', ['*']);
  const run = (name) => only.length === 0 || only.includes(name);

  if (run('2')) {
    const nulKey = await risk.send('POST', '/v1/api-keys', {
      key: admin.key,
      body: { name: 'a\u0000b', scopes: ['risk:read'] },
    });
    const supportKey = await support.key('support', ['*']);
    const tx = {
      externalId: 'TX\u00001',
      merchant: 'M\u0000',
      amount: '1.00',
      currency: 'MYR',
      occurredOn: '2024-01-01',
    };
    const nulTx = await support.send('POST', '/v1/customers/c1/transactions', {
      key: supportKey.key,
      body: { transactions: [tx] },
    });
    const loneSurrogate = await support.send('POST', '/v1/customers/c1/transactions', {
      key: supportKey.key,
      raw: JSON.stringify({ transactions: [{ ...tx, externalId: 'TX\ud8001', merchant: 'M' }] }),
    });
    const deepPlain = await risk.send('POST', '/v1/outcomes', { key: admin.key, raw: deep(10_000) });
    const deepKeyed = await risk.send('POST', '/v1/outcomes', {
      key: admin.key,
      raw: deep(10_000),
      headers: { 'idempotency-key': 'deep-1' },
    });
    print('2 NUL and deep bodies', {
      apiKeyNameNul: nulKey.status,
      transactionNul: nulTx.status,
      transactionLoneSurrogate: loneSurrogate.status,
      deep10000NoKey: deepPlain.status,
      deep10000WithKey: deepKeyed.status,
    });
  }

  if (medical) {
    const docKey = await medical.key('medical', ['*']);
    const post = (type, raw) =>
      medical.send('POST', '/v1/documents', { key: docKey.key, raw, headers: { 'content-type': type } });
    const fhir = {
      resourceType: 'DocumentReference',
      status: 'current',
      subject: { reference: 'Patient/p1' },
      content: [
        { attachment: { contentType: 'text/plain', data: Buffer.from('Note a\u0000b').toString('base64') } },
      ],
    };
    print('2 NUL in medical-records bodies', {
      json: (await post('application/json', JSON.stringify({ text: 'Note a\u0000b' }))).status,
      textPlain: (await post('text/plain', 'Note a\u0000b')).status,
      fhir: (await post('application/fhir+json', JSON.stringify(fhir))).status,
      hl7: (
        await post(
          'x-application/hl7-v2+er7',
          'MSH|^~\\&|A|B|C|D|20240101||MDM^T02|1|P|2.5\rPID|1||X\u00001\rTXA|1|CN\rOBX|1|TX|||Note a\u0000b',
        )
      ).status,
    });
  }

  if (run('3')) {
    const keysAdmin = await risk.key('risk', ['keys:admin']);
    const mint = (scopes) =>
      risk.send('POST', '/v1/api-keys', { key: keysAdmin.key, body: { name: 'minted', scopes } });
    const result = {};
    for (const scopes of [
      ['risk:admin'],
      ['keys:admin'],
      ['x'],
      ['documents:*'],
      ['platform:root'],
      ['support:chat'],
      [],
      ['keys:admin', 'keys:admin'],
    ]) {
      result[JSON.stringify(scopes)] = (await mint(scopes)).status;
    }
    const other = await support.key('support', ['support:chat']);
    result['DELETE unknown id'] = (await risk.send('DELETE', `/v1/api-keys/${randomUUID()}`, admin)).status;
    result['DELETE other service key'] = (
      await risk.send('DELETE', `/v1/api-keys/${other.id}`, admin)
    ).status;
    print('3 key privileges', result);
  }

  if (run('4')) {
    const unknownParam = await risk.send('GET', '/v1/models/training-runs?CanaryParamName=1', admin);
    const notFound = await risk.send('GET', '/v1/CanaryPath-x/y?CanaryQuery=Quillon', admin);
    const corr = await risk.send('GET', '/health/live', {
      headers: {
        'x-correlation-id': 'Quillon:Vespertine:QX77304419:with-more-than-64-characters-of-text-in-it',
      },
    });
    const keyed = await risk.send('POST', '/v1/applications/score', {
      key: admin.key,
      body: APPLICATION,
      headers: { 'idempotency-key': 'Quillon~Vespertine' },
    });
    const stored = await risk.pool.query('SELECT row_to_json(k)::text AS r FROM platform.idempotency_keys k');
    print('4 echoes', {
      unknownQueryNameEchoed: unknownParam.text.includes('CanaryParamName'),
      unknownQueryStatus: unknownParam.status,
      notFoundEchoesPath: notFound.text.includes('CanaryPath'),
      notFoundEchoesQuery: notFound.text.includes('Quillon'),
      correlationIdAccepted: corr.headers.get('x-correlation-id')?.includes('Quillon') ?? false,
      oddIdempotencyKeyStatus: keyed.status,
      idempotencyKeyStoredVerbatim: stored.rows.some((row) => row.r.includes('Quillon')),
    });
  }

  if (run('5')) {
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`field${i}`, i]));
    const time = async (label, fn, n = 3) => {
      const runs = [];
      let last;
      for (let i = 0; i < n; i++) {
        last = await fn();
        runs.push(last.ms);
      }
      return { [label]: { status: last.status, ms: runs, bytes: last.text.length } };
    };
    const supportKey = await support.key('support', ['*']);
    const rule = {
      name: 'r',
      intent: 'card_arrival',
      priority: 1,
      patterns: ['x'],
      keywords: [],
      action: 'answer',
    };
    const results = {
      ...(await time('score 20000 keys', () =>
        risk.send('POST', '/v1/applications/score', { key: admin.key, body: { ...APPLICATION, ...wide } }),
      )),
      ...(await time('outcome 20000 keys', () =>
        risk.send('POST', '/v1/outcomes', { key: admin.key, body: wide }),
      )),
      ...(await time('api-key 20000 keys', () =>
        risk.send('POST', '/v1/api-keys', { key: admin.key, body: wide }),
      )),
      ...(await time('rule-sets 5000 rules', () =>
        support.send('POST', '/v1/rule-sets', {
          key: supportKey.key,
          body: { rules: Array.from({ length: 5000 }, (_, i) => ({ ...rule, name: `r${i}` })), answers: [] },
        }),
      )),
      ...(await time('transactions 5000 items', () =>
        support.send('POST', '/v1/customers/c1/transactions', {
          key: supportKey.key,
          body: { transactions: Array.from({ length: 5000 }, () => ({ externalId: '' })) },
        }),
      )),
    };
    Object.assign(
      results,
      await time('outcome array of 300000', () =>
        risk.send('POST', '/v1/outcomes', { key: admin.key, raw: `[${'0,'.repeat(300_000)}0]` }),
      ),
    );
    // Others' latency while four wide bodies are in flight (median of 5 rounds).
    const live = [];
    for (let round = 0; round < 5; round++) {
      const wideLoad = Array.from({ length: 4 }, () =>
        risk.send('POST', '/v1/outcomes', { key: admin.key, body: wide }),
      );
      await sleep(20);
      live.push((await risk.send('GET', '/health/live')).ms);
      await Promise.all(wideLoad);
    }
    const idleLive = [];
    for (let round = 0; round < 5; round++) idleLive.push((await risk.send('GET', '/health/live')).ms);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    print('5 large inputs', {
      ...results,
      liveMedianMsIdle: median(idleLive),
      liveMedianMsDuring4Wide: median(live),
    });
  }

  if (run('6')) {
    const scorer = await risk.key('risk', ['risk:score']);
    const keyed = (key) =>
      risk.send('POST', '/v1/applications/score', {
        key: scorer.key,
        body: APPLICATION,
        headers: { 'idempotency-key': key },
      });
    const idle = [];
    const loaded = [];
    const during = [];
    const afterDuring = [];
    const tag = (r) => `${r.status}${r.headers.get('idempotent-replayed') ? ' replay' : ''}`;
    for (let round = 0; round < 5; round++) {
      const k = `idle-${round}-${randomUUID()}`;
      if ((await keyed(k)).status !== 201) throw new Error('first request failed');
      idle.push(...(await Promise.all(Array.from({ length: 10 }, () => keyed(k)))).map(tag));
      const k2 = `load-${round}-${randomUUID()}`;
      await keyed(k2);
      const load = Array.from({ length: 40 }, () =>
        risk.send('POST', '/v1/applications/score', { key: scorer.key, body: APPLICATION }),
      );
      loaded.push(...(await Promise.all(Array.from({ length: 10 }, () => keyed(k2)))).map(tag));
      await Promise.all(load);
      // During: the first and nine copies at once, then 10 more after all settled.
      const k3 = `during-${round}-${randomUUID()}`;
      during.push(...(await Promise.all(Array.from({ length: 10 }, () => keyed(k3)))).map(tag));
      afterDuring.push(...(await Promise.all(Array.from({ length: 10 }, () => keyed(k3)))).map(tag));
    }
    print('6 parallel retries (5 rounds x 10)', {
      afterCompletionIdle: counts(idle),
      afterCompletionUnderLoad: counts(loaded),
      tenAtOnceFromScratch: counts(during),
      tenMoreAfterThose: counts(afterDuring),
    });
  }
} finally {
  await risk.stop();
  await support.stop();
  await medical?.stop();
}
