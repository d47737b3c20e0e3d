// The inference server's real AppModule over a model repository written into a fresh temporary
// folder, listening on a free loopback port with one API key: what every e2e here starts from.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INFERENCE_SCOPE } from '@suite/inference';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

export interface ServedRepository {
  sut: TestApp;
  key: string;
  baseUrl: string;
  repo: string;
  close(): Promise<void>;
}

export async function serveRepository(
  prefix: string,
  fill: (repo: string) => void | Promise<void>,
): Promise<ServedRepository> {
  const repo = mkdtempSync(join(tmpdir(), `${prefix}-`));
  await fill(repo);
  const sut = await startTestApp(AppModule, HTTP_APP, {
    MODELS_DIR: repo,
    INFERENCE_WORKERS: '1',
    INFERENCE_INTRA_OP_THREADS: '1',
  });
  const key = await sut.createKey(SERVICE, [INFERENCE_SCOPE]);
  await sut.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
  return {
    sut,
    key,
    baseUrl,
    repo,
    close: async () => {
      await sut.close();
      rmSync(repo, { recursive: true, force: true });
    },
  };
}
