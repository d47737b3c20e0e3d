import 'reflect-metadata';
import { createHttpApp } from '@suite/platform';
import { HTTP_APP } from './app.definition.js';
import { AppModule } from './app.module.js';
import { loadInferenceServerConfig } from './inference-server.config.js';

const config = loadInferenceServerConfig();
const port = config.INFERENCE_SERVER_PORT;
const app = await createHttpApp(AppModule, HTTP_APP);
await app.listen({ port, host: config.HOST });
process.send?.({ ready: true, port });
