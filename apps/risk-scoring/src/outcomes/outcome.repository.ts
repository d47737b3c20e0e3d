import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import { DataSource } from 'typeorm';
import type { ApplicantRecord } from '@suite/risk-models';
import { OutcomeEntity } from './entities/outcome.entity.js';

export interface LabelledApplication {
  id: string;
  applicant: ApplicantRecord;
  scoredAt: Date;
  defaulted: boolean;
}

const FOREIGN_KEY_VIOLATION = '23503';

@Injectable()
export class OutcomeRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Inserts the outcome unless the application already has one (the constraint decides, not a prior
   * read); returns the stored outcome either way, or null when the application does not exist.
   */
  async recordOutcome(outcome: Omit<OutcomeEntity, 'recordedAt'>): Promise<OutcomeEntity | null> {
    const manager = this.tx.manager();
    try {
      await manager.createQueryBuilder().insert().into(OutcomeEntity).values(outcome).orIgnore().execute();
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code === FOREIGN_KEY_VIOLATION)
        return null;
      throw err;
    }
    return manager.findOneBy(OutcomeEntity, { applicationId: outcome.applicationId });
  }

  findOutcome(applicationId: string): Promise<OutcomeEntity | null> {
    return this.dataSource.manager.findOneBy(OutcomeEntity, { applicationId });
  }

  /** Applications whose outcome was recorded in (from, to], oldest scored first. */
  async labelledApplications(from: Date | null, to: Date): Promise<LabelledApplication[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.applicant, a.scored_at, o.defaulted
         FROM risk.outcomes o JOIN risk.credit_applications a ON a.id = o.application_id
        WHERE ($1::timestamptz IS NULL OR o.recorded_at > $1) AND o.recorded_at <= $2
        ORDER BY a.scored_at, a.id`,
      [from, to],
    )) as { id: string; applicant: ApplicantRecord; scored_at: Date; defaulted: boolean }[];
    return rows.map((r) => ({
      id: r.id,
      applicant: r.applicant,
      scoredAt: r.scored_at,
      defaulted: r.defaulted,
    }));
  }
}
