import { Module } from '@nestjs/common';
import { ChampionSync } from './champion-sync.js';
import { ModelRegistryController } from './model-registry.controller.js';
import { riskEngineProvider } from './risk-engine.provider.js';
import { RiskModelRegistryService } from './risk-model-registry.service.js';

@Module({
  controllers: [ModelRegistryController],
  providers: [riskEngineProvider, RiskModelRegistryService, ChampionSync],
  exports: [RiskModelRegistryService],
})
export class ModelRegistryModule {}
