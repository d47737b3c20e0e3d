import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';

export interface RecordedTransaction {
  id: string;
  externalId: string;
  merchant: string;
  /** Decimal string, two decimals. */
  amount: string;
  currency: string;
  /** ISO date. */
  occurredOn: string;
}

export interface TransactionInput {
  externalId: string;
  merchant: string;
  amount: string;
  currency: string;
  occurredOn: string;
}

interface TransactionRow {
  id: string;
  external_id: string;
  merchant: string;
  amount: string;
  currency: string;
  occurred_on: string;
}

const toTransaction = (r: TransactionRow): RecordedTransaction => ({
  id: r.id,
  externalId: r.external_id,
  merchant: r.merchant,
  amount: r.amount,
  currency: r.currency,
  occurredOn: r.occurred_on,
});

// Every method takes the tenant (API key id): a key sees only the transactions it loaded.
@Injectable()
export class TransactionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Inserts or updates by (tenant, customer, externalId); returns the stored rows in input order. */
  async upsertTransactions(
    apiKeyId: string,
    customerId: string,
    items: readonly TransactionInput[],
  ): Promise<{ transactions: RecordedTransaction[]; inserted: number }> {
    const stored: RecordedTransaction[] = [];
    let inserted = 0;
    for (const item of items) {
      const rows = (await this.tx.manager().query(
        `INSERT INTO support.transactions (id, api_key_id, customer_id, external_id, merchant, amount, currency, occurred_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (api_key_id, customer_id, external_id) DO UPDATE
           SET merchant = EXCLUDED.merchant, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
               occurred_on = EXCLUDED.occurred_on, updated_at = now()
         RETURNING id, external_id, merchant, amount::text AS amount, currency,
                   to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, (xmax = 0) AS inserted`,
        [
          randomUUID(),
          apiKeyId,
          customerId,
          item.externalId,
          item.merchant,
          item.amount,
          item.currency,
          item.occurredOn,
        ],
      )) as (TransactionRow & { inserted: boolean })[];
      if (rows[0].inserted) inserted++;
      stored.push(toTransaction(rows[0]));
    }
    return { transactions: stored, inserted };
  }

  async listTransactions(apiKeyId: string, customerId: string, limit = 500): Promise<RecordedTransaction[]> {
    const rows = (await this.tx.manager().query(
      `SELECT id, external_id, merchant, amount::text AS amount, currency, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on
         FROM support.transactions WHERE api_key_id = $1 AND customer_id = $2
        ORDER BY occurred_on DESC, external_id LIMIT $3`,
      [apiKeyId, customerId, limit],
    )) as TransactionRow[];
    return rows.map(toTransaction);
  }
}
