// The weekly retraining job (RISK_RETRAIN_CRON, UTC; "off" disables it). Every replica arms it; the
// advisory lock in RetrainingService lets one of them run and the others record nothing.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DomainError } from '@suite/platform';
import { RISK_OPTIONS, type RiskOptions } from '../risk-options.js';
import { RetrainingService } from './retraining.service.js';

// setTimeout's limit (about 24.8 days); longer waits re-arm.
const MAX_DELAY_MS = 2 ** 31 - 1;

@Injectable()
export class RetrainingScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetrainingScheduler.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly retraining: RetrainingService,
    @Inject(RISK_OPTIONS) private readonly options: RiskOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.armNextRun(new Date());
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The next scheduled run, or null when scheduling is off. */
  nextRunAfter(now: Date): Date | null {
    return this.options.retrainSchedule?.nextRunAfter(now) ?? null;
  }

  private armNextRun(now: Date): void {
    const next = this.nextRunAfter(now);
    if (!next || this.stopped) return;
    const delay = Math.min(next.getTime() - now.getTime(), MAX_DELAY_MS);
    this.timer = setTimeout(() => void this.fire(next), delay);
    // A pending weekly timer must not keep a finished process alive.
    this.timer.unref();
  }

  private async fire(due: Date): Promise<void> {
    const now = new Date();
    if (now.getTime() >= due.getTime()) {
      try {
        const run = await this.retraining.retrainChampion('schedule', 'scheduler');
        this.logger.log(`scheduled retraining: ${run.status}`);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT')
          this.logger.log('scheduled retraining: another replica is running it');
        else this.logger.error(`scheduled retraining failed: ${(err as Error).name}`);
      }
    }
    this.armNextRun(new Date(Math.max(now.getTime(), due.getTime())));
  }
}
