import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ModelRegistryModule } from '../model-registry/model-registry.module.js';
import { OutcomesModule } from '../outcomes/outcomes.module.js';
import { RetrainingController } from './retraining.controller.js';
import { RetrainingScheduler } from './retraining.scheduler.js';
import { RetrainingService } from './retraining.service.js';
import { TrainingRunRepository } from './training-run.repository.js';

@Module({
  imports: [ScheduleModule.forRoot(), ModelRegistryModule, OutcomesModule],
  controllers: [RetrainingController],
  providers: [RetrainingService, RetrainingScheduler, TrainingRunRepository],
  exports: [RetrainingService],
})
export class RetrainingModule {}
