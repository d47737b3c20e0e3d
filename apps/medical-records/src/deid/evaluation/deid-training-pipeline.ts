// De-identification as served, for its trainer (@suite/medical-models/training's trainDeidModel,
// which does not import the service; the CLI passes this in): selection scores the rules and a
// candidate tagger combined as detectPhiSpans combines them, and dev scores the written model
// through the engine.
import type { BratDocument } from '@suite/ml';
import {
  type CombinationPolicy,
  type DeidLanguage,
  type DeidModelSpec,
  type DeidScores,
  type EmissionScorer,
  type ScoreWrittenParams,
  scoreDeid,
  type WrittenModelScores,
} from '@suite/medical-models';
import { loadDeidModel, phiTaggerFor } from '../model/deid-model-loader.js';
import { combinePhiSpans, detectPhiSpans, finishEnglishSpans } from '../phi-detection.js';
import { withoutNonPhiWords } from '../rules/english-name-scan.js';
import { detectPhiByRules } from '../rules/phi-rules.js';
import { evaluateDeid, labelledPredictions } from './deid-evaluation.js';

/** Scores of each combination policy on BRAT documents (tagger and rules run once). */
async function scorePolicies(
  spec: DeidModelSpec,
  scorer: EmissionScorer,
  documents: readonly BratDocument[],
  language: DeidLanguage,
  policies: readonly CombinationPolicy[],
): Promise<DeidScores[]> {
  return (await policyPredictions(spec, scorer, documents, language, policies)).map((docs) =>
    scoreDeid(docs),
  );
}

type ScoredDocument = Parameters<typeof scoreDeid>[0][number];

/** Per policy, each document's gold and served predictions (to score, or to pool across folds). */
async function policyPredictions(
  spec: DeidModelSpec,
  scorer: EmissionScorer,
  documents: readonly BratDocument[],
  language: DeidLanguage,
  policies: readonly CombinationPolicy[],
): Promise<ScoredDocument[][]> {
  const tagger = phiTaggerFor(spec, scorer);
  const runs = await Promise.all(
    documents.map(async (d) => ({
      d,
      rules: detectPhiByRules(d.text, language),
      model:
        language === 'en'
          ? withoutNonPhiWords(d.text, await tagger.detect(d.text, language))
          : await tagger.detect(d.text, language),
    })),
  );
  return policies.map((policy) =>
    runs.map(({ d, rules, model }) => {
      // As served (detectPhiSpans): English removes a rule span the tagger cut short whole.
      const combined = combinePhiSpans(d.text, rules, model, policy);
      return {
        gold: d.entities.map((e) => ({ type: e.type, start: e.start, end: e.end })),
        predicted: labelledPredictions(
          language === 'en' ? finishEnglishSpans(d.text, combined, rules) : combined,
          'meddocan',
        ),
        text: d.text,
      };
    }),
  );
}

/** The written model through the engine on `documents`: rules + model, rules alone, model alone. */
async function scoreWritten(params: ScoreWrittenParams): Promise<WrittenModelScores> {
  const { documents, language, log } = params;
  const served = await loadDeidModel({
    modelsDir: params.modelsDir,
    name: params.name,
    version: params.version,
    logger: { log, warn: log },
  });
  try {
    const rulesAndModel = await evaluateDeid({
      documents,
      language,
      detect: (t, l) => detectPhiSpans(t, l, served.tagger, params.policy),
    });
    const rulesOnly = await evaluateDeid({
      documents,
      language,
      detect: (t, l) => detectPhiSpans(t, l, null),
    });
    const modelOnly = await evaluateDeid({
      documents,
      language,
      detect: (t, l) => served.tagger.detect(t, l),
    });
    return { rulesAndModel, rulesOnly, modelOnly };
  } finally {
    await served.close();
  }
}

export const deidTrainingPipeline = { scorePolicies, policyPredictions, scoreWritten };
