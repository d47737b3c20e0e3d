// The built medical-records service for the benches that post documents (ner, textpath, deid): the
// real AppModule and HTTP stack on a loopback port, over a scratch PostgreSQL database, with logging,
// rate limits and Swagger off, and an API key that may write documents. close() stops both.
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyStore, createHttpApp } from '@suite/platform';
import { DataSource } from 'typeorm';
import { HTTP_APP } from '../../apps/medical-records/src/app.definition.js';
import { AppModule } from '../../apps/medical-records/src/app.module.js';
import { scratchPostgres } from './scratch-postgres.js';

export interface MedicalService {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  base: string;
  /** An API key with the documents:write scope. */
  key: string;
  close(): Promise<void>;
}

export async function startMedicalService(databasePrefix: string): Promise<MedicalService> {
  const server = await scratchPostgres(databasePrefix);
  Object.assign(process.env, {
    DATABASE_URL: await server.createDatabase(),
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'true',
    RATE_LIMIT_PER_MINUTE: '100000000',
    SWAGGER_ENABLED: 'false',
  });
  const app = await createHttpApp(AppModule, HTTP_APP);
  const close = async () => {
    await app.close();
    await server.close();
  };
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const { key } = await new ApiKeyStore(app.get(DataSource)).createKey({
      name: 'bench',
      service: 'medical',
      scopes: ['documents:write'],
    });
    return { app, base, key, close };
  } catch (err) {
    await close();
    throw err;
  }
}
