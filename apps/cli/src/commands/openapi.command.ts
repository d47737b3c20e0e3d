// The OpenAPI document of each service is generated and committed (apps/<app>/openapi.json), so an
// API change shows in review; --check fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { printResult } from '../output.js';
import { renderOpenApiDocuments } from '../openapi-documents.js';

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description("Generate each service's OpenAPI document (apps/<app>/openapi.json)")
    .option('--write', 'write the documents')
    .option('--check', 'exit 1 when a committed document differs from the generated one')
    .option('--json', 'print one JSON object as the last line of stdout')
    .action(async (opts: { write?: boolean; check?: boolean; json?: boolean }) => {
      const stale: string[] = [];
      for (const { file, text } of await renderOpenApiDocuments()) {
        if (opts.write) writeFileSync(file, text);
        else if (opts.check && readFileSync(file, 'utf8') !== text) stale.push(file);
      }
      if (stale.length > 0) {
        process.exitCode = 1;
        process.stderr.write(`stale OpenAPI documents (run npm run openapi): ${stale.join(', ')}\n`);
      }
      printResult({ stale }, opts.json === true);
    });
}
