// What customer-service's trainers (`@suite/support-models/training`, which imports neither serving nor
// the service) need of serving and of the service, bound here for `train intent` and `train invoice`:
// libs/inference's quantizer, engine and model repository writer, and the service's intent classifier
// and reply policy (stage figures on the card are the bot's, not a copy of its rules).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantizeOnnxModel, writeModelVersion } from '@suite/inference';
import type { ModelVersionWriter } from '@suite/support-models';
import type { IntentTrainingPorts } from '@suite/support-models/training';
import {
  DEFAULT_RULE_SET,
  evaluateStage,
  loadIntentModel,
  RuleEngine,
  type StageReport,
} from '../../customer-service/src/index.js';

/** libs/inference's writeModelVersion into `modelsDir`. */
export function modelVersionWriter(modelsDir: string): ModelVersionWriter {
  return (draft, onnx, options) => writeModelVersion(modelsDir, draft, onnx, options);
}

export function intentTrainingPorts(
  modelsDir: string,
  log: (message: string) => void,
): IntentTrainingPorts<StageReport> {
  return {
    quantize: (onnx) => quantizeOnnxModel(onnx, { mode: 'weight-only' }).bytes,
    // A scratch repository, removed on close, so that a failure leaves no half-described version behind.
    serve: async (draft, onnx) => {
      const scratch = await mkdtemp(join(tmpdir(), 'intent-model-'));
      const removeScratch = () => rm(scratch, { recursive: true, force: true });
      try {
        await writeModelVersion(scratch, draft, onnx);
        const served = await loadIntentModel({
          modelsDir: scratch,
          name: draft.name,
          logger: { log: () => undefined, warn: log },
        });
        return {
          rank: (texts, top) => served.classifier.rankIntentsOfMany(texts, top),
          close: () => served.close().finally(removeScratch),
        };
      } catch (err) {
        await removeScratch();
        throw err;
      }
    },
    evaluateStages: (rows, spec) => {
      const rules = new RuleEngine(DEFAULT_RULE_SET);
      return [evaluateStage(1, rows, rules, spec), evaluateStage(2, rows, rules, spec)];
    },
    write: modelVersionWriter(modelsDir),
  };
}
