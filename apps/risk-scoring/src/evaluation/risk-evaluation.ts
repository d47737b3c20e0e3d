// `eval risk`: scores a UCI-format CSV with a shipped risk model through libs/inference (a private
// engine, no database) and reports AUC, KS, Brier and calibration; optionally writes ID,probability.
import { writeFile } from 'node:fs/promises';
import { evaluateProbabilities, formatCsv, roundFigures } from '@suite/ml';
import { readCreditDefaultCsv } from '@suite/risk-models';
import { openRiskModel } from '../model-registry/risk-model-scorer.js';

export interface RiskEvaluationOptions {
  dataPath: string;
  modelsDir: string;
  version?: string;
  predictionsPath?: string;
  log: (message: string) => void;
}

export async function evaluateRiskModel(options: RiskEvaluationOptions): Promise<Record<string, unknown>> {
  const rows = await readCreditDefaultCsv({ path: options.dataPath });
  options.log(`${options.dataPath}: ${rows.length} applicants`);
  const opened = await openRiskModel({
    modelsDir: options.modelsDir,
    version: options.version,
    logger: { log: options.log, warn: options.log },
  });
  try {
    const { card } = opened.scorer;
    options.log(`scoring with ${card.name}/${card.version}`);
    const scored = await opened.scorer.scoreApplicants(rows.map((r) => r.record));
    const probabilities = scored.map((s) => s.probability);
    if (options.predictionsPath) {
      await writeFile(
        options.predictionsPath,
        formatCsv([
          ['ID', 'probability'],
          ...rows.map((r, i) => [r.id, Number(probabilities[i].toFixed(6))]),
        ]),
      );
      options.log(`predictions written to ${options.predictionsPath}`);
    }
    const labelled = rows.every((r) => r.label !== undefined);
    if (!labelled) options.log('the file has no "default payment next month" column: no figures');
    const figures = labelled
      ? evaluateProbabilities(
          rows.map((r) => r.label ?? 0),
          probabilities,
        )
      : undefined;
    return roundFigures({
      model: card.name,
      version: card.version,
      n: rows.length,
      ...(figures && {
        auc: figures.auc,
        ks: figures.ks,
        brier: figures.brier,
        ece: figures.ece,
        defaults: figures.defaults,
        calibration: figures.calibration,
      }),
    });
  } finally {
    await opened.close();
  }
}
