// Learning-rate schedules as pure functions of the 0-based update index, so that a run is
// reproducible from its config alone. Cosine annealing follows Loshchilov & Hutter 2017 (SGDR,
// eq. 5, without restarts); linear warmup as in Goyal et al. 2017 §2.2.
export type LearningRateSchedule = (step: number) => number;

export type LearningRateScheduleConfig =
  | { kind: 'constant'; learningRate: number; warmupSteps?: number }
  | { kind: 'step'; learningRate: number; stepSize: number; gamma: number; warmupSteps?: number }
  | {
      kind: 'cosine';
      learningRate: number;
      /** Updates over which to anneal; the trainer fills in the run's total when omitted. */
      totalSteps?: number;
      minLearningRate?: number;
      warmupSteps?: number;
    };

export function constantSchedule(learningRate: number): LearningRateSchedule {
  assertRate(learningRate);
  return () => learningRate;
}

/** learningRate * gamma^floor(step / stepSize). */
export function stepDecaySchedule(
  learningRate: number,
  stepSize: number,
  gamma: number,
): LearningRateSchedule {
  assertRate(learningRate);
  if (!(stepSize >= 1)) throw new RangeError(`step size must be >= 1, got ${stepSize}`);
  if (!(gamma > 0)) throw new RangeError(`gamma must be > 0, got ${gamma}`);
  return (step) => learningRate * Math.pow(gamma, Math.floor(step / stepSize));
}

/** Half a cosine from learningRate down to minLearningRate over totalSteps, then flat. */
export function cosineSchedule(
  learningRate: number,
  totalSteps: number,
  minLearningRate = 0,
): LearningRateSchedule {
  assertRate(learningRate);
  if (!(totalSteps >= 1)) throw new RangeError(`total steps must be >= 1, got ${totalSteps}`);
  return (step) => {
    const progress = Math.min(step, totalSteps) / totalSteps;
    return minLearningRate + ((learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}

/** Ramps linearly up to the inner schedule's first rate over warmupSteps, then follows it. */
export function withLinearWarmup(inner: LearningRateSchedule, warmupSteps: number): LearningRateSchedule {
  if (!(warmupSteps >= 0)) throw new RangeError(`warmup steps must be >= 0, got ${warmupSteps}`);
  if (warmupSteps === 0) return inner;
  const peak = inner(0);
  return (step) => (step < warmupSteps ? (peak * (step + 1)) / warmupSteps : inner(step - warmupSteps));
}

/** Builds a schedule from its config; `totalSteps` is the run's number of updates. */
export function createLearningRateSchedule(
  config: LearningRateScheduleConfig,
  totalSteps: number,
): LearningRateSchedule {
  const warmup = config.warmupSteps ?? 0;
  let inner: LearningRateSchedule;
  switch (config.kind) {
    case 'constant':
      inner = constantSchedule(config.learningRate);
      break;
    case 'step':
      inner = stepDecaySchedule(config.learningRate, config.stepSize, config.gamma);
      break;
    case 'cosine':
      inner = cosineSchedule(
        config.learningRate,
        Math.max(1, (config.totalSteps ?? totalSteps) - warmup),
        config.minLearningRate ?? 0,
      );
      break;
  }
  return withLinearWarmup(inner, warmup);
}

function assertRate(learningRate: number): void {
  if (!(learningRate >= 0 && Number.isFinite(learningRate)))
    throw new RangeError(`learning rate must be finite and >= 0, got ${learningRate}`);
}
