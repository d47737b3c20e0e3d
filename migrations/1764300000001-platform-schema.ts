import type { MigrationInterface, QueryRunner } from 'typeorm';

// Shared platform tables (API keys, idempotency records, audit log) and one schema per service.
export class PlatformSchema1764300000001 implements MigrationInterface {
  name = 'PlatformSchema1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    for (const schema of ['risk', 'medical', 'support'])
      await q.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await q.query(`CREATE TABLE platform.api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      service text NOT NULL,
      scopes text[] NOT NULL DEFAULT '{}',
      key_hash char(64) NOT NULL UNIQUE,
      key_prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`);
    await q.query(`CREATE TABLE platform.idempotency_keys (
      service text NOT NULL,
      principal uuid NOT NULL,
      key text NOT NULL,
      request_hash char(64) NOT NULL,
      status_code integer NOT NULL,
      response_body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (service, principal, key)
    )`);
    await q.query(`CREATE TABLE platform.audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      service text NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      resource_type text NOT NULL,
      resource_id text,
      outcome text NOT NULL,
      correlation_id text
    )`);
    // Append-only: the table refuses updates and deletes, whoever asks.
    await q.query(`CREATE FUNCTION platform.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON platform.audit_log
      FOR EACH ROW EXECUTE FUNCTION platform.audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.audit_log`);
    await q.query(`DROP FUNCTION platform.audit_log_append_only`);
    await q.query(`DROP TABLE platform.idempotency_keys`);
    await q.query(`DROP TABLE platform.api_keys`);
    for (const schema of ['risk', 'medical', 'support']) await q.query(`DROP SCHEMA IF EXISTS ${schema}`);
    await q.query(`DROP SCHEMA platform`);
  }
}
