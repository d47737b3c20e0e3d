import { isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it('recognises a lost or refused connection however TypeORM wraps it', () => {
    expect(isDatabaseUnavailable({ name: 'QueryFailedError', driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const released = new Error('released');
    released.name = 'QueryRunnerProviderAlreadyReleasedError';
    expect(isDatabaseUnavailable(released)).toBe(true);
    released.name = 'QueryRunnerAlreadyReleasedError'; // COMMIT after the connection died
    expect(isDatabaseUnavailable(released)).toBe(true);
  });

  it('leaves query errors and everything else alone', () => {
    expect(isDatabaseUnavailable({ name: 'QueryFailedError', driverError: { code: '23505' } })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
