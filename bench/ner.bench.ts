// NER throughput: tokens/s of the tagger alone (features -> ONNX emissions through libs/inference's
// engine -> Viterbi and confidences, on pre-tokenised dev sentences; emissionTokensPerSecond is the
// engine's part alone) and documents/s end to end through NerService
// (tokenizer, sentence split, tagger, abbreviations, offsets) on abstract-sized documents rebuilt
// from devel.tsv. The documents API (de-identification + storage) is measured by its own bench.
import { performance } from 'node:perf_hooks';
import { readNerCorpus } from '../apps/medical-records/src/ner/corpus/ner-corpus.js';
import { engineEmissionScorer } from '../apps/medical-records/src/ner/model/emission-scorers.js';
import { loadNerModel } from '../apps/medical-records/src/ner/model/ner-model-loader.js';
import { NerService } from '../apps/medical-records/src/ner/ner.service.js';
import { MedicalTokenizer } from '../apps/medical-records/src/tokenizer/medical-tokenizer.js';
import type { Benchmark } from './index.js';

const SENTENCES = 1500;
const SENTENCES_PER_DOCUMENT = 10;
const DOCUMENTS = 60;

const log = (message: string): void => void process.stderr.write(`${message}\n`);

const run: Benchmark = async (args) => {
  const modelsDir = args.includes('--models-dir') ? args[args.indexOf('--models-dir') + 1] : 'models';
  const name = args.includes('--model') ? args[args.indexOf('--model') + 1] : 'bc5cdr';
  const dev = await readNerCorpus({ path: 'data/bc5cdr/devel.tsv' });
  const tokenizer = new MedicalTokenizer();
  const sentences = dev.slice(0, SENTENCES).map((s) => tokenizer.tokenize(s.text).map((t) => t.text));
  const tokens = sentences.reduce((n, s) => n + s.length, 0);

  const model = await loadNerModel({ modelsDir, name, logger: { log, warn: log } });
  let tokensPerSecond: number;
  let emissionTokensPerSecond: number;
  try {
    await model.tagger.tagSentences(sentences.slice(0, 50));
    log(`tagger: ${sentences.length} sentences, ${tokens} tokens through the engine`);
    const started = performance.now();
    await model.tagger.tagSentences(sentences);
    tokensPerSecond = tokens / ((performance.now() - started) / 1000);
    // The ONNX part alone: features computed beforehand, no decoding.
    const features = sentences.map((words) => model.tagger.featurizer.featurize(words));
    const scorer = engineEmissionScorer(model.backend, model.card.name, { version: model.card.version });
    const scoring = performance.now();
    await scorer(features);
    emissionTokensPerSecond = tokens / ((performance.now() - scoring) / 1000);
  } finally {
    await model.close();
  }

  const documents: string[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const part = dev.slice(d * SENTENCES_PER_DOCUMENT, (d + 1) * SENTENCES_PER_DOCUMENT);
    documents.push(part.map((s) => s.text).join(' '));
  }
  const service = new NerService({ modelsDir, model: name });
  let documentsPerSecond: number;
  let entities = 0;
  try {
    await service.onModuleInit();
    await service.extractEntities(documents[0]);
    log(`NerService: ${documents.length} documents of ${SENTENCES_PER_DOCUMENT} sentences, 8 at a time`);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < documents.length) {
          const found = await service.extractEntities(documents[next++]);
          entities += found.length;
        }
      }),
    );
    documentsPerSecond = documents.length / ((performance.now() - started) / 1000);
  } finally {
    await service.onModuleDestroy();
  }
  return {
    model: name,
    tokensPerSecond: Math.round(tokensPerSecond),
    emissionTokensPerSecond: Math.round(emissionTokensPerSecond),
    documentsPerSecond: Math.round(documentsPerSecond * 100) / 100,
    documentsThrough: 'NerService (the documents API is not measured here)',
    sentences: sentences.length,
    tokens,
    documents: documents.length,
    entitiesFound: entities,
  };
};

export default run;
