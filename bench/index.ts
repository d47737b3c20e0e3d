// Benchmarks: `npm run -s bench -- <name> --json`. Each prints progress to stderr and returns the
// figures; the bench command prints them as one JSON object on the last line of stdout.
import type { Benchmark } from './benchmark.js';

export type { Benchmark };

export const benchmarks: Record<string, { description: string; run: () => Promise<{ default: Benchmark }> }> =
  {
    ner: {
      description: 'medical NER: tokens/s of the tagger through the engine, documents/s end to end',
      run: () => import('./ner.bench.js'),
    },
    deid: {
      description:
        'real PhysioNet dev notes through POST /v1/documents (de-identification, NER, name memory, PostgreSQL) at concurrency 1 and 4: notes/s, p50/p99; DeidService in process as the reference',
      run: () => import('./deid.bench.js'),
    },
    textpath: {
      description:
        'adversarial text (repeated separators, huge tokens, alternating classes) through POST /v1/documents: µs/char vs ordinary notes, slowest /health/live meanwhile',
      run: () => import('./textpath.bench.js'),
    },
    intent: {
      description:
        'Banking77 intents: our model (libs/ml + libs/inference) vs NLP.js trained on the same split: accuracy, training time, predictions/s',
      run: () => import('./intent.bench.js'),
    },
    inference: {
      description:
        'libs/inference: unbatched vs batched throughput at concurrency 1/16/64, latency, event-loop lag, L1/L2 hits, fp32 vs int8',
      run: () => import('./inference.bench.js'),
    },
    risk: {
      description:
        'risk scoring API: req/s and p50/p99 at concurrency 1/16/64 vs a bare node:http server doing the same work',
      run: () => import('./risk.bench.js'),
    },
    load: {
      description:
        "each service's main endpoint under a closed-loop and an arrival-rate load: req/s, p50/p95/p99, errors, event-loop lag",
      run: () => import('./load.bench.js'),
    },
    ocr: {
      description:
        'receipt OCR on held-out SROIE: ours (PP-OCRv4 via libs/inference) vs @gutenye/ocr-node (same weights) vs tesseract.js: character accuracy, field F1, s/receipt',
      run: () => import('./ocr.bench.js'),
    },
    ml: {
      description:
        'libs/ml training examples/s: logistic and softmax (2^18 hashed), GBDT (credit-default), tagger (BC5CDR)',
      run: () => import('./ml.bench.js'),
    },
  };
