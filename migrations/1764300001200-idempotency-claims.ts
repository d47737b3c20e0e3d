import type { MigrationInterface, QueryRunner } from 'typeorm';

// Narrow idempotent requests (@Idempotent({ narrow: true })) claim their key before they compute: a row
// without a result (status_code and response_body NULL) that holds the key for claim_token until
// lease_until. Finished rows have a result and no claim, so every stored row still replays as before.
export class IdempotencyClaims1764300001200 implements MigrationInterface {
  name = 'IdempotencyClaims1764300001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.idempotency_keys
      ADD COLUMN claim_token uuid,
      ADD COLUMN lease_until timestamptz,
      ALTER COLUMN status_code DROP NOT NULL,
      ALTER COLUMN response_body DROP NOT NULL,
      ADD CONSTRAINT idempotency_keys_result_or_claim CHECK (
        (status_code IS NOT NULL AND response_body IS NOT NULL AND claim_token IS NULL)
        OR (status_code IS NULL AND response_body IS NULL AND claim_token IS NOT NULL AND lease_until IS NOT NULL)
      )`);
  }

  // Claims in progress have no result to keep: they go, and their requests' commits then fail.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM platform.idempotency_keys WHERE status_code IS NULL`);
    await q.query(`ALTER TABLE platform.idempotency_keys
      DROP CONSTRAINT idempotency_keys_result_or_claim,
      ALTER COLUMN status_code SET NOT NULL,
      ALTER COLUMN response_body SET NOT NULL,
      DROP COLUMN lease_until,
      DROP COLUMN claim_token`);
  }
}
