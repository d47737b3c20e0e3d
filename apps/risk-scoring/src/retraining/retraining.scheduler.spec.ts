import { jest } from '@jest/globals';
import type { RiskOptions } from '../risk-options.js';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { TrainingRunEntity } from './entities/training-run.entity.js';
import { RetrainingScheduler } from './retraining.scheduler.js';
import type { RetrainingService } from './retraining.service.js';

describe('RetrainingScheduler', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    // A Friday afternoon; the default schedule is Monday 03:00 UTC.
    jest.setSystemTime(new Date('2025-11-28T15:00:00Z'));
  });

  afterEach(() => jest.useRealTimers());

  const options = (cron: string | null) => ({ retrainCron: cron }) as RiskOptions;

  it('runs a scheduled retraining at the next cron time, and then the week after', async () => {
    const runs: Date[] = [];
    const retraining = {
      retrainChampion: jest.fn(async () => {
        runs.push(new Date());
        return { status: 'refused' } as TrainingRunEntity;
      }),
    } as unknown as RetrainingService;
    const sut = new RetrainingScheduler(retraining, new SchedulerRegistry(), options('0 3 * * 1'));
    sut.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2 * 24 * 3600 * 1000);
    expect(runs).toEqual([]);
    await jest.advanceTimersByTimeAsync(12 * 3600 * 1000);
    expect(runs.map((d) => d.toISOString())).toEqual(['2025-12-01T03:00:00.000Z']);
    await jest.advanceTimersByTimeAsync(7 * 24 * 3600 * 1000);
    expect(runs.map((d) => d.toISOString())).toEqual([
      '2025-12-01T03:00:00.000Z',
      '2025-12-08T03:00:00.000Z',
    ]);
    expect(retraining.retrainChampion).toHaveBeenCalledWith('schedule', 'scheduler');
    sut.onApplicationShutdown();
  });

  it('arms nothing when scheduling is off', () => {
    const sut = new RetrainingScheduler({} as RetrainingService, new SchedulerRegistry(), options(null));
    sut.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(0);
    expect(sut.nextRunAfter(new Date())).toBeNull();
  });
});
