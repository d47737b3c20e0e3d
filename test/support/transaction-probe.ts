// Looks at the database from outside the app under test, while the app is in the middle of a request
// (called from a hook inside its compute step): which of its sessions hold a transaction open, what
// locks they hold, and how many of the app's pooled connections are checked out.
import pg from 'pg';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface ProbeReading {
  /**
   * Client sessions of this database (other than the probe's) idle inside a transaction. The probe is
   * called from the request's own compute step, so a transaction that request held would be waiting
   * for it (idle in transaction); a single autocommit statement running meanwhile (e.g. the inference
   * engine's write-behind cache INSERT) is not one.
   */
  openTransactions: number;
  /** Locks those sessions hold (row locks live only in transactions), plus granted advisory locks. */
  heldLocks: number;
  /** The app's pooled connections checked out (including any running an autocommit statement). */
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
      `WITH sessions AS (
         SELECT pid, state LIKE 'idle in transaction%' AS in_transaction
         FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid())
       SELECT
         (SELECT count(*)::int FROM sessions WHERE in_transaction) AS open_transactions,
         (SELECT count(*)::int FROM pg_locks l JOIN sessions s ON s.pid = l.pid
          WHERE s.in_transaction OR (l.locktype = 'advisory' AND l.granted)) AS held_locks`,
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
