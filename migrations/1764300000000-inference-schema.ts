import type { MigrationInterface, QueryRunner } from 'typeorm';

// Schema of libs/inference: the L2 result cache (keyed by sha256(model, version, inputs)) and the
// serving version of each model, so promotions survive restarts.
export class InferenceSchema1764300000000 implements MigrationInterface {
  name = 'InferenceSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS inference`);
    await q.query(`CREATE TABLE inference.result_cache (
      cache_key char(64) PRIMARY KEY,
      model text NOT NULL,
      model_version text NOT NULL,
      outputs bytea NOT NULL,
      byte_size integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX result_cache_model_idx ON inference.result_cache (model, model_version)`);
    await q.query(`CREATE TABLE inference.model_serving (
      model text PRIMARY KEY,
      serving_version text NOT NULL,
      previous_version text,
      promoted_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inference.model_serving`);
    await q.query(`DROP TABLE inference.result_cache`);
    await q.query(`DROP SCHEMA inference`);
  }
}
