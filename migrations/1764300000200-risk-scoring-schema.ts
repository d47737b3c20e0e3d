import type { MigrationInterface, QueryRunner } from 'typeorm';

// risk-scoring: scored applications (input, score, model version, reasons), the observed outcomes
// that label them, and the record of every retraining run. The schema itself comes with the platform.
export class RiskScoringSchema1764300000200 implements MigrationInterface {
  name = 'RiskScoringSchema1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE risk.credit_applications (
      id uuid PRIMARY KEY,
      external_reference text,
      submitted_by uuid NOT NULL,
      applicant jsonb NOT NULL,
      demographics jsonb,
      narrative text NOT NULL,
      probability double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
      score integer NOT NULL,
      decision text NOT NULL CHECK (decision IN ('approve', 'review', 'decline')),
      reasons jsonb NOT NULL,
      model_name text NOT NULL,
      model_version text NOT NULL,
      shadow_model_version text,
      shadow_probability double precision,
      correlation_id text,
      scored_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX credit_applications_scored_at_idx ON risk.credit_applications (scored_at)`);
    await q.query(`CREATE TABLE risk.outcomes (
      application_id uuid PRIMARY KEY REFERENCES risk.credit_applications (id),
      defaulted boolean NOT NULL,
      observed_at timestamptz NOT NULL,
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX outcomes_recorded_at_idx ON risk.outcomes (recorded_at)`);
    await q.query(`CREATE TABLE risk.training_runs (
      id uuid PRIMARY KEY,
      trigger text NOT NULL CHECK (trigger IN ('schedule', 'api', 'cli')),
      status text NOT NULL CHECK (status IN ('running', 'promoted', 'refused', 'failed')),
      champion_version text NOT NULL,
      challenger_version text,
      window_from timestamptz,
      window_to timestamptz NOT NULL,
      outcomes_in_window integer NOT NULL DEFAULT 0,
      training_rows integer NOT NULL DEFAULT 0,
      evaluation_rows integer NOT NULL DEFAULT 0,
      champion_metrics jsonb,
      challenger_metrics jsonb,
      gates jsonb,
      reason text,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`);
    await q.query(`CREATE INDEX training_runs_started_at_idx ON risk.training_runs (started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE risk.training_runs`);
    await q.query(`DROP TABLE risk.outcomes`);
    await q.query(`DROP TABLE risk.credit_applications`);
  }
}
