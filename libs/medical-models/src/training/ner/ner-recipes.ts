// The shipped NER models and how each is built: corpus, entity types, features, learner. Every
// number here is fixed before looking at dev; the non-private models pick epochs and abbreviation
// propagation on a held-out part of train, the DP model takes its hyperparameters as given
// (tuning them on the private data would spend privacy the accountant does not see).
import { DEFAULT_FEATURE_CONFIG, type NerFeatureConfig } from '../../ner/features/ner-featurizer.js';

export const NER_MODEL_NAMES = ['bc5cdr', 'ncbi-disease', 'bc5cdr-dp'] as const;
export type NerModelName = (typeof NER_MODEL_NAMES)[number];

export interface CorpusInfo {
  folder: 'bc5cdr' | 'ncbi-disease';
  types: string[];
  description: string;
  citation: string;
}

export const CORPORA: Record<CorpusInfo['folder'], CorpusInfo> = {
  bc5cdr: {
    folder: 'bc5cdr',
    types: ['Chemical', 'Disease'],
    description: 'BioCreative V CDR corpus (PubMed abstracts), Chemical and Disease mentions, IOB',
    citation:
      'Li et al. (2016) BioCreative V CDR task corpus, Database baw068; IOB by Crichton et al. (2017) BMC Bioinformatics 18:368',
  },
  'ncbi-disease': {
    folder: 'ncbi-disease',
    types: ['Disease'],
    description: 'NCBI disease corpus (PubMed abstracts), Disease mentions, IOB',
    citation:
      'Doğan, Leaman & Lu (2014) J Biomed Inform 47:1-10; IOB by Crichton et al. (2017) BMC Bioinformatics 18:368',
  },
};

export interface DpSettings {
  epsilon: number;
  delta: number;
  clipNorm: number;
  sampleRate: number;
  epochs: number;
  learningRate: number;
  optimizer: 'adam' | 'momentum';
  emaDecay: number;
  /** Emission parameters tied across B/I/E/S of a type (TagScheme.tiedColumns). */
  tiedEmissions: boolean;
  /** Sentences after a definition that abbreviations reach (post-processing: no privacy cost). */
  abbreviationWindow: number | null;
}

export interface NerRecipe {
  name: NerModelName;
  corpus: CorpusInfo;
  features: NerFeatureConfig;
  /** Perceptron epochs tried on the validation part. */
  maxEpochs?: number;
  dp?: DpSettings;
}

export const DEFAULT_DP_SETTINGS: DpSettings = {
  epsilon: 8,
  delta: 1e-5,
  clipNorm: 1,
  sampleRate: 0.25,
  epochs: 30,
  learningRate: 0.02,
  optimizer: 'adam',
  emaDecay: 0.9,
  tiedEmissions: true,
  abbreviationWindow: 10,
};

export const NER_RECIPES: Record<NerModelName, NerRecipe> = {
  bc5cdr: {
    name: 'bc5cdr',
    corpus: CORPORA.bc5cdr,
    features: { ...DEFAULT_FEATURE_CONFIG, bits: 17 },
    maxEpochs: 8,
  },
  'ncbi-disease': {
    name: 'ncbi-disease',
    corpus: CORPORA['ncbi-disease'],
    features: { ...DEFAULT_FEATURE_CONFIG, bits: 17 },
    maxEpochs: 8,
  },
  'bc5cdr-dp': {
    name: 'bc5cdr-dp',
    corpus: CORPORA.bc5cdr,
    // No lexicon: one learnt from the training sentences would publish them outside the DP guarantee.
    features: { ...DEFAULT_FEATURE_CONFIG, bits: 15, window: 1, charNgrams: [3], lexicon: false },
    dp: DEFAULT_DP_SETTINGS,
  },
};
