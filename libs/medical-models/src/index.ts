// The surface of @suite/medical-models shared by medical-records' serving and its training
// (./training): what the ONNX models read and the trainers write (tokenizers, NER features and tag
// scheme, the emission graph's I/O, the NER and de-identification model specs and cards, the PHI
// labels the tagger learns, the English gazetteer the features name) and the de-identification
// scores both report. Add a name here when a caller needs it.
export { type DeidScores, type LabelledSpan, scoreDeid } from './deid/evaluation/deid-metrics.js';
export {
  EnglishGazetteer,
  GAZETTEER_FLAGS,
  GAZETTEER_PATH,
  englishGazetteer,
} from './deid/gazetteer/english-gazetteer.js';
export {
  ENGLISH_LABELS,
  type EnglishLabel,
  isMeddocanLabel,
  MEDDOCAN_LABELS,
  type MeddocanLabel,
} from './deid/deid-labels.js';
export {
  type CombinationPolicy,
  DEFAULT_COMBINATION,
  DEID_TASK,
  type DeidLanguage,
  type DeidModelCard,
  type DeidModelSpec,
  deidModelSpecSchema,
  type ScoreWrittenParams,
  type WrittenModelScores,
} from './deid/model/deid-model-spec.js';
export { DeidTokenizer, splitDeidSentences } from './deid/model/deid-text-segmentation.js';
export {
  DEFAULT_FEATURE_CONFIG,
  NerFeaturizer,
  type SentenceFeatures,
} from './ner/features/ner-featurizer.js';
export { EMISSION_INPUT, EMISSION_OUTPUT, buildEmissionModel } from './ner/model/emission-model.onnx.js';
export { type NerModelCard, type NerModelSpec, nerModelSpecSchema } from './ner/model/ner-model-spec.js';
export { type EmissionScorer, NerTagger } from './ner/ner-tagger.js';
export { TagScheme } from './ner/tagging/tag-scheme.js';
export { MedicalTokenizer } from './tokenizer/medical-tokenizer.js';
export { splitSentences } from './tokenizer/sentence-splitter.js';
export { TimeSlice } from './tokenizer/time-slice.js';
export { type Tokenizer, tokenizeInSlices } from './tokenizer/token.js';
