import { Module } from '@nestjs/common';
import { ModelRegistryModule } from '../model-registry/model-registry.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { DriftController } from './drift.controller.js';
import { DriftService } from './drift.service.js';
import { FairnessService } from './fairness.service.js';

@Module({
  imports: [ModelRegistryModule, ScoringModule],
  controllers: [DriftController],
  providers: [DriftService, FairnessService],
})
export class MonitoringModule {}
