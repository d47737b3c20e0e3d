// NATS helpers for the transport and fault tests: whether a server answers, a private nats-server that
// a test may stop and restart (never the machine's shared one), and a request in the wire format of
// @nestjs/microservices' NATS transport ({ pattern, data, id } out, { response | err, id } back).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';

export const SHARED_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/** Whether a NATS server answers its INFO line at `url` within `timeoutMs`. */
export function natsReachable(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('data', (chunk: Buffer) => done(chunk.toString().startsWith('INFO')));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 4222), hostname);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A nats-server (JetStream on) owned by the test, on a fixed port so that it can be restarted. */
export class PrivateNatsServer {
  private process?: ChildProcess;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'suite-nats-'));

  private constructor(readonly port: number) {}

  static available(): boolean {
    return existsSync(NATS_SERVER_BIN);
  }

  static async start(): Promise<PrivateNatsServer> {
    const server = new PrivateNatsServer(await freePort());
    await server.startProcess();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async startProcess(): Promise<void> {
    this.process = spawn(
      NATS_SERVER_BIN,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    while (!(await natsReachable(this.url, 300))) {
      if (Date.now() > deadline) throw new Error('nats-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the server (SIGKILL: a crash, nothing flushed) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

export interface CommandReply<T = Record<string, unknown>> {
  status: number;
  body: T;
  replayed?: boolean;
}

/** One request in Nest's NATS wire format; throws on timeout or when the transport answers `err`. */
export async function requestCommand<T = Record<string, unknown>>(
  nc: NatsConnection,
  subject: string,
  data: unknown,
  timeoutMs = 5000,
  headers: Record<string, string> = {},
): Promise<CommandReply<T>> {
  const h = natsHeaders();
  for (const [name, value] of Object.entries(headers)) h.set(name, value);
  const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), {
    timeout: timeoutMs,
    headers: h,
  });
  const packet = msg.json<{ response?: CommandReply<T>; err?: unknown }>();
  if (packet.err !== undefined && packet.err !== null)
    throw new Error(`transport error: ${JSON.stringify(packet.err)}`);
  if (!packet.response) throw new Error('empty reply');
  return packet.response;
}

export function connectClient(url: string): Promise<NatsConnection> {
  return connect({
    servers: [url],
    maxReconnectAttempts: -1,
    reconnectTimeWait: 100,
    name: 'suite-test-client',
  });
}
