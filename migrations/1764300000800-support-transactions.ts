import type { MigrationInterface, QueryRunner } from 'typeorm';

// customer-service, stage 3: the card transactions a bank records for its customers, loaded through
// the API, which the bot compares with a receipt the customer sends (duplicate charge, amount
// mismatch, unknown merchant). Rows belong to the API key (tenant) that loaded them; the bank's own
// transaction id is unique per tenant and customer, so a reload updates instead of duplicating.
export class SupportTransactions1764300000800 implements MigrationInterface {
  name = 'SupportTransactions1764300000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE support.transactions (
      id uuid PRIMARY KEY,
      api_key_id uuid NOT NULL,
      customer_id text NOT NULL CHECK (char_length(customer_id) BETWEEN 1 AND 128),
      external_id text NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 128),
      merchant text NOT NULL CHECK (char_length(merchant) BETWEEN 1 AND 200),
      amount numeric(14, 2) NOT NULL,
      currency char(3) NOT NULL,
      occurred_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (api_key_id, customer_id, external_id)
    )`);
    await q.query(
      `CREATE INDEX transactions_customer_date ON support.transactions (api_key_id, customer_id, occurred_on)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support.transactions`);
  }
}
