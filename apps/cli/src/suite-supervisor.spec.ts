// The restart policy of `npm start` on units that die on demand (the real processes are exercised by
// test/faults/suite-supervisor.e2e-spec.ts); backoff in milliseconds so the test stays short.
import { jest } from '@jest/globals';
import { type RunningUnit, SuiteSupervisor, type SupervisedUnit, type UnitExit } from './suite-supervisor.js';

/** A unit whose instances die when the test says so, and whose launches may be made to fail. */
class ScriptedUnit implements SupervisedUnit {
  launches = 0;
  stops = 0;
  failNext = 0;
  private kill?: (exit: UnitExit) => void;
  private launched?: () => void;

  constructor(
    readonly name: string,
    private readonly stopped: string[] = [],
  ) {}

  async launch(): Promise<RunningUnit> {
    this.launches++;
    this.launched?.();
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('port in use');
    }
    const exited = new Promise<UnitExit>((resolve) => (this.kill = resolve));
    return {
      exited,
      pid: 1000 + this.launches,
      stop: async () => {
        this.stops++;
        await new Promise((r) => setTimeout(r, 5));
        this.stopped.push(this.name);
      },
    };
  }

  die(exit: UnitExit = { code: null, signal: 'SIGKILL' }): void {
    this.kill?.(exit);
  }

  nextLaunch(): Promise<void> {
    return new Promise((resolve) => (this.launched = resolve));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('SuiteSupervisor', () => {
  const lines: string[] = [];
  const backoff = { initialMs: 5, maxMs: 40, resetAfterMs: 60_000 };

  beforeEach(() => (lines.length = 0));

  it('restarts only the unit that died, and says why and when it is back', async () => {
    const [a, b] = [new ScriptedUnit('risk-scoring'), new ScriptedUnit('medical-records')];
    const sut = new SuiteSupervisor((l) => lines.push(l), backoff);
    await sut.startAll([a, b]);
    const relaunched = a.nextLaunch();
    a.die();
    await relaunched;
    await settle();
    expect([a.launches, b.launches]).toEqual([2, 1]);
    expect(lines.slice(2)).toEqual([
      'risk-scoring exited (signal SIGKILL); restarting in 0.0 s',
      expect.stringMatching(/^risk-scoring ready in \d+\.\d s \(pid 1002\)$/),
    ]);
    await sut.stop();
  });

  it('doubles the delay after each failed start, up to the maximum', async () => {
    const unit = new ScriptedUnit('customer-service');
    const sut = new SuiteSupervisor((l) => lines.push(l), {
      initialMs: 1000,
      maxMs: 4000,
      resetAfterMs: 60_000,
    });
    jest.useFakeTimers();
    try {
      await sut.startAll([unit]);
      unit.failNext = 3;
      unit.die({ code: 1, signal: null });
      for (let i = 0; i < 4; i++) await jest.advanceTimersByTimeAsync(4000);
      expect(unit.launches).toBe(5);
      expect(lines.filter((l) => l.includes('restarting in'))).toEqual([
        'customer-service exited (code 1); restarting in 1.0 s',
        'customer-service failed to start (port in use); restarting in 2.0 s',
        'customer-service failed to start (port in use); restarting in 4.0 s',
        'customer-service failed to start (port in use); restarting in 4.0 s',
      ]);
      expect(lines.at(-1)).toMatch(/^customer-service ready in/);
    } finally {
      jest.useRealTimers();
      await sut.stop();
    }
  });

  it('stops every unit, the named ones last, and restarts nothing afterwards', async () => {
    const stopped: string[] = [];
    const [db, svc] = [
      new ScriptedUnit('embedded PostgreSQL', stopped),
      new ScriptedUnit('risk-scoring', stopped),
    ];
    const sut = new SuiteSupervisor((l) => lines.push(l), backoff);
    await sut.startAll([db, svc]);
    await sut.stop(['embedded PostgreSQL']);
    expect(stopped).toEqual(['risk-scoring', 'embedded PostgreSQL']);
    svc.die();
    db.die();
    await settle();
    expect([db.stops, svc.stops, db.launches, svc.launches]).toEqual([1, 1, 1, 1]);
  });

  it('refuses to start when one unit cannot become ready, stopping the others', async () => {
    const [ok, broken] = [new ScriptedUnit('risk-scoring'), new ScriptedUnit('medical-records')];
    broken.failNext = 1;
    const sut = new SuiteSupervisor((l) => lines.push(l), backoff);
    await expect(sut.startAll([ok, broken])).rejects.toThrow('port in use');
    expect(ok.stops).toBe(1);
  });
});
