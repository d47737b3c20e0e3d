import { crossEntropyLoss, distillationLoss, temperTeacherProbabilities } from './classification-loss.js';
import type { ClassificationLoss, TrainingExample } from './trainable-classifier.js';

function numericLogitGradient(
  loss: ClassificationLoss,
  logits: Float64Array,
  example: TrainingExample,
): number[] {
  const scratch = new Float64Array(logits.length);
  return Array.from(logits, (_, k) => {
    const up = Float64Array.from(logits);
    const down = Float64Array.from(logits);
    up[k] += 1e-6;
    down[k] -= 1e-6;
    return (loss.lossAndGradient(up, example, scratch) - loss.lossAndGradient(down, example, scratch)) / 2e-6;
  });
}

describe('classification losses', () => {
  it('gives -log p(label) and p - onehot for softmax logits', () => {
    const grad = new Float64Array(3);
    const loss = crossEntropyLoss.lossAndGradient(Float64Array.of(1, 2, 3), { x: [], label: 0 }, grad);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(loss).toBeCloseTo(-Math.log(Math.exp(1) / z), 14);
    expect(grad[0]).toBeCloseTo(Math.exp(1) / z - 1, 14);
  });

  it('stays finite for extreme binary logits', () => {
    const grad = new Float64Array(1);
    expect(crossEntropyLoss.lossAndGradient(Float64Array.of(800), { x: [], label: 0 }, grad)).toBeCloseTo(
      800,
      10,
    );
    expect(grad[0]).toBeCloseTo(1, 15);
  });

  it.each([
    { logits: [0.7], soft: [0.2, 0.8], label: 0, temperature: 3, softWeight: 0.6 },
    { logits: [-1.5], soft: [0.9, 0.1], label: 1, temperature: 1, softWeight: 1 },
    { logits: [0.3, -1, 2, 0.1], soft: [0.1, 0.2, 0.6, 0.1], label: 3, temperature: 4, softWeight: 0.5 },
  ])('distillation gradient matches finite differences (T=$temperature, a=$softWeight)', (c) => {
    const sut = distillationLoss(c);
    const example = { x: [], label: c.label, soft: Float64Array.from(c.soft) };
    const logits = Float64Array.from(c.logits);
    const grad = new Float64Array(logits.length);
    sut.lossAndGradient(logits, example, grad);
    numericLogitGradient(sut, logits, example).forEach((g, k) => expect(grad[k]).toBeCloseTo(g, 7));
  });

  it('has zero soft loss when the tempered student equals the teacher', () => {
    const sut = distillationLoss({ temperature: 2, softWeight: 1 });
    const logits = Float64Array.of(0.4, 1.2, -0.3);
    const soft = temperTeacherProbabilities(
      Array.from(logits, (z) => Math.exp(z) / logits.reduce((s, v) => s + Math.exp(v), 0)),
      2,
    );
    const grad = new Float64Array(3);
    expect(sut.lossAndGradient(logits, { x: [], label: 0, soft }, grad)).toBeCloseTo(0, 12);
    grad.forEach((g) => expect(g).toBeCloseTo(0, 12));
  });

  it('softens a teacher row and reads a single value as binary P(y=1)', () => {
    expect(Array.from(temperTeacherProbabilities([0.8], 1))).toEqual([
      expect.closeTo(0.2, 12),
      expect.closeTo(0.8, 12),
    ]);
    const soft = temperTeacherProbabilities([0.2, 0.8], 2);
    expect(soft[1]).toBeCloseTo(Math.sqrt(0.8) / (Math.sqrt(0.8) + Math.sqrt(0.2)), 12);
    expect(() => temperTeacherProbabilities([1.5], 1)).toThrow(RangeError);
  });

  it('refuses to distil without a soft target', () => {
    const sut = distillationLoss({ temperature: 2, softWeight: 0.5 });
    expect(() => sut.lossAndGradient(Float64Array.of(0), { x: [], label: 1 }, new Float64Array(1))).toThrow(
      RangeError,
    );
  });
});
