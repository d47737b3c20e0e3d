import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { compiledCheckOf } from './compiled-schema.js';
import { DomainError, type FieldErrors } from './domain-error.js';

function flatten(errors: ValidationError[], parent = ''): FieldErrors[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Deepest JSON nesting a DTO accepts: class-transformer recurses per level (2,000 levels overflow the stack). */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects/arrays deeper than `max` levels (iterative: no recursion to overflow). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

function validationFailed(fields: FieldErrors[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ') || 'Invalid request',
    { fields },
  );
}

export interface ValidationPipeOptions {
  /** Use a DTO's @CompiledSchema where it has one (default); false validates by decorators only. */
  compiledSchemas?: boolean;
}

class DepthLimitedValidationPipe extends ValidationPipe {
  constructor(private readonly useCompiled: boolean) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // ajv's compiled code walks only the schema's own properties, so no depth check is needed there.
    const compiled = this.useCompiled && metadata.type === 'body' && compiledCheckOf(metadata.metatype);
    if (compiled) {
      const fields = compiled(value);
      if (fields) throw validationFailed(fields);
      return value;
    }
    if (this.toValidate(metadata) && nestsDeeperThan(value, MAX_JSON_DEPTH)) {
      const field = metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type);
      const message = `nested deeper than ${MAX_JSON_DEPTH} levels`;
      throw new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
        fields: [{ field, messages: [message] }],
      });
    }
    return super.transform(value, metadata);
  }
}

// Strict: unknown fields are errors, values are transformed to the DTO's types, and the message names
// every offending field. Nesting deeper than MAX_JSON_DEPTH is refused before the transformation.
export function createValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new DepthLimitedValidationPipe(options.compiledSchemas ?? true);
}
