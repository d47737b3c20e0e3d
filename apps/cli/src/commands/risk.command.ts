import { writeModelVersion } from '@suite/inference';
import { gbdtTeacherTrainer, type RiskModelRepository, trainRiskModel } from '@suite/risk-models/training';
import type { Command } from 'commander';
import {
  evaluateRiskModel,
  newestRiskModelVersion,
  openRiskModel,
  retrainFromCli,
} from '../../../risk-scoring/src/index.js';
import { printResult, progress } from '../output.js';
import { commandGroup, evalCommand } from './command-groups.js';

// `train risk` rebuilds the risk model from data/credit-default (or, with --incremental, runs one
// champion/challenger retraining against the database, as the weekly job does); `eval risk` scores a
// UCI-format CSV (evaluation contract in ARCHITECTURE.md: no database needed).

interface TrainOptions {
  data: string;
  modelsDir: string;
  version?: string;
  overwrite?: boolean;
  teacher: boolean;
  incremental?: boolean;
  json?: boolean;
}

interface EvalOptions {
  data: string;
  modelsDir: string;
  version?: string;
  predictions?: string;
  json?: boolean;
}

/**
 * What training (libs/risk-models, which never imports the engine) needs of serving: libs/inference's
 * version writer, and the service's own scorer (encoder + engine), so that the card's figures are
 * those of the graph as served.
 */
export const riskModelRepository: RiskModelRepository = {
  writeVersion: (root, draft, onnx, options) => writeModelVersion(root, draft, onnx, options),
  openServed: async (modelsDir, version, log) => {
    const opened = await openRiskModel({ modelsDir, version, logger: { log, warn: log } });
    return {
      score: async (records) => (await opened.scorer.scoreApplicants(records)).map((s) => s.probability),
      close: () => opened.close(),
    };
  },
};

export function registerRiskCommand(program: Command): void {
  commandGroup(program, 'train')
    .command('risk')
    .description(
      'Train the credit-risk model (teacher GBDT, distilled monotone scorecard) from data/credit-default',
    )
    .option('--data <file>', 'UCI default-of-credit-card-clients CSV', 'data/credit-default/train.csv')
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write (default: the next number)')
    .option('--overwrite', 'replace the version if it exists')
    .option('--no-teacher', 'skip the teacher (the student learns from the labels alone)')
    .option(
      '--incremental',
      'run one champion/challenger retraining on recorded outcomes (needs the database)',
    )
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: TrainOptions) => {
      if (opts.incremental) {
        printResult(await retrainFromCli(progress), opts.json === true);
        return;
      }
      const version =
        opts.version ?? String(Number(await newestRiskModelVersion(opts.modelsDir).catch(() => '0')) + 1);
      const teacherTrainer = opts.teacher ? gbdtTeacherTrainer() : undefined;
      const { card, dir } = await trainRiskModel({
        dataPath: opts.data,
        modelsDir: opts.modelsDir,
        version,
        repository: riskModelRepository,
        overwrite: opts.overwrite,
        teacherTrainer,
        log: progress,
        command: `npm run cli -- train risk --version ${version}${opts.overwrite ? ' --overwrite' : ''}${opts.teacher ? '' : ' --no-teacher'}`,
      });
      printResult(
        { model: card.name, version: card.version, dir, metrics: card.metrics },
        opts.json === true,
      );
    });

  evalCommand(program, 'risk', {
    description: 'Score a risk model on a UCI default-of-credit-card-clients CSV (AUC, KS, Brier)',
    data: '--data <file>',
    dataHelp: 'CSV with the UCI columns (ID, LIMIT_BAL, PAY_0..., default payment next month)',
    predictionsHelp: 'write ID,probability for every input row',
  }).action(async (opts: EvalOptions) => {
    const result = await evaluateRiskModel({
      dataPath: opts.data,
      modelsDir: opts.modelsDir,
      version: opts.version,
      predictionsPath: opts.predictions,
      log: progress,
    });
    printResult(result, opts.json === true);
  });
}
