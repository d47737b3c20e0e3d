// Which version of each model serves, and the one before it (for rollback). Persisted in
// inference.model_serving when the engine has a database, so a restart serves what was promoted.
import type { DataSource } from 'typeorm';

export interface ServingRecord {
  serving: string;
  previous?: string;
}

export interface ServingVersionStore {
  readServing(model: string): Promise<ServingRecord | undefined>;
  writeServing(model: string, record: ServingRecord): Promise<void>;
}

export class InMemoryServingVersionStore implements ServingVersionStore {
  private readonly records = new Map<string, ServingRecord>();

  async readServing(model: string): Promise<ServingRecord | undefined> {
    return this.records.get(model);
  }

  async writeServing(model: string, record: ServingRecord): Promise<void> {
    this.records.set(model, { ...record });
  }
}

export class PostgresServingVersionStore implements ServingVersionStore {
  constructor(private readonly dataSource: DataSource) {}

  async readServing(model: string): Promise<ServingRecord | undefined> {
    const rows = (await this.dataSource.query(
      'SELECT serving_version, previous_version FROM inference.model_serving WHERE model = $1',
      [model],
    )) as { serving_version: string; previous_version: string | null }[];
    if (rows.length === 0) return undefined;
    const row = rows[0];
    return {
      serving: row.serving_version,
      ...(row.previous_version ? { previous: row.previous_version } : {}),
    };
  }

  async writeServing(model: string, record: ServingRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO inference.model_serving (model, serving_version, previous_version, promoted_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (model) DO UPDATE SET serving_version = EXCLUDED.serving_version,
         previous_version = EXCLUDED.previous_version, promoted_at = EXCLUDED.promoted_at`,
      [model, record.serving, record.previous ?? null],
    );
  }
}
