import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import { DataSource, type QueryDeepPartialEntity } from 'typeorm';
import { TrainingRunEntity } from './entities/training-run.entity.js';

@Injectable()
export class TrainingRunRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async insertRun(run: TrainingRunEntity): Promise<void> {
    // jsonb columns are typed as open records, which TypeORM's deep-partial type cannot follow.
    await this.tx.manager().insert(TrainingRunEntity, run as QueryDeepPartialEntity<TrainingRunEntity>);
  }

  async updateRun(id: string, changes: Partial<TrainingRunEntity>): Promise<void> {
    await this.tx
      .manager()
      .update(TrainingRunEntity, { id }, changes as QueryDeepPartialEntity<TrainingRunEntity>);
  }

  /** End of the data window of the last run that trained a challenger: the next run starts there. */
  async lastTrainedWindowEnd(): Promise<Date | null> {
    const rows = (await this.tx.manager().query(
      `SELECT window_to FROM risk.training_runs
        WHERE challenger_version IS NOT NULL AND status IN ('promoted', 'refused')
        ORDER BY started_at DESC LIMIT 1`,
    )) as { window_to: Date }[];
    return rows[0]?.window_to ?? null;
  }

  listRuns(limit: number): Promise<TrainingRunEntity[]> {
    return this.dataSource.manager.find(TrainingRunEntity, { order: { startedAt: 'DESC' }, take: limit });
  }
}
