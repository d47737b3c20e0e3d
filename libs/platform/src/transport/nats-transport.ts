// NATS request-reply beside HTTP: with NATS_URL set, a service also serves its main operations as
// message patterns (@nestjs/microservices, NATS transport). Every replica subscribes in one queue group
// per service, so NATS hands each message to one replica (load balancing without a load balancer).
import type { INestApplication } from '@nestjs/common';
import { type NatsOptions, Transport } from '@nestjs/microservices';
import { SERVICE_NAME } from '../config/config.tokens.js';
import { loadConfig } from '../config/env.schema.js';

/** The queue group of a service's replicas, e.g. `suite.risk`. */
export function natsQueueGroup(service: string, prefix: string): string {
  return `${prefix}.${service}`;
}

/** Connects the NATS transport and starts it when NATS_URL is set; returns whether it did. */
export async function connectNatsTransport(
  app: INestApplication,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const config = loadConfig(env);
  if (!config.NATS_URL) return false;
  const service = app.get<string>(SERVICE_NAME);
  app.connectMicroservice<NatsOptions>(
    {
      transport: Transport.NATS,
      options: {
        servers: [config.NATS_URL],
        queue: natsQueueGroup(service, config.NATS_QUEUE_PREFIX),
        name: `suite-${service}`,
        // Keep reconnecting through a NATS restart; subscriptions are restored on reconnect.
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        // On shutdown: unsubscribe first, let in-flight handlers reply, then drain the connection.
        gracefulShutdown: true,
        gracePeriod: 1000,
      },
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  return true;
}
