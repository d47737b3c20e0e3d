import 'reflect-metadata';
import { connectNatsTransport, createHttpApp, loadConfig } from '@suite/platform';
import { HTTP_APP } from './app.definition.js';
import { AppModule } from './app.module.js';
import { riskEnvSchema } from './risk.config.js';

const config = loadConfig(process.env, riskEnvSchema);
const app = await createHttpApp(AppModule, HTTP_APP);
// With NATS_URL set, the main operations are also served over NATS (queue group per service).
await connectNatsTransport(app);
await app.listen({ port: config.RISK_PORT, host: config.HOST });
process.send?.({ ready: true, port: config.RISK_PORT });
