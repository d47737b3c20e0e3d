// @suite/medical-models/training: medical-records' offline training (NER and de-identification
// trainers and recipes, corpus readers, tagger-only evaluation, synthetic notes). Imported by the CLI,
// the benches and specs only, never by the service (eslint.config.mjs, boundaries).
export {
  DEID_MODEL_NAME,
  ENGLISH_DEID_MODEL_NAME,
  MEDDOCAN_CORPUS,
  PHYSIONET_CORPUS,
  type DeidTrainingPipeline,
  trainDeidModel,
} from './deid/deid-model-training.js';
export { buildEnglishGazetteer } from './deid/english-gazetteer-builder.js';
export { EnglishNoteGenerator } from './deid/synthetic/english-note-generator.js';
export { labelledWords, readNerCorpus } from './ner/corpus/ner-corpus.js';
export { evaluateTaggerOnCorpus } from './ner/evaluation/ner-evaluation.js';
export { type ServedNerModels, trainNerModel } from './ner/ner-model-training.js';
export { writeNerModelVersion } from './ner/ner-model-writer.js';
export { weightsEmissionScorer } from './ner/weights-emission-scorer.js';
export { NER_MODEL_NAMES, NER_RECIPES, type NerModelName } from './ner/ner-recipes.js';
export { buildTrainingSet } from './ner/ner-training-data.js';
export { GenericWordTokenizer } from './tokenizer/generic-word-tokenizer.js';
