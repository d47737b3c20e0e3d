import { Module } from '@nestjs/common';
import { InferenceModule } from '@suite/inference';
import { medicalMigrations, serviceMigrations } from '@suite/migrations';
import { PlatformModule } from '@suite/platform';
import { DocumentsMessagesModule } from './documents/documents.messages.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ClinicalDocumentEntity } from './documents/entities/clinical-document.entity.js';
import { medicalEnvSchema } from './medical.config.js';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'medical',
      config: medicalEnvSchema,
      migrations: serviceMigrations(medicalMigrations),
      entities: [ClinicalDocumentEntity],
    }),
    // The process's one engine, shared by de-identification and NER (issue 19).
    InferenceModule.forRoot(),
    DocumentsModule,
    DocumentsMessagesModule,
  ],
})
export class AppModule {}
