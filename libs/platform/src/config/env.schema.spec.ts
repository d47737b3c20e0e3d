import { ConfigError, loadConfig, maskConfig } from './env.schema.js';

describe('loadConfig', () => {
  it('applies defaults when the environment is empty', () => {
    const sut = loadConfig({});
    expect(sut.RISK_PORT).toBe(3101);
    expect(sut.MEDICAL_PORT).toBe(3102);
    expect(sut.SUPPORT_PORT).toBe(3103);
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('fails naming the variable that is not a port', () => {
    expect(() => loadConfig({ RISK_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ RISK_PORT: 'eighty' })).toThrow(/RISK_PORT/);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(/DATABASE_URL/);
  });

  it('masks the database password when printed', () => {
    const sut = maskConfig(loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:5432/suite' }));
    expect(JSON.stringify(sut)).not.toContain('s3cret');
    expect(sut.DATABASE_URL).toContain('***');
  });
});
