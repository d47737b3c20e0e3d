import { Module } from '@nestjs/common';
import { ModelRegistryModule } from '../model-registry/model-registry.module.js';
import { OutcomesModule } from '../outcomes/outcomes.module.js';
import { ApplicationRepository } from './application.repository.js';
import { ScoringController } from './scoring.controller.js';
import { ScoringService } from './scoring.service.js';

@Module({
  imports: [ModelRegistryModule, OutcomesModule],
  controllers: [ScoringController],
  providers: [ScoringService, ApplicationRepository],
  exports: [ScoringService],
})
export class ScoringModule {}
