// Key management is least-privilege and audited, on the real HTTP stack and PostgreSQL: a key grants
// only scopes of its service's routes that it holds itself; deletes of unknown or foreign keys are 404;
// every change and every refusal leaves an audit row.
import { Controller, Get, Module } from '@nestjs/common';
import { ApiKeyStore, PlatformModule, RequireScopes } from '@suite/platform';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { migrations } from '@suite/migrations';

@Controller('v1/things')
class ThingsController {
  @Get()
  @RequireScopes('risk:read')
  listThings() {
    return [];
  }

  @Get('admin')
  @RequireScopes('risk:admin')
  adminThings() {
    return [];
  }
}

@Module({
  imports: [PlatformModule.forService({ service: 'risk', migrations })],
  controllers: [ThingsController],
})
class KeysTestModule {}

describe('API keys: least privilege and audit', () => {
  let sut: TestApp;
  let keysAdmin: string;
  let keysAdminId: string;
  let operator: string;

  beforeAll(async () => {
    sut = await startTestApp(KeysTestModule, { title: 'keys' });
    const store = new ApiKeyStore(sut.dataSource);
    const created = await store.createKey({
      name: 'ka',
      service: 'risk',
      scopes: ['keys:admin', 'risk:read'],
    });
    keysAdmin = created.key;
    keysAdminId = created.record.id;
    operator = await sut.createKey('risk', ['*']);
  });

  afterAll(() => sut.close());

  const create = (key: string, scopes: unknown, name = 'minted') =>
    request(sut.server).post('/v1/api-keys').set('x-api-key', key).send({ name, scopes });
  const audit = async (action: string) =>
    (await sut.dataSource.query(
      `SELECT actor, outcome, resource_id FROM platform.audit_log WHERE action = $1 ORDER BY id`,
      [action],
    )) as { actor: string; outcome: string; resource_id: string | null }[];

  it.each([
    ['an unknown scope', ['x']],
    ['a wildcard of an area', ['documents:*']],
    ['a scope of no service', ['platform:root']],
    ["another service's scope", ['support:chat']],
    ['an empty list', []],
    ['duplicates', ['risk:read', 'risk:read']],
    ['the all-scopes wildcard (the CLI mints those)', ['*']],
  ])('refuses %s with 400 naming scopes', async (_what, scopes) => {
    const res = await create(operator, scopes);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['scopes']);
  });

  it('refuses to grant a scope the calling key does not hold (403), and audits the refusal', async () => {
    for (const scopes of [['risk:admin'], ['keys:admin', 'risk:admin'], ['risk:read', 'risk:admin']]) {
      const res = await create(keysAdmin, scopes);
      expect({ scopes, status: res.status }).toEqual({ scopes, status: 403 });
    }
    const refused = (await audit('api-key.create')).filter((r) => r.outcome === 'refused');
    expect(refused.map((r) => r.actor)).toEqual([keysAdminId, keysAdminId, keysAdminId]);
  });

  it('grants held scopes; the minted key works within them and the creation is audited', async () => {
    const res = await create(keysAdmin, ['risk:read']);
    expect(res.status).toBe(201);
    expect(res.body.scopes).toEqual(['risk:read']);
    const minted = res.body.key as string;
    expect((await request(sut.server).get('/v1/things').set('x-api-key', minted)).status).toBe(200);
    expect((await request(sut.server).get('/v1/things/admin').set('x-api-key', minted)).status).toBe(403);
    expect(await audit('api-key.create')).toContainEqual({
      actor: keysAdminId,
      outcome: 'success',
      resource_id: res.body.id,
    });
    // A "*" key may grant any scope of its service.
    expect((await create(operator, ['risk:admin', 'keys:admin'])).status).toBe(201);
  });

  it('answers 404 to deleting an unknown key or a key of another service, 204 once for its own', async () => {
    const foreign = await new ApiKeyStore(sut.dataSource).createKey({
      name: 'other',
      service: 'support',
      scopes: ['support:chat'],
    });
    const own = await create(operator, ['risk:read']);
    const del = (id: string) => request(sut.server).delete(`/v1/api-keys/${id}`).set('x-api-key', operator);
    expect((await del('3f0c4c4e-8d2a-4a7b-9a59-0d7c1b2e3f40')).status).toBe(404);
    expect((await del(foreign.record.id)).status).toBe(404);
    expect((await del(own.body.id)).status).toBe(204);
    expect((await del(own.body.id)).status).toBe(404);
    const revokes = await audit('api-key.revoke');
    expect(revokes.map((r) => [r.resource_id, r.outcome])).toEqual([
      ['3f0c4c4e-8d2a-4a7b-9a59-0d7c1b2e3f40', 'refused'],
      [foreign.record.id, 'refused'],
      [own.body.id, 'success'],
      [own.body.id, 'refused'],
    ]);
    // The foreign key still works for its own service.
    const [row] = (await sut.dataSource.query('SELECT revoked_at FROM platform.api_keys WHERE id = $1', [
      foreign.record.id,
    ])) as { revoked_at: Date | null }[];
    expect(row.revoked_at).toBeNull();
  });

  it('refuses a NUL in the key name with 400 naming the field', async () => {
    const res = await create(operator, ['risk:read'], 'a\u0000b');
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'name', messages: ['name must not contain NUL characters'] }]);
  });
});
