import { Writable } from 'node:stream';
import { TrainingProgress } from './training-progress.js';

class CapturingStream extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function runEpochs(sut: TrainingProgress): void {
  sut.trainingStarted({ label: 'intent', epochs: 2, stepsPerEpoch: 3, examples: 90 });
  for (let e = 1; e <= 2; e++) {
    for (let s = 1; s <= 3; s++)
      sut.stepCompleted({ epoch: e, stepInEpoch: s, step: (e - 1) * 3 + s, loss: 1 / s });
    sut.epochCompleted({
      epoch: e,
      trainLoss: 0.5 / e,
      learningRate: 0.01,
      devMetric: 0.4 / e,
      devMetricName: 'dev_log_loss',
      improved: true,
    });
  }
  sut.trainingFinished({
    epochsRun: 2,
    steps: 6,
    examplesPerSecond: 1234.4,
    stoppedEarly: false,
    epsilon: 2.5,
  });
}

describe('TrainingProgress', () => {
  it('writes one plain line per epoch when the stream is not a terminal', () => {
    const stream = new CapturingStream(false);
    runEpochs(new TrainingProgress({ stream }));
    expect(stream.text.split('\n')).toEqual([
      'intent: 90 examples, 2 epochs of 3 steps',
      'intent: epoch 1/2 loss 0.5000 lr 0.0100 dev_log_loss 0.4000 *',
      'intent: epoch 2/2 loss 0.2500 lr 0.0100 dev_log_loss 0.2000 *',
      'intent: done after 2 epochs (6 steps), 1234 examples/s, epsilon 2.500',
      '',
    ]);
  });

  it('draws progress bars with loss and dev metric on a terminal', () => {
    const stream = new CapturingStream(true);
    let now = 0;
    runEpochs(new TrainingProgress({ stream, clock: () => (now += 50) }));
    expect(stream.text).toContain('intent epochs [');
    expect(stream.text).toContain('2/2 | loss 0.2500 dev_log_loss 0.2000 *');
    expect(stream.text).toContain('done after 2 epochs');
  });

  it('stops the bars and says why when training fails', () => {
    const stream = new CapturingStream(true);
    const sut = new TrainingProgress({ stream });
    sut.trainingStarted({ label: 'ner', epochs: 3, stepsPerEpoch: 10, examples: 100 });
    sut.trainingAborted(new RangeError('bad label'));
    expect(stream.text.endsWith('ner: failed: bad label\n')).toBe(true);
  });

  it('writes nothing when silent', () => {
    const stream = new CapturingStream(true);
    runEpochs(new TrainingProgress({ stream, mode: 'silent' }));
    expect(stream.text).toBe('');
  });
});
