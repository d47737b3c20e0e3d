// The HTTP contract every service honours, run against each app's real AppModule (see each app's
// test/platform.e2e-spec.ts).
import type { Type } from '@nestjs/common';
import { openInferenceEngineCount } from '@suite/inference';
import type { HttpAppOptions } from '@suite/platform';
import request from 'supertest';
import { startTestApp, type TestApp } from './test-app.js';

export function describePlatformContract(
  appName: string,
  service: string,
  module: Type<unknown>,
  options: HttpAppOptions,
): void {
  describe(`${appName}: platform HTTP contract`, () => {
    let sut: TestApp;
    let adminKey: string;
    let foreignKey: string;

    beforeAll(async () => {
      sut = await startTestApp(module, options, { BODY_LIMIT_BYTES: '4096' });
      adminKey = await sut.createKey(service, ['keys:admin']);
      foreignKey = await sut.createKey(service === 'risk' ? 'medical' : 'risk', ['keys:admin']);
    });

    afterAll(() => sut.close());

    // Issue 19: one engine per process, provided by InferenceModule, its metrics on the app's registry.
    it('opens exactly one inference engine, whose metrics /metrics shows', async () => {
      expect(openInferenceEngineCount()).toBe(1);
      const metrics = await request(sut.server).get('/metrics');
      expect(metrics.text).toContain('inference_models_loaded');
    });

    it('rejects a request without an API key with 401', async () => {
      const res = await request(sut.server).get('/v1/api-keys');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(typeof res.body.correlationId).toBe('string');
    });

    it('rejects an unknown API key with 401', async () => {
      const res = await request(sut.server).get('/v1/api-keys').set('x-api-key', 'sk_risk_not-a-real-key');
      expect(res.status).toBe(401);
    });

    it("rejects another service's key with 403", async () => {
      const res = await request(sut.server).get('/v1/api-keys').set('x-api-key', foreignKey);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('rejects a key without the required scope with 403', async () => {
      const key = await sut.createKey(service, ['something:else']);
      const res = await request(sut.server).get('/v1/api-keys').set('authorization', `Bearer ${key}`);
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('keys:admin');
    });

    it('rejects an unknown field with 400, counting it without echoing its name', async () => {
      const res = await request(sut.server)
        .post('/v1/api-keys')
        .set('x-api-key', adminKey)
        .send({ name: 'ops', scopes: ['keys:admin'], isAdmin: true });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields).toEqual([{ field: 'body', messages: ['1 unknown property'] }]);
      expect(res.text).not.toContain('isAdmin');
    });

    it('rejects an invalid field with 400 naming the field', async () => {
      const res = await request(sut.server)
        .post('/v1/api-keys')
        .set('x-api-key', adminKey)
        .send({ name: '', scopes: 'everything' });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'scopes']);
    });

    it('rejects malformed JSON with 400', async () => {
      const res = await request(sut.server)
        .post('/v1/api-keys')
        .set('x-api-key', adminKey)
        .set('content-type', 'application/json')
        .send('{"name": ');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('rejects an oversized body with 413', async () => {
      const res = await request(sut.server)
        .post('/v1/api-keys')
        .set('x-api-key', adminKey)
        .send({ name: 'x'.repeat(10_000), scopes: [] });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('echoes a UUID or W3C trace-id correlation id and replaces anything else', async () => {
      const uuid = '3b241101-e2bb-4255-8caf-4136c566a962';
      const echoed = await request(sut.server).get('/health/live').set('x-correlation-id', uuid);
      expect(echoed.headers['x-correlation-id']).toBe(uuid);
      for (const given of ['not {valid} id', 'QX77304419', 'x'.repeat(65)]) {
        const minted = await request(sut.server).get('/health/live').set('x-correlation-id', given);
        expect(minted.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const err = await request(sut.server).get('/v1/api-keys').set('x-correlation-id', traceId);
      expect(err.body.correlationId).toBe(traceId);
    });

    it('creates, lists and revokes a key, and the revoked key stops working', async () => {
      const created = await request(sut.server)
        .post('/v1/api-keys')
        .set('x-api-key', adminKey)
        .send({ name: 'ops', scopes: ['keys:admin'] });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(new RegExp(`^sk_${service}_`));
      const stored = await sut.dataSource.query('SELECT key_hash FROM platform.api_keys WHERE id = $1', [
        created.body.id,
      ]);
      expect(stored[0].key_hash).not.toContain(created.body.key);
      const listed = await request(sut.server).get('/v1/api-keys').set('x-api-key', created.body.key);
      expect(listed.status).toBe(200);
      expect(listed.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
      const revoked = await request(sut.server)
        .delete(`/v1/api-keys/${created.body.id}`)
        .set('x-api-key', adminKey);
      expect(revoked.status).toBe(204);
      const after = await request(sut.server).get('/v1/api-keys').set('x-api-key', created.body.key);
      expect(after.status).toBe(401);
      const audit = await sut.dataSource.query(
        `SELECT action, outcome FROM platform.audit_log WHERE resource_id = $1 ORDER BY id`,
        [created.body.id],
      );
      expect(audit).toEqual([
        { action: 'api-key.create', outcome: 'success' },
        { action: 'api-key.revoke', outcome: 'success' },
      ]);
    });

    it('serves health, metrics and the OpenAPI document without a key', async () => {
      expect((await request(sut.server).get('/health/live')).status).toBe(200);
      const ready = await request(sut.server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info).toMatchObject({ database: { status: 'up' }, migrations: { status: 'up' } });
      const metrics = await request(sut.server).get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('http_request_duration_seconds_bucket');
      expect(metrics.text).toMatch(/route="\/v1\/api-keys",status="401"/);
      const docs = await request(sut.server).get('/docs-json');
      expect(docs.status).toBe(200);
      expect(docs.body.openapi).toMatch(/^3\./);
      expect(Object.keys(docs.body.paths)).toContain('/v1/api-keys');
    });

    it('answers unknown routes with 404 in the error shape', async () => {
      const res = await request(sut.server).get('/no/such/route').set('x-api-key', adminKey);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
