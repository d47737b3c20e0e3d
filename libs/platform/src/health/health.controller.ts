import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { SkipRateLimit } from '../auth/rate-limit.guard.js';
import { hasPendingMigrations } from '../database/data-source.factory.js';

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
  @HealthCheck()
  checkLiveness() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  checkReadiness() {
    return this.health.check([() => this.checkDatabase(), () => this.checkMigrations()]);
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
