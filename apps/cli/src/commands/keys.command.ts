import type { Command } from 'commander';
import { ApiKeyStore, loadConfig } from '@suite/platform';
import { withDataSource } from '../cli-database.js';
import { printResult } from '../output.js';
import { commandGroup } from './command-groups.js';
import { suiteEnvSchema } from '../suite.config.js';

const SERVICES = ['risk', 'medical', 'support', 'inference'];

function parseService(value: string): string {
  if (!SERVICES.includes(value)) throw new Error(`--service must be one of ${SERVICES.join(', ')}`);
  return value;
}

export function registerKeysCommand(program: Command): void {
  const keys = commandGroup(program, 'keys');
  keys
    .command('create')
    .description('Create an API key; the key is printed once and stored only as a SHA-256 hash')
    .requiredOption('--service <service>', `service the key is for (${SERVICES.join(', ')})`, parseService)
    .requiredOption('--name <name>', 'who or what holds the key')
    .option('--scopes <scopes>', 'comma-separated scopes ("*" for all of the service)', '*')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { service: string; name: string; scopes: string; json?: boolean }) => {
      const scopes = opts.scopes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const created = await withDataSource(loadConfig(process.env, suiteEnvSchema), (ds) =>
        new ApiKeyStore(ds).createKey({ name: opts.name, service: opts.service, scopes }),
      );
      printResult({ ...created.record, key: created.key }, opts.json === true);
    });
  keys
    .command('list')
    .description('List API keys (never the keys themselves)')
    .option('--service <service>', 'only keys of this service', parseService)
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { service?: string; json?: boolean }) => {
      const listed = await withDataSource(loadConfig(process.env, suiteEnvSchema), (ds) =>
        new ApiKeyStore(ds).listKeys(opts.service),
      );
      printResult({ keys: listed }, opts.json === true);
    });
  keys
    .command('revoke')
    .description('Revoke an API key by id')
    .argument('<id>', 'key id (uuid)')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (id: string, opts: { json?: boolean }) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('id must be a uuid');
      const revoked = await withDataSource(loadConfig(process.env, suiteEnvSchema), (ds) =>
        new ApiKeyStore(ds).revokeKey(id),
      );
      if (!revoked) throw new Error(`no active key with id ${id}`);
      printResult({ revoked: id }, opts.json === true);
    });
}
