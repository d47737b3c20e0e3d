import { InvalidArgumentError, type Command } from 'commander';
import { computeEpsilon, findNoiseMultiplier } from '@suite/ml';
import { printResult } from '../output.js';
import { commandGroup } from './command-groups.js';

// Privacy accounting from the command line, as TensorFlow Privacy's compute_dp_sgd_privacy: the RDP
// accountant with Opacus' default orders, so numbers agree with Opacus for the same inputs.

function numberIn(description: string, accept: (v: number) => boolean): (value: string) => number {
  return (value: string) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v) || !accept(v))
      throw new InvalidArgumentError(`must be ${description}.`);
    return v;
  };
}

const parseSampleRate = numberIn('a number in (0, 1]', (v) => v > 0 && v <= 1);
const parseNoiseMultiplier = numberIn('a number > 0', (v) => v > 0);
const parseSteps = numberIn('a positive integer', (v) => Number.isInteger(v) && v > 0);
const parseDelta = numberIn('a number in (0, 1)', (v) => v > 0 && v < 1);
const parseTargetEpsilon = numberIn('a number > 0', (v) => v > 0);

export function registerDpCommand(program: Command): void {
  const dp = commandGroup(program, 'dp');
  dp.command('epsilon')
    .description('Epsilon spent by DP-SGD with Poisson sampling (RDP accountant, Opacus default orders)')
    .requiredOption('--sample-rate <q>', 'probability that an example joins a batch', parseSampleRate)
    .requiredOption(
      '--noise-multiplier <sigma>',
      'noise standard deviation / clipping norm',
      parseNoiseMultiplier,
    )
    .requiredOption('--steps <t>', 'number of optimiser steps', parseSteps)
    .requiredOption('--delta <d>', 'target delta', parseDelta)
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(
      (opts: {
        sampleRate: number;
        noiseMultiplier: number;
        steps: number;
        delta: number;
        json?: boolean;
      }) => {
        const spent = computeEpsilon({
          sampleRate: opts.sampleRate,
          noiseMultiplier: opts.noiseMultiplier,
          steps: opts.steps,
          delta: opts.delta,
        });
        printResult({ epsilon: spent.epsilon, order: spent.order }, opts.json === true);
      },
    );
  dp.command('noise')
    .description(
      'Smallest noise multiplier whose epsilon stays within a target (Opacus get_noise_multiplier)',
    )
    .requiredOption('--target-epsilon <e>', 'privacy budget epsilon', parseTargetEpsilon)
    .requiredOption('--sample-rate <q>', 'probability that an example joins a batch', parseSampleRate)
    .requiredOption('--steps <t>', 'number of optimiser steps', parseSteps)
    .requiredOption('--delta <d>', 'target delta', parseDelta)
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(
      (opts: { targetEpsilon: number; sampleRate: number; steps: number; delta: number; json?: boolean }) => {
        const noiseMultiplier = findNoiseMultiplier({
          targetEpsilon: opts.targetEpsilon,
          sampleRate: opts.sampleRate,
          steps: opts.steps,
          delta: opts.delta,
        });
        printResult({ noiseMultiplier }, opts.json === true);
      },
    );
}
