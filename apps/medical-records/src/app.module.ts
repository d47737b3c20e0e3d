import { Module } from '@nestjs/common';
import { PlatformModule } from '@suite/platform';
import { DocumentsMessagesModule } from './documents/documents.messages.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ClinicalDocumentEntity } from './documents/entities/clinical-document.entity.js';

@Module({
  imports: [
    PlatformModule.forService({ service: 'medical', entities: [ClinicalDocumentEntity] }),
    DocumentsModule,
    DocumentsMessagesModule,
  ],
})
export class AppModule {}
