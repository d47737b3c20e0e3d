import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DeidModule } from '../deid/index.js';
import { registerClinicalBodyParsers } from '../ingestion/media-types.js';
import { NerModule } from '../ner/ner.module.js';
import { DocumentRepository } from './document.repository.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { PatientNameMemoryRepository } from './patient-name-memory.repository.js';
import { PatientRefHasher } from './patient-ref.js';

// FHIR JSON and HL7 bodies need Fastify parsers; registered as the module starts (before Fastify is
// ready), so main.ts and the e2e tests, which boot the same AppModule, parse them the same way.
@Injectable()
class ClinicalBodyParsers implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'fastify') registerClinicalBodyParsers(adapter.getInstance<FastifyInstance>());
  }
}

@Module({
  imports: [NerModule, DeidModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    DocumentRepository,
    PatientNameMemoryRepository,
    PatientRefHasher,
    ClinicalBodyParsers,
  ],
  exports: [DocumentsService],
})
export class DocumentsModule {}
