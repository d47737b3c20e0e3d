import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TrainingTrigger = 'schedule' | 'api' | 'cli';
export type TrainingRunStatus = 'running' | 'promoted' | 'refused' | 'failed';

/** One retraining run: its data window, both models' figures, the gates, the decision and why. */
@Entity({ schema: 'risk', name: 'training_runs' })
export class TrainingRunEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  trigger: TrainingTrigger;

  @Column({ type: 'text' })
  status: TrainingRunStatus;

  @Column({ name: 'champion_version', type: 'text' })
  championVersion: string;

  @Column({ name: 'challenger_version', type: 'text', nullable: true })
  challengerVersion: string | null;

  @Column({ name: 'window_from', type: 'timestamptz', nullable: true })
  windowFrom: Date | null;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo: Date;

  @Column({ name: 'outcomes_in_window', type: 'integer' })
  outcomesInWindow: number;

  @Column({ name: 'training_rows', type: 'integer' })
  trainingRows: number;

  @Column({ name: 'evaluation_rows', type: 'integer' })
  evaluationRows: number;

  @Column({ name: 'champion_metrics', type: 'jsonb', nullable: true })
  championMetrics: Record<string, unknown> | null;

  @Column({ name: 'challenger_metrics', type: 'jsonb', nullable: true })
  challengerMetrics: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  gates: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
