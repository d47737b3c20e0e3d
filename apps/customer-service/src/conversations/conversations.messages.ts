// Customer messages over NATS (with NATS_URL set): subject `support.conversations.messages.post`, the
// same DTO, scope, ownership (the conversation must belong to the calling key), transaction and
// idempotency as POST /v1/conversations/{id}/messages. Command: { apiKey, idempotencyKey?, data }
// with data = { conversationId, text }.
import { Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApiHideProperty } from '@nestjs/swagger';
import {
  type NatsCommand,
  natsCommandOf,
  NatsCommandRunner,
  NatsMessageController,
  type NatsReply,
  NatsTransportModule,
} from '@suite/platform';
import { IsString } from 'class-validator';
import { ResourceIdPipe } from '../http-input/resource-id.pipe.js';
import { ConversationsModule } from './conversations.module.js';
import { ConversationsService } from './conversations.service.js';
import type { BotReplyDto } from './dto/conversation-response.dto.js';
import { PostMessageDto } from './dto/post-message.dto.js';

export const POST_MESSAGE_SUBJECT = 'support.conversations.messages.post';

class PostConversationMessageDto extends PostMessageDto {
  @ApiHideProperty()
  @IsString()
  conversationId!: string;
}

class PostMessageCommand extends natsCommandOf(PostConversationMessageDto) {}

@NatsMessageController()
export class ConversationMessagesController {
  private readonly resourceId = new ResourceIdPipe();

  constructor(
    private readonly conversations: ConversationsService,
    private readonly commands: NatsCommandRunner,
  ) {}

  @MessagePattern(POST_MESSAGE_SUBJECT)
  postMessage(@Payload() command: PostMessageCommand): Promise<NatsReply<BotReplyDto>> {
    const request: NatsCommand<PostConversationMessageDto> = command;
    return this.commands.runCommand(
      request,
      {
        scopes: ['support:chat'],
        // The HTTP route's idempotency hash covers its body ({ text }), not the path.
        http: { method: 'POST', route: '/v1/conversations/:id/messages', body: { text: request.data.text } },
        narrow: true,
      },
      async (principal) => {
        const id = this.resourceId.transform(request.data.conversationId);
        return this.conversations.receiveCustomerMessage(id, request.data.text, principal);
      },
    );
  }
}

@Module({
  imports: [ConversationsModule, NatsTransportModule],
  controllers: [ConversationMessagesController],
})
export class ConversationMessagesModule {}
