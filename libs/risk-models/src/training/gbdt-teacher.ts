// The teacher: libs/ml's histogram gradient-boosted trees on the dense teacher features, early-stopped
// on the calibration part. Depth and leaf size were chosen on the calibration part's log loss.
import { type GradientBoostingOptions, tabularMatrix, trainGradientBoostedTrees } from '@suite/ml';
import type { TeacherModel, TeacherTrainer, TeacherTrainingData } from './teacher-model.js';

export const GBDT_OPTIONS: GradientBoostingOptions = {
  rounds: 800,
  learningRate: 0.05,
  maxLeaves: 15,
  maxDepth: 4,
  minDataInLeaf: 50,
  lambda: 1,
  subsample: 0.8,
  colsample: 0.8,
  maxBins: 64,
  earlyStoppingRounds: 50,
  seed: 20261128,
};

export function gbdtTeacherTrainer(options: GradientBoostingOptions = GBDT_OPTIONS): TeacherTrainer {
  return {
    train(
      fit: TeacherTrainingData,
      validation: TeacherTrainingData,
      log: (message: string) => void,
    ): TeacherModel {
      const matrix = (d: TeacherTrainingData) => ({
        x: tabularMatrix(d.rows.map((r) => Array.from(r))),
        y: d.labels,
      });
      const { model, report } = trainGradientBoostedTrees(
        matrix(fit),
        {
          ...options,
          featureNames: fit.featureNames,
          onRound: (r) => {
            if (r.round % 100 === 0)
              log(`gbdt round ${r.round}: validation log loss ${r.devLogLoss?.toFixed(5)}`);
          },
        },
        matrix(validation),
      );
      log(`gbdt: ${report.bestRound} trees kept${report.stoppedEarly ? ' (early stopping)' : ''}`);
      return {
        description:
          `libs/ml gradient-boosted trees: ${report.bestRound} trees, <= ${options.maxLeaves} leaves, depth <= ${options.maxDepth}, ` +
          `learning rate ${options.learningRate}, ${options.maxBins} bins, row/column subsample ${options.subsample}/${options.colsample}`,
        predictProbability: (row) => model.predictProbability(row),
      };
    },
  };
}
