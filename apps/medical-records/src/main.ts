import 'reflect-metadata';
import { connectNatsTransport, createHttpApp, loadConfig } from '@suite/platform';
import { HTTP_APP } from './app.definition.js';
import { AppModule } from './app.module.js';
import { medicalEnvSchema } from './medical.config.js';

const config = loadConfig(process.env, medicalEnvSchema);
const app = await createHttpApp(AppModule, HTTP_APP);
// With NATS_URL set, documents are also ingested from NATS (subject medical.documents.ingest).
await connectNatsTransport(app);
await app.listen({ port: config.MEDICAL_PORT, host: config.HOST });
process.send?.({ ready: true, port: config.MEDICAL_PORT });
