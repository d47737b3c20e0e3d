// What a person sees while a model trains: cli-progress bars (epochs, steps, loss, dev metric) when
// stderr is a terminal, one plain line per epoch when it is a log file or a pipe, nothing in tests.
import cliProgress from 'cli-progress';

export interface TrainingStartInfo {
  label: string;
  epochs: number;
  stepsPerEpoch: number;
  examples: number;
}

export interface TrainingStepInfo {
  epoch: number;
  /** 1-based step within the epoch, and over the run. */
  stepInEpoch: number;
  step: number;
  /** Mean loss of this step's batch (NaN for an empty batch). */
  loss: number;
}

export interface EpochSummary {
  epoch: number;
  /** Mean per-example training loss over the epoch. */
  trainLoss: number;
  learningRate: number;
  devMetric?: number;
  devMetricName?: string;
  /** Whether the dev metric improved on the best so far. */
  improved?: boolean;
}

export interface TrainingFinishSummary {
  epochsRun: number;
  steps: number;
  examplesPerSecond: number;
  stoppedEarly: boolean;
  bestEpoch?: number;
  /** Privacy spent, for DP runs. */
  epsilon?: number;
}

/** Trainers report to this; every method is optional in effect (a silent reporter does nothing). */
export interface TrainingProgressListener {
  trainingStarted(info: TrainingStartInfo): void;
  stepCompleted(info: TrainingStepInfo): void;
  epochCompleted(summary: EpochSummary): void;
  trainingFinished(summary: TrainingFinishSummary): void;
  /** Training threw: release the terminal (bars keep a redraw timer alive until stopped). */
  trainingAborted(error: unknown): void;
}

export const silentProgress: TrainingProgressListener = {
  trainingStarted: () => undefined,
  stepCompleted: () => undefined,
  epochCompleted: () => undefined,
  trainingFinished: () => undefined,
  trainingAborted: () => undefined,
};

export type TrainingProgressMode = 'auto' | 'bars' | 'lines' | 'silent';

export interface TrainingProgressOptions {
  /** auto: bars on a TTY, lines otherwise. */
  mode?: TrainingProgressMode;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Milliseconds between bar redraws; training is synchronous, so redraws are driven from here. */
  redrawIntervalMs?: number;
  clock?: () => number;
}

export class TrainingProgress implements TrainingProgressListener {
  private readonly mode: Exclude<TrainingProgressMode, 'auto'>;
  private readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly clock: () => number;
  private readonly redrawIntervalMs: number;
  private bars: cliProgress.MultiBar | undefined;
  private epochBar: cliProgress.SingleBar | undefined;
  private stepBar: cliProgress.SingleBar | undefined;
  private label = 'train';
  private epochs = 0;
  private lastRedraw = -Infinity;
  private devText = '';

  constructor(options: TrainingProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    const mode = options.mode ?? 'auto';
    this.mode = mode === 'auto' ? (this.stream.isTTY ? 'bars' : 'lines') : mode;
    this.clock = options.clock ?? (() => performance.now());
    this.redrawIntervalMs = options.redrawIntervalMs ?? 100;
  }

  trainingStarted(info: TrainingStartInfo): void {
    this.label = info.label;
    this.epochs = info.epochs;
    if (this.mode === 'lines') {
      this.write(
        `${info.label}: ${info.examples} examples, ${info.epochs} epochs of ${info.stepsPerEpoch} steps`,
      );
    } else if (this.mode === 'bars') {
      this.bars = new cliProgress.MultiBar(
        {
          stream: this.stream,
          format: `${info.label} {name} [{bar}] {value}/{total} | loss {loss} {dev}`,
          hideCursor: true,
          clearOnComplete: false,
          gracefulExit: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.epochBar = this.bars.create(info.epochs, 0, { name: 'epochs', loss: '-', dev: '' });
      this.stepBar = this.bars.create(info.stepsPerEpoch, 0, { name: 'steps ', loss: '-', dev: '' });
    }
  }

  stepCompleted(info: TrainingStepInfo): void {
    if (!this.bars) return;
    const loss = Number.isNaN(info.loss) ? '-' : info.loss.toFixed(4);
    this.stepBar?.update(info.stepInEpoch, { loss, dev: this.devText });
    const now = this.clock();
    if (now - this.lastRedraw >= this.redrawIntervalMs) {
      this.lastRedraw = now;
      this.bars.update();
    }
  }

  epochCompleted(summary: EpochSummary): void {
    const dev =
      summary.devMetric === undefined
        ? ''
        : `${summary.devMetricName ?? 'dev'} ${summary.devMetric.toFixed(4)}${summary.improved ? ' *' : ''}`;
    if (this.mode === 'lines') {
      this.write(
        `${this.label}: epoch ${summary.epoch}/${this.epochs} loss ${summary.trainLoss.toFixed(4)} ` +
          `lr ${summary.learningRate.toPrecision(3)}${dev ? ` ${dev}` : ''}`,
      );
    } else if (this.bars) {
      this.devText = dev;
      this.epochBar?.update(summary.epoch, { loss: summary.trainLoss.toFixed(4), dev });
      this.stepBar?.update(0, { dev });
      this.bars.update();
    }
  }

  trainingFinished(summary: TrainingFinishSummary): void {
    if (this.bars) {
      this.bars.update();
      this.bars.stop();
      this.bars = undefined;
    }
    if (this.mode === 'silent') return;
    const parts = [
      `${this.label}: done after ${summary.epochsRun} epochs (${summary.steps} steps)`,
      `${Math.round(summary.examplesPerSecond)} examples/s`,
    ];
    if (summary.stoppedEarly) parts.push(`stopped early, best epoch ${summary.bestEpoch}`);
    if (summary.epsilon !== undefined) parts.push(`epsilon ${summary.epsilon.toFixed(3)}`);
    this.write(parts.join(', '));
  }

  trainingAborted(error: unknown): void {
    this.bars?.stop();
    this.bars = undefined;
    if (this.mode === 'silent') return;
    this.write(`${this.label}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  private write(line: string): void {
    this.stream.write(`${line}\n`);
  }
}
