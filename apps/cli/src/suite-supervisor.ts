// The development supervisor behind `npm start`: each unit (a service process, the embedded
// PostgreSQL) is started, watched, and started again with exponential backoff when it dies, while
// the others keep running. Deliberately small; production restarts belong to docker/k8s.

/** Waits `ms`, or less when `signal` aborts; resolves false then. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface UnitExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One running instance of a unit. */
export interface RunningUnit {
  /** Settles when the instance dies by itself (not through stop()). */
  exited: Promise<UnitExit>;
  stop(): Promise<void>;
  /** Shown in the "ready" line, so a developer can find the process (e.g. to kill it). */
  pid?: number;
}

export interface SupervisedUnit {
  name: string;
  /** Starts an instance and resolves once it is ready; rejects when it could not become ready. */
  launch(): Promise<RunningUnit>;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** An instance that lived this long before dying restarts after `initialMs` again. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 60_000 };

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export function describeExit({ code, signal }: UnitExit): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

export class SuiteSupervisor {
  private readonly running = new Map<string, RunningUnit>();
  private readonly loops: Promise<void>[] = [];
  private stopping = false;
  private readonly wakeUp = new AbortController();

  constructor(
    private readonly log: (line: string) => void,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Starts the units together; rejects (stopping what did start) if any cannot become ready. */
  async startAll(units: readonly SupervisedUnit[], since = Date.now()): Promise<void> {
    const started = await Promise.allSettled(units.map((u) => this.launch(u, since)));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      await this.stop();
      throw (failed as PromiseRejectedResult).reason;
    }
    units.forEach((unit, i) => {
      const first = (started[i] as PromiseFulfilledResult<RunningUnit>).value;
      this.loops.push(this.watch(unit, first));
    });
  }

  /** Stops the given units in order (each completely before the next), after every other one. */
  async stop(lastOf: readonly string[] = []): Promise<void> {
    this.stopping = true;
    this.wakeUp.abort();
    const last = (name: string) => lastOf.includes(name);
    const first = [...this.running].filter(([name]) => !last(name));
    await Promise.all(first.map(([, r]) => r.stop()));
    for (const name of lastOf) await this.running.get(name)?.stop();
    this.running.clear();
  }

  private async launch(unit: SupervisedUnit, since: number): Promise<RunningUnit> {
    const instance = await unit.launch();
    this.running.set(unit.name, instance);
    this.log(
      `${unit.name} ready in ${seconds(Date.now() - since)}${instance.pid ? ` (pid ${instance.pid})` : ''}`,
    );
    return instance;
  }

  private async watch(unit: SupervisedUnit, first: RunningUnit): Promise<void> {
    let instance = first;
    let startedAt = Date.now();
    let delay = this.backoff.initialMs;
    for (;;) {
      const exit = await instance.exited;
      if (this.stopping) return;
      this.running.delete(unit.name);
      const diedAt = Date.now();
      if (diedAt - startedAt >= this.backoff.resetAfterMs) delay = this.backoff.initialMs;
      let cause = `exited (${describeExit(exit)})`;
      for (;;) {
        this.log(`${unit.name} ${cause}; restarting in ${seconds(delay)}`);
        if (!(await sleep(delay, this.wakeUp.signal))) return; // stopping
        delay = Math.min(delay * 2, this.backoff.maxMs);
        try {
          instance = await this.launch(unit, diedAt);
          startedAt = Date.now();
          break;
        } catch (err) {
          if (this.stopping) return;
          cause = `failed to start (${err instanceof Error ? err.message : String(err)})`;
        }
      }
      if (this.stopping) {
        await instance.stop();
        return;
      }
    }
  }
}
