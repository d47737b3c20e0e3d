import type { Command } from 'commander';
import { benchmarks } from '../../../../bench/index.js';
import { printResult } from '../output.js';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description(`Run a benchmark: ${Object.keys(benchmarks).join(', ') || '(none yet)'}`)
    .argument('<name>', 'benchmark name')
    .option('--json', 'print one JSON object as the last line of stdout')
    .allowUnknownOption(true)
    // Options a benchmark reads itself (e.g. `--shapes=...`) reach it as arguments.
    .allowExcessArguments(true)
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const entry = benchmarks[name];
      if (!entry)
        throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
      const { default: run } = await entry.run();
      printResult(await run(cmd.args.slice(1)), opts.json === true);
    });
}
