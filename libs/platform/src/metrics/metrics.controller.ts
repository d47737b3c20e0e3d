import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { SkipRateLimit } from '../auth/rate-limit.guard.js';
import { MetricsService } from './http-metrics.service.js';

@ApiExcludeController()
@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrapeMetrics(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
