// Knowledge distillation (Hinton, Vinyals & Dean 2015): a student learns from a teacher's softened
// probabilities mixed with the hard labels. The teacher is anything that gives probabilities (a GBDT,
// a bigger network) and may read other features than the student: pass its probabilities directly.
import type { ModelInput } from '../models/linear/model-input.js';
import { distillationLoss, temperTeacherProbabilities } from './classification-loss.js';
import { trainClassifier, type TrainingOptions, type TrainingReport } from './minibatch-trainer.js';
import type { TrainableClassifier, TrainingExample } from './trainable-classifier.js';

/** A teacher's probability row: [P(y=1)] or [P(0), P(1)] for binary, the distribution otherwise. */
export interface ProbabilityTeacher {
  predictProba(x: ModelInput): ArrayLike<number>;
}

export interface DistillationOptions extends Omit<TrainingOptions, 'loss'> {
  /** Softening temperature T (Hinton et al. use 1-20; 2-5 is common). */
  temperature: number;
  /** Weight of the soft (teacher) term; the hard labels get 1 - softWeight. */
  softWeight: number;
  /** The teacher, asked once per training example... */
  teacher?: ProbabilityTeacher;
  /** ...or its probabilities, one row per training example, in order. */
  teacherProbabilities?: readonly ArrayLike<number>[];
}

export function distillClassifier(
  student: TrainableClassifier,
  train: readonly TrainingExample[],
  options: DistillationOptions,
): TrainingReport {
  const { teacher, teacherProbabilities, temperature, softWeight, ...training } = options;
  if (!teacher === !teacherProbabilities) throw new RangeError('give either a teacher or its probabilities');
  if (teacherProbabilities && teacherProbabilities.length !== train.length)
    throw new RangeError('one teacher probability row per training example');
  const classes = student.classCount;
  // The teacher is asked once: a GBDT's predictions cost far more than a student's step.
  const softened = train.map((example, i) => {
    const row = teacherProbabilities ? teacherProbabilities[i] : teacher!.predictProba(example.x);
    const soft = temperTeacherProbabilities(row, temperature);
    if (soft.length !== classes)
      throw new RangeError(`teacher gives ${soft.length} classes, the student has ${classes}`);
    return { x: example.x, label: example.label, soft };
  });
  return trainClassifier(student, softened, {
    ...training,
    label: training.label ?? 'distill',
    loss: distillationLoss({ temperature, softWeight }),
  });
}
