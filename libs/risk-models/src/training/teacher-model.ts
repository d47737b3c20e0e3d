// The teacher: the strongest model we train (gradient-boosted trees on the dense features), used to
// distil the served student and reported on the card beside it. It is not served.
export interface TeacherModel {
  readonly description: string;
  predictProbability(row: Float32Array): number;
}

export interface TeacherTrainingData {
  rows: Float32Array[];
  labels: number[];
  featureNames: string[];
}

export interface TeacherTrainer {
  train(
    fit: TeacherTrainingData,
    validation: TeacherTrainingData,
    log: (message: string) => void,
  ): TeacherModel;
}
