import request from 'supertest';
import { HTTP_APP } from '../apps/risk-scoring/src/app.definition.js';
import { AppModule } from '../apps/risk-scoring/src/app.module.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('readiness', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
  });

  afterAll(() => sut.close());

  it('is not ready while a migration is pending, and says which check fails', async () => {
    const [last] = await sut.dataSource.query('SELECT * FROM typeorm_migrations ORDER BY id DESC LIMIT 1');
    await sut.dataSource.query('DELETE FROM typeorm_migrations WHERE id = $1', [last.id]);
    try {
      const res = await request(sut.server).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.body.message).toContain('migrations');
      expect(res.body.message).not.toContain('database');
    } finally {
      await sut.dataSource.query('INSERT INTO typeorm_migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
    expect((await request(sut.server).get('/health/ready')).status).toBe(200);
  });
});
