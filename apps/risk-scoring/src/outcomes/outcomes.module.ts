import { Module } from '@nestjs/common';
import { OutcomeRepository } from './outcome.repository.js';
import { OutcomesController } from './outcomes.controller.js';
import { OutcomesService } from './outcomes.service.js';

@Module({
  controllers: [OutcomesController],
  providers: [OutcomesService, OutcomeRepository],
  exports: [OutcomesService],
})
export class OutcomesModule {}
