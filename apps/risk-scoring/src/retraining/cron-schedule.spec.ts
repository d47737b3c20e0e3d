import { CronSchedule } from './cron-schedule.js';

describe('CronSchedule', () => {
  it('finds the next Monday 03:00 UTC for the default weekly schedule', () => {
    const sut = CronSchedule.parse('0 3 * * 1');
    // 2025-11-28 is a Friday.
    expect(sut.nextRunAfter(new Date('2025-11-28T10:15:30Z')).toISOString()).toBe('2025-12-01T03:00:00.000Z');
  });

  it('is strictly after the given time, even on a matching minute', () => {
    const sut = CronSchedule.parse('0 3 * * 1');
    expect(sut.nextRunAfter(new Date('2025-12-01T03:00:00Z')).toISOString()).toBe('2025-12-08T03:00:00.000Z');
  });

  it('supports lists, ranges and steps', () => {
    const sut = CronSchedule.parse('*/15 9-10 * * 1-5');
    expect(sut.nextRunAfter(new Date('2025-11-28T10:50:00Z')).toISOString()).toBe('2025-12-01T09:00:00.000Z');
    expect(sut.nextRunAfter(new Date('2025-12-01T09:00:00Z')).toISOString()).toBe('2025-12-01T09:15:00.000Z');
  });

  it('treats 7 as Sunday', () => {
    const sut = CronSchedule.parse('30 1 * * 7');
    expect(sut.nextRunAfter(new Date('2025-11-28T00:00:00Z')).toISOString()).toBe('2025-11-30T01:30:00.000Z');
  });

  it('matches either day field when both are restricted (Vixie cron)', () => {
    const sut = CronSchedule.parse('0 0 1 * 1');
    expect(sut.nextRunAfter(new Date('2025-11-28T00:00:00Z')).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(sut.nextRunAfter(new Date('2025-12-01T00:00:00Z')).toISOString()).toBe('2025-12-08T00:00:00.000Z');
  });

  it.each([
    '',
    '* * * *',
    '60 * * * *',
    '* 24 * * *',
    '*/0 * * * *',
    'a * * * *',
    '5-1 * * * *',
    '0 0 30 2 *',
  ])('rejects the invalid expression %j', (expression) => {
    expect(() => CronSchedule.parse(expression)).toThrow(/cron/);
  });
});
