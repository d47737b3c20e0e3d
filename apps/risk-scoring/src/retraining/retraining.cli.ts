// `train risk --incremental`: one champion/challenger retraining run outside the HTTP server, against
// DATABASE_URL or the embedded PostgreSQL, exactly as the weekly job runs it (trigger "cli").
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { toTrainingRunDto } from './retraining.controller.js';
import { RetrainingService } from './retraining.service.js';

export async function retrainFromCli(log: (message: string) => void): Promise<Record<string, unknown>> {
  // Logs go to stderr: stdout is the command's JSON result.
  const toStderr = (message: unknown) => log(String(message));
  const logger: LoggerService = {
    log: toStderr,
    error: toStderr,
    warn: toStderr,
    debug: () => {},
    verbose: () => {},
  };
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  try {
    const run = await app.get(RetrainingService).retrainChampion('cli', 'cli');
    return { ...toTrainingRunDto(run) };
  } finally {
    await app.close();
  }
}
