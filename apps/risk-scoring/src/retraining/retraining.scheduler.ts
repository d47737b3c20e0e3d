// The weekly retraining job (RISK_RETRAIN_CRON, UTC; "off" disables it), a cron job in
// @nestjs/schedule's registry. Every replica arms it; the advisory lock in RetrainingService lets one of
// them run and the others record nothing.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DomainError } from '@suite/platform';
import { CronJob, CronTime } from 'cron';
import { RISK_OPTIONS, type RiskOptions } from '../risk-options.js';
import { RetrainingService } from './retraining.service.js';

export const RETRAINING_JOB = 'risk-weekly-retraining';

@Injectable()
export class RetrainingScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetrainingScheduler.name);

  constructor(
    private readonly retraining: RetrainingService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(RISK_OPTIONS) private readonly options: RiskOptions,
  ) {}

  onApplicationBootstrap(): void {
    const cronTime = this.options.retrainCron;
    if (!cronTime) return;
    const job = CronJob.from({
      cronTime,
      timeZone: 'UTC',
      onTick: () => this.runScheduledRetraining(),
      waitForCompletion: true,
      // A pending weekly timer must not keep a finished process alive.
      unrefTimeout: true,
    });
    this.scheduler.addCronJob(RETRAINING_JOB, job);
    job.start();
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('cron', RETRAINING_JOB)) this.scheduler.deleteCronJob(RETRAINING_JOB);
  }

  /** The next scheduled run, or null when scheduling is off. */
  nextRunAfter(now: Date): Date | null {
    const cronTime = this.options.retrainCron;
    return cronTime ? new CronTime(cronTime, 'UTC').getNextDateFrom(now).toJSDate() : null;
  }

  private async runScheduledRetraining(): Promise<void> {
    try {
      const run = await this.retraining.retrainChampion('schedule', 'scheduler');
      this.logger.log(`scheduled retraining: ${run.status}`);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CONFLICT')
        this.logger.log('scheduled retraining: another replica is running it');
      else this.logger.error(`scheduled retraining failed: ${(err as Error).name}`);
    }
  }
}
