import type { MigrationInterface, QueryRunner } from 'typeorm';

// Idempotency keys are stored as their SHA-256 (hex of the UTF-8 bytes, as hashIdempotencyKey() in
// libs/platform computes it), never verbatim: callers may put anything in a key. Existing rows are
// hashed in place, so their retries still replay.
export class IdempotencyKeyHash1764300001001 implements MigrationInterface {
  name = 'IdempotencyKeyHash1764300001001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.idempotency_keys ADD COLUMN key_hash char(64)`);
    await q.query(
      `UPDATE platform.idempotency_keys SET key_hash = encode(sha256(convert_to(key, 'UTF8')), 'hex')`,
    );
    await q.query(`ALTER TABLE platform.idempotency_keys ALTER COLUMN key_hash SET NOT NULL`);
    await q.query(`ALTER TABLE platform.idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
    await q.query(`ALTER TABLE platform.idempotency_keys DROP COLUMN key`);
    await q.query(
      `ALTER TABLE platform.idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (service, principal, key_hash)`,
    );
  }

  // The plaintext keys are gone: rows come back with their hash as the key, so old keys no longer
  // replay after a revert (their requests would run again).
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
    await q.query(`ALTER TABLE platform.idempotency_keys RENAME COLUMN key_hash TO key`);
    await q.query(`ALTER TABLE platform.idempotency_keys ALTER COLUMN key TYPE text`);
    await q.query(
      `ALTER TABLE platform.idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (service, principal, key)`,
    );
  }
}
