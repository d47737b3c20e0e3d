import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { isJsonSchemaSource, schemaCheckOf } from './compiled-schema.js';
import { DomainError, type FieldErrors } from './domain-error.js';
import { arrayLimitProblem } from './dto-array-limits.js';
import { shapeProblem, unknownFields, unstorableProblem } from './json-shape.js';

/** Most fields one 400 lists; the message counts the rest (20,000 listed took seconds to build). */
export const MAX_REPORTED_FIELDS = 20;

const WHITELIST = 'whitelistValidation';
const ROOT = '\u0000root';

// Unknown properties are counted per parent, never named: their names are whatever the caller sent
// (an unknown query parameter's name included).
// Top-level unknown properties are reported on ROOT, which transform() renames to the body or query.
function flatten(errors: ValidationError[], parent = ''): FieldErrors[] {
  const unknown = errors.filter((e) => e.constraints?.[WHITELIST] !== undefined).length;
  const own: FieldErrors[] = unknown > 0 ? [unknownFields(parent || ROOT, unknown)] : [];
  return [
    ...own,
    ...errors.flatMap((e) => {
      const field = parent ? `${parent}.${e.property}` : e.property;
      const constraints = Object.entries(e.constraints ?? {}).filter(([k]) => k !== WHITELIST);
      const mine = constraints.length > 0 ? [{ field, messages: constraints.map(([, m]) => m) }] : [];
      return [...mine, ...flatten(e.children ?? [], field)];
    }),
  ];
}

/** The 400 for these field errors (the pipe's and the idempotency hash's), at most MAX_REPORTED_FIELDS. */
export function validationFailed(all: FieldErrors[]): DomainError {
  const fields = all.slice(0, MAX_REPORTED_FIELDS);
  const more = all.length - fields.length;
  const message = fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ') || 'Invalid request';
  return new DomainError('VALIDATION_FAILED', more > 0 ? `${message}; and ${more} more field(s)` : message, {
    fields,
  });
}

function renameRoot(error: DomainError, root: string): DomainError {
  const fields = error.details?.fields;
  if (!fields?.some((f) => f.field === ROOT)) return error;
  const renamed = fields.map((f) => (f.field === ROOT ? { ...f, field: root } : f));
  return validationFailed(renamed);
}

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

class DepthLimitedValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const root = metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type);
    // Depth and breadth first: class-transformer and ajv would otherwise recurse over all of it.
    const shape = shapeProblem(value, root);
    if (shape) throw validationFailed([shape]);
    // A parameter declared with a schema (`@Body({ schema })`) is validated by its compiled JSON schema,
    // any other by its DTO's class-validator decorators.
    const schema = isJsonSchemaSource(metadata.schema) ? metadata.schema : undefined;
    const dto = !schema && this.toValidate(metadata) ? metadata.metatype : undefined;
    // No body at all is an empty object, as Nest's own ValidationPipe treats it (a DTO of optional fields).
    if ((dto || schema) && metadata.type === 'body') {
      if (value === undefined || value === null) value = {};
      // A body is an object: an array body would become one DTO instance (and errors) per item.
      if (!isPlainObject(value)) {
        throw validationFailed([{ field: 'body', messages: ['body must be a JSON object'] }]);
      }
    }
    if (dto) {
      const tooLong = arrayLimitProblem(dto, value);
      if (tooLong) throw validationFailed([tooLong]);
    }
    let result: unknown = value;
    if (schema) {
      const fields = schemaCheckOf(schema)(value);
      if (fields) throw validationFailed(fields);
    } else {
      result = await super.transform(value, metadata).catch((error: unknown) => {
        throw error instanceof DomainError ? renameRoot(error, root) : error;
      });
    }
    // After validation, so that every key on the way to a NUL is a declared property and may be named.
    const unstorable = unstorableProblem(value, root, schema !== undefined || dto !== undefined);
    if (unstorable) throw validationFailed([unstorable]);
    return result;
  }
}

// Strict: unknown fields are errors, values are transformed to the DTO's types, and the message names
// the offending fields (up to MAX_REPORTED_FIELDS). Nesting deeper than MAX_JSON_DEPTH, objects wider
// than MAX_OBJECT_KEYS and arrays longer than their DTO's @ArrayMaxSize are refused before the
// transformation; strings PostgreSQL cannot store (NUL, lone surrogates) after it.
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe();
}
