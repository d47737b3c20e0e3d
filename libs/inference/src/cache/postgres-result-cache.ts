// Cache level L2: model outputs in PostgreSQL (inference.result_cache, migration
// 1764300000000-inference-schema), shared by every process on the database and kept across restarts.
import type { DataSource } from 'typeorm';
import type { NamedTensors } from '../engine/tensor.js';
import { decodeTensors, encodeTensors } from './tensor-codec.js';

export class PostgresResultCache {
  constructor(private readonly dataSource: DataSource) {}

  async readOutputs(key: string): Promise<NamedTensors | undefined> {
    const rows = (await this.dataSource.query(
      'SELECT outputs FROM inference.result_cache WHERE cache_key = $1',
      [key],
    )) as { outputs: Buffer }[];
    return rows.length > 0 ? decodeTensors(rows[0].outputs) : undefined;
  }

  async writeOutputs(key: string, model: string, version: string, outputs: NamedTensors): Promise<void> {
    const bytes = encodeTensors(outputs);
    // The key decides the outputs (deterministic models only), so a concurrent writer wrote the same row.
    await this.dataSource.query(
      `INSERT INTO inference.result_cache (cache_key, model, model_version, outputs, byte_size)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cache_key) DO NOTHING`,
      [key, model, version, bytes, bytes.byteLength],
    );
  }

  /** Drops a model's rows, all versions or only those not listed in keepVersions. */
  async purgeModel(model: string, keepVersions: string[] = []): Promise<number> {
    const result = (await this.dataSource.query(
      'DELETE FROM inference.result_cache WHERE model = $1 AND NOT (model_version = ANY($2::text[]))',
      [model, keepVersions],
    )) as [unknown[], number];
    return result[1];
  }
}
