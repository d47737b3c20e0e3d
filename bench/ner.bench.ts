// NER throughput: tokens/s of the tagger alone (features -> ONNX emissions through libs/inference's
// engine -> Viterbi and confidences, on pre-tokenised dev sentences; emissionTokensPerSecond is the
// engine's part alone) and documents/s end to end through NerService
// (tokenizer, sentence split, tagger, abbreviations, offsets) on abstract-sized documents rebuilt
// from devel.tsv; and documents/s through the documents API (the real AppModule and HTTP stack over a
// socket: de-identification, NER, PostgreSQL in a scratch database), 8 clients at a time.
import { performance } from 'node:perf_hooks';
import { openInferenceBackend } from '@suite/inference';
import { readNerCorpus } from '@suite/medical-models/training';
import { engineEmissionScorer } from '../apps/medical-records/src/ner/model/emission-scorers.js';
import { loadNerModel } from '../apps/medical-records/src/ner/model/ner-model-loader.js';
import { NerService } from '../apps/medical-records/src/ner/ner.service.js';
import { MedicalTokenizer } from '@suite/medical-models';
import type { Benchmark } from './benchmark.js';
import { startMedicalService } from './support/medical-service.js';

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
  // Outside Nest: the service gets an engine of the bench's own, as InferenceModule would give it.
  const engine = await openInferenceBackend({ modelsDir, models: {}, logger: { log, warn: log } });
  const service = new NerService({ modelsDir, model: name }, engine);
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
    await engine.close();
  }
  const api = await documentsThroughApi(documents);
  return {
    model: name,
    tokensPerSecond: Math.round(tokensPerSecond),
    emissionTokensPerSecond: Math.round(emissionTokensPerSecond),
    documentsPerSecond: api.documentsPerSecond,
    documentsThrough: 'POST /v1/documents (de-identification, NER, PostgreSQL), 8 concurrent clients',
    serviceDocumentsPerSecond: Math.round(documentsPerSecond * 100) / 100,
    apiP50Ms: api.p50Ms,
    apiP99Ms: api.p99Ms,
    sentences: sentences.length,
    tokens,
    documents: documents.length,
    entitiesFound: entities,
  };
};

async function documentsThroughApi(
  documents: string[],
): Promise<{ documentsPerSecond: number; p50Ms: number; p99Ms: number }> {
  const service = await startMedicalService('ner_bench');
  const { key } = service;
  try {
    const url = `${service.base}/v1/documents`;
    const post = async (text: string): Promise<number> => {
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ text, language: 'en' }),
      });
      if (res.status !== 201) throw new Error(`POST /v1/documents answered ${res.status}`);
      await res.arrayBuffer();
      return performance.now() - started;
    };
    await post(documents[0]);
    log(`documents API: ${documents.length} documents, 8 clients`);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < documents.length) latencies.push(await post(documents[next++]));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]);
    return {
      documentsPerSecond: Math.round((documents.length / seconds) * 100) / 100,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  } finally {
    await service.close();
  }
}

export default run;
