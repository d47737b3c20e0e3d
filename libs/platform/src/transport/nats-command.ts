// A command over NATS carries what an HTTP request carries in its headers: the caller's API key and an
// optional idempotency key, beside the operation's payload (validated by the same ValidationPipe and
// DTOs as the HTTP body). The reply mirrors the HTTP response: `{ status, body, replayed }`, errors as
// `{ status, body: { code, message, correlationId, fields? } }` with the same codes and statuses.
import { Type as Transform } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { Type } from '@nestjs/common';
import * as z from 'zod';
import { PATTERN_MESSAGE_KEYWORD } from '../http/compiled-schema.js';

export interface NatsCommand<T> {
  apiKey: string;
  idempotencyKey?: string;
  data: T;
}

export interface NatsReply<T = unknown> {
  status: number;
  body: T;
  replayed?: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const IDEMPOTENCY_KEY_MESSAGE = 'idempotencyKey must be 1-255 printable ASCII characters without spaces';

/** The envelope schema of a command whose payload has a schema (`@Payload({ schema })`). */
export function natsCommandSchemaOf<T extends z.ZodType>(payload: T) {
  return z.strictObject({
    apiKey: z.string().min(1).max(512),
    idempotencyKey: z
      .string()
      .regex(IDEMPOTENCY_KEY, { error: IDEMPOTENCY_KEY_MESSAGE })
      .meta({ [PATTERN_MESSAGE_KEYWORD]: IDEMPOTENCY_KEY_MESSAGE })
      .optional(),
    data: payload,
  });
}

/** The envelope DTO of a command whose payload is `payload` (validated as a nested DTO). */
export function natsCommandOf<T extends object>(payload: Type<T>): Type<NatsCommand<T>> {
  class NatsCommandDto implements NatsCommand<T> {
    @IsString()
    @Length(1, 512)
    apiKey!: string;

    @IsOptional()
    @IsString()
    @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_MESSAGE })
    idempotencyKey?: string;

    @IsObject()
    @ValidateNested()
    @Transform(() => payload)
    data!: T;
  }
  Object.defineProperty(NatsCommandDto, 'name', { value: `${payload.name}Command` });
  return NatsCommandDto;
}
