import { z } from 'zod';
import { ConfigError, envPort, envSecret, loadConfig, maskConfig, platformEnvSchema } from './env.schema.js';

// An app's schema as an app composes it at its bootstrap (apps/<app>/src/<app>.config.ts).
const appSchema = platformEnvSchema.extend({
  APP_PORT: envPort.default(3101),
  APP_SECRET: envSecret(z.string().min(1).optional()),
});

describe('loadConfig', () => {
  it('applies defaults when the environment is empty', () => {
    const sut = loadConfig({});
    expect(sut.EMBEDDED_PG_PORT).toBe(54320);
    expect(sut.HOST).toBe('127.0.0.1');
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it("knows only the platform's variables: an app's are not validated unless the app composes them", () => {
    expect(
      Object.keys(platformEnvSchema.shape).filter((k) => /^(RISK|MEDICAL|SUPPORT|DEID|LLM)_/.test(k)),
    ).toEqual([]);
    expect(() => loadConfig({ APP_PORT: 'eighty' })).not.toThrow();
    expect(loadConfig({}, appSchema).APP_PORT).toBe(3101);
  });

  it('fails naming the variable that is not a port, in a composed schema', () => {
    expect(() => loadConfig({ APP_PORT: 'eighty' }, appSchema)).toThrow(ConfigError);
    expect(() => loadConfig({ APP_PORT: 'eighty' }, appSchema)).toThrow(/APP_PORT/);
    expect(() => loadConfig({ EMBEDDED_PG_PORT: 'eighty' }, appSchema)).toThrow(/EMBEDDED_PG_PORT/);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(/DATABASE_URL/);
  });

  it('masks the database password when printed', () => {
    const sut = maskConfig(loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:5432/suite' }));
    expect(JSON.stringify(sut)).not.toContain('s3cret');
    expect(sut.DATABASE_URL).toContain('***');
  });

  it("masks an app's own secrets given its schema, and nothing else", () => {
    const config = loadConfig({ APP_SECRET: 'hunter2-hunter2', HOST: '0.0.0.0' }, appSchema);
    const sut = maskConfig(config, appSchema);
    expect(JSON.stringify(sut)).not.toContain('hunter2');
    expect(sut.HOST).toBe('0.0.0.0');
  });
});
