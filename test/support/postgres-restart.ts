// Fault tests that restart PostgreSQL under load share this harness: a server of the test's own (so
// the restart disturbs no other test file), concurrent senders, and the attempts they saw before,
// during and after a fast shutdown + start of the same data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@suite/platform';

export type Phase = 'before' | 'during' | 'after';

export interface Attempt {
  index: number;
  /** HTTP status; 0 when no response came at all. */
  status: number;
  id?: string;
  retryAfter?: string;
  phase: Phase;
}

export interface SentRequest {
  status: number;
  id?: string;
  retryAfter?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A PostgreSQL for one test file; TEST_DATABASE_URL points at it until `stop()`. */
export class OwnPostgres {
  private server?: EmbeddedPostgresHandle;
  private readonly dataDir: string;
  private readonly previousServerUrl = process.env.TEST_DATABASE_URL;

  constructor(
    name: string,
    private readonly port: number,
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.port,
      database: 'postgres',
    });
    process.env.TEST_DATABASE_URL = this.server.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    process.env.TEST_DATABASE_URL = this.previousServerUrl;
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Runs `concurrency` senders (request i is `send(i)`) until `ackedBefore` succeeded, fast-shuts the
   * server down, starts it again a second later, and goes on until `ackedAfter` more succeeded (or
   * 15 s passed). Returns every attempt with the phase it started in.
   */
  async restartUnderLoad(params: {
    send(index: number): Promise<SentRequest>;
    concurrency: number;
    ackedBefore: number;
    ackedAfter: number;
    successStatus: number;
    pauseMs?: number;
  }): Promise<Attempt[]> {
    const attempts: Attempt[] = [];
    let phase: Phase = 'before';
    let next = 0;
    let stopped = false;
    const sender = async () => {
      while (!stopped) {
        const index = next++;
        const at = phase;
        try {
          attempts.push({ index, ...(await params.send(index)), phase: at });
        } catch {
          attempts.push({ index, status: 0, phase: at });
        }
        await sleep(params.pauseMs ?? 5);
      }
    };
    const senders = Array.from({ length: params.concurrency }, () => sender());
    const ackedIn = (p: Phase) =>
      attempts.filter((a) => a.phase === p && a.status === params.successStatus).length;

    while (ackedIn('before') < params.ackedBefore) await sleep(20);
    phase = 'during';
    await this.server!.stop();
    await sleep(1000);
    await this.start();
    phase = 'after';
    const restartedAt = Date.now();
    while (Date.now() - restartedAt < 15_000 && ackedIn('after') < params.ackedAfter) await sleep(50);
    stopped = true;
    await Promise.all(senders);
    return attempts;
  }
}
