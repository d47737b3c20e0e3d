import { Module } from '@nestjs/common';
import { InferenceModule } from '@suite/inference';
import { supportMigrations, serviceMigrations } from '@suite/migrations';
import { PlatformModule } from '@suite/platform';
import { AgentDeskModule } from './agent-desk/agent-desk.module.js';
import { ConversationMessagesModule } from './conversations/conversations.messages.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { ConversationEntity } from './conversations/entities/conversation.entity.js';
import { MessageEntity } from './conversations/entities/message.entity.js';
import { HandoffEntity } from './handoffs/entities/handoff.entity.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { IntentAnswerEntity } from './rules/entities/intent-answer.entity.js';
import { RuleSetEntity } from './rules/entities/rule-set.entity.js';
import { RuleEntity } from './rules/entities/rule.entity.js';
import { RulesModule } from './rules/rules.module.js';
import { SUPPORT_OPTIONS, type SupportOptions, SupportOptionsModule } from './support-options.js';
import { WidgetModule } from './widget/widget.module.js';
import { supportEnvSchema } from './support.config.js';
// The app's own error codes, registered with the platform at bootstrap.
import './support.errors.js';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'support',
      config: supportEnvSchema,
      migrations: serviceMigrations(supportMigrations),
      entities: [
        ConversationEntity,
        MessageEntity,
        HandoffEntity,
        RuleSetEntity,
        RuleEntity,
        IntentAnswerEntity,
      ],
    }),
    SupportOptionsModule.register(),
    // The process's one engine, shared by the intent model, the OCR and the invoice fields (issue 19).
    InferenceModule.forRoot({
      inject: [SUPPORT_OPTIONS],
      useFactory: (options: SupportOptions) => ({ modelsDir: options.modelsDir }),
    }),
    RulesModule,
    ConversationsModule,
    ConversationMessagesModule,
    InvoicesModule,
    AgentDeskModule,
    WidgetModule,
  ],
})
export class AppModule {}
