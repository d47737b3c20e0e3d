import { type Command } from 'commander';
import { classificationReport, formatCsv, TrainingProgress } from '@suite/ml';
import { writeFile } from 'node:fs/promises';
import { DEFAULT_INTENT_MODEL } from '@suite/support-models';
import { readIntentExamples, trainIntentModel } from '@suite/support-models/training';
import {
  loadIntentModel,
  evaluateStage,
  DEFAULT_RULE_SET,
  RuleEngine,
} from '../../../customer-service/src/index.js';
import { printResult, progress } from '../output.js';
import { intentTrainingPorts } from '../support-training.js';
import { commandGroup, evalCommand } from './command-groups.js';

// `train intent` rebuilds the shipped Banking77 intent model from data/banking77; `eval intent`
// scores a model on a Banking77 CSV (text,category) with no database, as ARCHITECTURE.md's
// evaluation contract asks, and reports how stage 1 (rules + model) and stage 2's first reply do.

interface TrainOptions {
  dataDir: string;
  modelsDir: string;
  version: string;
  overwrite?: boolean;
  devFile: string | false;
  json?: boolean;
}

interface EvalOptions {
  model: string;
  data: string;
  version?: string;
  modelsDir: string;
  predictions?: string;
  json?: boolean;
}

export function registerIntentCommand(program: Command): void {
  commandGroup(program, 'train')
    .command('intent')
    .description('Train the Banking77 intent model (customer service) from data/banking77')
    .option('--data-dir <dir>', 'folder holding banking77/', 'data')
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--version <v>', 'version folder to write', '1')
    .option('--overwrite', 'replace the version if it exists')
    .option(
      '--dev-file <path>',
      'where to write the held-out dev split (Banking77 CSV)',
      'data/banking77/dev.csv',
    )
    .option('--no-dev-file', 'do not write the dev split')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: TrainOptions) => {
      const { dir, card } = await trainIntentModel({
        ports: intentTrainingPorts(opts.modelsDir, progress),
        dataDir: opts.dataDir,
        modelsDir: opts.modelsDir,
        version: opts.version,
        overwrite: opts.overwrite === true,
        devFile: opts.devFile === false ? undefined : opts.devFile,
        progress: new TrainingProgress(),
        log: progress,
      });
      progress(`wrote ${dir}`);
      printResult(
        { model: card.name, version: card.version, dir, metrics: card.metrics, policy: card.extra },
        opts.json === true,
      );
    });

  evalCommand(program, 'intent', {
    description: 'Score an intent model on a Banking77 CSV (text,category); no database needed',
    defaultModel: DEFAULT_INTENT_MODEL,
    data: '--data <file>',
    dataHelp: 'Banking77 CSV with header text,category',
    predictionsHelp: 'write the predictions as CSV (text,category), in input order',
  }).action(async (opts: EvalOptions) => {
    const examples = await readIntentExamples(opts.data);
    if (examples.length === 0) throw new Error(`${opts.data} has no rows`);
    progress(`${opts.data}: ${examples.length} rows`);
    const model = await loadIntentModel({
      modelsDir: opts.modelsDir,
      name: opts.model,
      version: opts.version,
      logger: { log: progress, warn: progress },
    });
    try {
      const { card } = model.classifier;
      progress(`classifying with ${card.name}/${card.version}`);
      const ranked = await model.classifier.rankIntentsOfMany(
        examples.map((e) => e.text),
        3,
      );
      const predicted = ranked.map((r) => r[0].intent);
      const report = classificationReport(
        examples.map((e) => e.intent),
        predicted,
      );
      if (opts.predictions) {
        await writeFile(
          opts.predictions,
          formatCsv([['text', 'category'], ...examples.map((e, i) => [e.text, predicted[i]])]),
        );
        progress(`predictions written to ${opts.predictions}`);
      }
      const rows = examples.map((e, i) => ({ text: e.text, truth: e.intent, ranked: ranked[i] }));
      const rules = new RuleEngine(DEFAULT_RULE_SET);
      const [stage1, stage2] = [1, 2].map((stage) => evaluateStage(stage as 1 | 2, rows, rules, card.extra));
      printResult(
        {
          model: card.name,
          version: card.version,
          n: examples.length,
          accuracy: report.accuracy,
          macroF1: report.macroF1,
          threshold: card.extra.threshold,
          stage1,
          stage2FirstTurn: stage2,
        },
        opts.json === true,
      );
    } finally {
      await model.close();
    }
  });
}
