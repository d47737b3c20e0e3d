import { Command } from 'commander';

// Parent commands shared by several features; each feature adds its subcommands to them.
export const COMMAND_GROUPS = {
  train: 'Train a shipped model from files in the repository',
  eval: 'Evaluate a model on a data set in its public format',
  models: 'Inspect and manage the model repository',
  dp: 'Differential-privacy accounting',
  keys: 'Manage API keys',
} as const;

export type CommandGroup = keyof typeof COMMAND_GROUPS;

export function commandGroup(program: Command, name: CommandGroup): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(COMMAND_GROUPS[name]);
}
