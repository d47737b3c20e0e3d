// Which version `quantize` starts from, with the serving record in a real, migrated PostgreSQL.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '@suite/platform';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { ModelCard } from '../registry/model-card.js';
import { writeModelVersion } from '../registry/model-version-writer.js';
import { PostgresServingVersionStore } from '../registry/serving-version.store.js';
import { buildMlpFixture } from '../../testing/index.js';
import { quantizeModelVersion } from './quantize-model-version.js';
import { migrations } from '@suite/migrations';

const SIZES = [64, 128, 8];

async function writeFp32(root: string, version: string, seed: number): Promise<void> {
  await writeModelVersion(
    root,
    {
      name: 'intent',
      version,
      task: 'intent',
      inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 64] }],
      outputs: [{ name: 'logits', dtype: 'float32', shape: [-1, 8] }],
    },
    buildMlpFixture(SIZES, seed).bytes,
  );
}

const cardOf = (root: string, version: string) =>
  JSON.parse(readFileSync(join(root, 'intent', version, 'model.json'), 'utf8')) as ModelCard;

describe('quantizeModelVersion: choice of the source version', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let root: string;
  const quantize = (options: { sourceVersion?: string; dataSource?: DataSource } = {}) =>
    quantizeModelVersion({
      modelsDir: root,
      name: 'intent',
      mode: 'dynamic',
      runs: 1,
      sampleRows: 4,
      ...options,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, migrations });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'quantize-source-'));
    await writeFp32(root, '1', 1);
    await writeFp32(root, '2', 2);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('starts from the promoted version, not the newest', async () => {
    await new PostgresServingVersionStore(dataSource).writeServing('intent', { serving: '1' });
    const sut = await quantize({ dataSource });
    expect([sut.sourceVersion, sut.version]).toEqual(['1', '3']);
    expect(cardOf(root, '3').quantization).toEqual({ mode: 'dynamic', sourceVersion: '1' });
  });

  it('follows a promoted int8 version back to its fp32 source', async () => {
    await new PostgresServingVersionStore(dataSource).writeServing('intent', { serving: '1' });
    await quantize({ dataSource }); // version 3, int8 of 1
    await new PostgresServingVersionStore(dataSource).writeServing('intent', { serving: '3' });
    expect((await quantize({ dataSource })).sourceVersion).toBe('1');
  });

  it('without a database, starts from the newest version that is not quantized', async () => {
    expect((await quantize()).sourceVersion).toBe('2'); // writes 3
    expect((await quantize()).sourceVersion).toBe('2'); // 3 is int8: skipped
  });

  it('refuses to quantize an int8 version asked for by name', async () => {
    await quantize({ sourceVersion: '2' });
    await expect(quantize({ sourceVersion: '3' })).rejects.toThrow('already quantized');
  });
});
