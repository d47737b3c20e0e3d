// Ownership of a conversation checked before the handler runs. The event stream needs it: once an SSE
// handler has started, an error can only travel as an `error` event inside a 200 stream, so another
// key's conversation must be refused (404) here, before the stream opens.
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type AuthenticatedRequest, DomainError } from '@suite/platform';
import { ResourceIdPipe } from '../http-input/resource-id.pipe.js';
import { ConversationRepository } from './conversation.repository.js';

@Injectable()
export class ConversationOwnerGuard implements CanActivate {
  private readonly ids = new ResourceIdPipe();

  constructor(private readonly conversations: ConversationRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { params?: { id?: string } }>();
    const id = this.ids.transform(req.params?.id);
    if (!req.principal || !(await this.conversations.findConversation(id, req.principal.keyId)))
      throw new DomainError('NOT_FOUND', 'Conversation not found');
    return true;
  }
}
