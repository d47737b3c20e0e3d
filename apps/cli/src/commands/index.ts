import type { Command } from 'commander';
import { registerBenchCommand } from './bench.command.js';
import { registerDeidCommand } from './deid.command.js';
import { registerDpCommand } from './dp.command.js';
import { registerIntentCommand } from './intent.command.js';
import { registerInvoiceCommand } from './invoice.command.js';
import { registerKeysCommand } from './keys.command.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerModelsCommand } from './models.command.js';
import { registerNerCommand } from './ner.command.js';
import { registerOpenApiCommand } from './openapi.command.js';
import { registerQuantizeCommand } from './quantize.command.js';
import { registerRiskCommand } from './risk.command.js';
import { registerStartCommand } from './start.command.js';

// Every CLI feature exports one registrar; add yours here (one import, one entry).
export const commandRegistrars: ((program: Command) => void)[] = [
  registerStartCommand,
  registerMigrateCommand,
  registerKeysCommand,
  registerOpenApiCommand,
  registerBenchCommand,
  registerDpCommand,
  registerQuantizeCommand,
  registerModelsCommand,
  registerNerCommand,
  registerDeidCommand,
  registerRiskCommand,
  registerIntentCommand,
  registerInvoiceCommand,
];
