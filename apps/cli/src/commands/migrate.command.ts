import type { Command } from 'commander';
import { loadConfig } from '@suite/platform';
import { withDataSource } from '../cli-database.js';
import { printResult, progress } from '../output.js';
import { suiteEnvSchema } from '../suite.config.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (or revert the last one)')
    .option('--revert', 'revert the most recent migration')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { revert?: boolean; json?: boolean }) => {
      const result = await withDataSource(loadConfig(process.env, suiteEnvSchema), async (ds) => {
        if (opts.revert) {
          await ds.undoLastMigration({ transaction: 'each' });
          return { reverted: true };
        }
        const applied = await ds.runMigrations({ transaction: 'each' });
        for (const m of applied) progress(`applied ${m.name}`);
        return { applied: applied.map((m) => m.name), pending: await ds.showMigrations() };
      });
      printResult(result, opts.json === true);
    });
}
