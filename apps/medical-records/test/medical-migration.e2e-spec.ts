// The medical schema migration is reversible: down removes exactly its tables, and up after down
// recreates them (real PostgreSQL, the real migration list).
import { createDataSource } from '@suite/platform';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrations } from '@suite/migrations';

describe('migration MedicalSchema1764300000600', () => {
  let db: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    sut = createDataSource({ url: db.url, migrations });
    await sut.initialize();
  });

  afterAll(async () => {
    await sut.destroy();
    await db.drop();
  });

  const medicalTables = async () =>
    (
      (await sut.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'medical' ORDER BY table_name`,
      )) as { table_name: string }[]
    ).map((r) => r.table_name);

  it('goes up, down and up again', async () => {
    await sut.runMigrations({ transaction: 'each' });
    expect(await medicalTables()).toEqual(['documents', 'patient_name_memory', 'source_messages']);

    // Revert back to (and including) the medical migration; later migrations are reverted first.
    for (;;) {
      const applied = (await sut.query(`SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1`)) as {
        name: string;
      }[];
      await sut.undoLastMigration({ transaction: 'each' });
      if (applied[0].name === 'MedicalSchema1764300000600') break;
    }
    expect(await medicalTables()).toEqual([]);

    await sut.runMigrations({ transaction: 'each' });
    expect(await medicalTables()).toEqual(['documents', 'patient_name_memory', 'source_messages']);
  });
});
