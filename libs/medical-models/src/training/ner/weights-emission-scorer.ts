// Emission scores from weights in memory (training-time model selection): the same numbers as the
// exported graph gives through libs/inference (apps/medical-records' engineEmissionScorer).
import { emissionsOf, type TaggerWeights } from '@suite/ml';
import type { EmissionScorer } from '../../ner/ner-tagger.js';

export function weightsEmissionScorer(weights: TaggerWeights): EmissionScorer {
  return (sentences) => Promise.resolve(sentences.map((x) => emissionsOf(weights, x)));
}
