import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { SkipRateLimit } from '../auth/rate-limit.guard.js';
import { hasPendingMigrations } from '../database/data-source.factory.js';
import { DomainError } from '../http/domain-error.js';

// Responses are declared here rather than by terminus' @HealthCheck(), whose Swagger schema depends on
// whether it can require() @nestjs/swagger (it cannot under jest), which made the document unstable.
@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  checkLiveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The database is reachable and no migration is pending' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the message names the failing checks' })
  async checkReadiness(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.checkDatabase(), () => this.checkMigrations()]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      const failing = Object.keys((err.getResponse() as { error?: object }).error ?? {});
      throw new DomainError('SERVICE_UNAVAILABLE', `not ready: ${failing.join(', ') || 'unknown'}`);
    }
  }

  private async checkDatabase() {
    const indicator = this.indicators.check('database');
    try {
      await this.dataSource.query('SELECT 1');
      return indicator.up();
    } catch {
      return indicator.down({ message: 'database unreachable' });
    }
  }

  private async checkMigrations() {
    const indicator = this.indicators.check('migrations');
    try {
      return (await hasPendingMigrations(this.dataSource))
        ? indicator.down({ message: 'migrations pending' })
        : indicator.up();
    } catch {
      return indicator.down({ message: 'migration state unknown' });
    }
  }
}
