// Time as the batcher, the caches and the engine see it. Injected so that tests drive time by hand
// (ManualClock) instead of sleeping: queue delays and timeouts are then exact and never flaky.
import { performance } from 'node:perf_hooks';

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds on a monotonic scale (fractions allowed). */
  now(): number;
  schedule(callback: () => void, delayMs: number): TimerHandle;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  schedule(callback, delayMs) {
    if (delayMs >= 1) {
      const timer = setTimeout(callback, delayMs);
      return { cancel: () => clearTimeout(timer) };
    }
    // Node's timers have a 1 ms resolution, Triton's queue delays are in microseconds: a shorter wait
    // polls with setImmediate, which lets I/O and worker replies in between polls.
    const due = performance.now() + Math.max(0, delayMs);
    let cancelled = false;
    const poll = () => {
      if (cancelled) return;
      if (performance.now() >= due) callback();
      else setImmediate(poll);
    };
    setImmediate(poll);
    return { cancel: () => (cancelled = true) };
  },
};

interface ManualTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to; timers fire in due order during advance(). */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, delayMs: number): TimerHandle {
    const timer: ManualTimer = {
      at: this.time + Math.max(0, delayMs),
      seq: this.seq++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing every timer due on the way, each at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      due.cancelled = true;
      due.callback();
    }
    this.time = end;
  }

  /** When the next live timer is due, if any: lets a simulation jump from event to event. */
  nextTimerAt(): number | undefined {
    const live = this.timers.filter((t) => !t.cancelled);
    return live.length > 0 ? Math.min(...live.map((t) => t.at)) : undefined;
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
