import { Command } from 'commander';

// Parent commands shared by several features; each feature adds its subcommands to them.
export const COMMAND_GROUPS = {
  train: 'Train a shipped model from files in the repository',
  eval: 'Evaluate a model on a data set in its public format',
  models: 'Inspect and manage the model repository',
  dp: 'Differential-privacy accounting',
  data: 'Build data sets kept in the repository (e.g. the synthetic receipts)',
  keys: 'Manage API keys',
} as const;

export type CommandGroup = keyof typeof COMMAND_GROUPS;

export function commandGroup(program: Command, name: CommandGroup): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(COMMAND_GROUPS[name]);
}

/**
 * `eval <task>` with the options every evaluation shares (ARCHITECTURE.md's evaluation contract):
 * `--data`, the model repository and version, `--predictions` in the data set's own format, `--json`,
 * and `--model` where the task has several shipped models. Tasks add their own options after these.
 */
export function evalCommand(
  program: Command,
  task: string,
  spec: {
    description: string;
    data: string;
    dataHelp: string;
    predictionsHelp: string;
    defaultModel?: string;
    /** false: the task serves fixed models (no --version). */
    versioned?: boolean;
  },
): Command {
  const command = commandGroup(program, 'eval').command(task).description(spec.description);
  if (spec.defaultModel) command.option('--model <name>', 'shipped model name', spec.defaultModel);
  command.requiredOption(spec.data, spec.dataHelp);
  if (spec.versioned !== false) command.option('--version <v>', 'model version (default: the newest)');
  return command
    .option('--models-dir <dir>', 'model repository', 'models')
    .option('--predictions <path>', spec.predictionsHelp)
    .option('--json', 'print one JSON object as the last line of stdout');
}
