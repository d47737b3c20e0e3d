// Looks at the database from outside the app under test, while the app is in the middle of a request
// (called from a hook inside its compute step): which of its sessions have a transaction open, what
// locks they hold, and how many of the app's pooled connections are checked out.
import pg from 'pg';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface ProbeReading {
  /** Client sessions of this database (other than the probe's) inside a transaction. */
  openTransactions: number;
  /** Locks those sessions hold (row locks live only in transactions; advisory ones may not). */
  heldLocks: number;
  /** The app's pooled connections checked out. */
  poolInUse: number;
}

export class TransactionProbe {
  private constructor(
    private readonly client: pg.Client,
    private readonly dataSource: DataSource,
  ) {}

  static async open(url: string, dataSource: DataSource): Promise<TransactionProbe> {
    const client = new pg.Client({ connectionString: url, application_name: 'transaction-probe' });
    await client.connect();
    return new TransactionProbe(client, dataSource);
  }

  async read(): Promise<ProbeReading> {
    const { rows } = await this.client.query<{ open_transactions: number; held_locks: number }>(
      `SELECT
         (SELECT count(*)::int FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend'
            AND pid <> pg_backend_pid() AND xact_start IS NOT NULL) AS open_transactions,
         (SELECT count(*)::int FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE a.datname = current_database() AND a.backend_type = 'client backend'
            AND l.pid <> pg_backend_pid()) AS held_locks`,
    );
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    return {
      openTransactions: rows[0].open_transactions,
      heldLocks: rows[0].held_locks,
      poolInUse: pool.totalCount - pool.idleCount,
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
