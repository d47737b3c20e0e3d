// Request validation from one schema declaration: a route parameter declared with a Standard Schema
// that can print itself as JSON schema (`@Body({ schema })`, `@Payload({ schema })`, a plain route's
// `body`; zod does both) is validated by ajv's generated code for that JSON schema, compiled once per
// schema. On the risk score request that is about 1 µs instead of class-validator's 65 µs, which was
// the largest single cost left in `npm run bench -- risk`. The same JSON schema is what the OpenAPI
// document shows (plain-route.ts, and @nestjs/swagger for Nest routes), and the TypeScript type is the
// library's inferred one, so nothing is declared twice.
import type { ArgumentMetadata } from '@nestjs/common';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldErrors } from './domain-error.js';
import { MAX_JSON_DEPTH, unknownFields } from './json-shape.js';

/** A field-level check: undefined when the value is valid, else the offending fields. */
export type CompiledCheck = (value: unknown) => FieldErrors[] | undefined;

/** Schema keyword for the message when a string fails its `pattern` (ajv's would print the regex). */
export const PATTERN_MESSAGE_KEYWORD = 'x-pattern-message';

type JsonSchema = Record<string, unknown>;

/**
 * A Standard Schema (the `schema` of Nest's parameter decorators) that is also a Standard JSON Schema
 * (https://standardschema.dev): it can print itself as JSON schema, as zod's can.
 */
export type JsonSchemaSource = NonNullable<ArgumentMetadata['schema']> & {
  readonly '~standard': {
    readonly jsonSchema: { readonly input: (options: { target: string }) => Record<string, unknown> };
  };
};

export function isJsonSchemaSource(schema: unknown): schema is JsonSchemaSource {
  const standard = (schema as { '~standard'?: { jsonSchema?: { input?: unknown } } } | null)?.['~standard'];
  return typeof standard?.jsonSchema?.input === 'function';
}

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, coerceTypes: false });
ajv.addKeyword({ keyword: PATTERN_MESSAGE_KEYWORD, schemaType: 'string' });
// An annotation, as in OpenAPI 3.0 (JSON schema's own is `examples`).
ajv.addKeyword({ keyword: 'example' });

const checks = new WeakMap<object, CompiledCheck>();

/** The compiled check of a schema declaration (compiled on first use, then cached). */
export function schemaCheckOf(schema: JsonSchemaSource): CompiledCheck {
  let check = checks.get(schema);
  if (!check) {
    check = compileCheck(schema['~standard'].jsonSchema.input({ target: 'draft-07' }));
    checks.set(schema, check);
  }
  return check;
}

export function compileCheck(schema: JsonSchema): CompiledCheck {
  const validate: ValidateFunction = ajv.compile(schema);
  const definitions = { ...(schema.definitions as object), ...(schema.$defs as object) } as Record<
    string,
    JsonSchema
  >;
  const limits = limitPlanOf(schema, definitions, new Set());
  return (value) => {
    // ajv would check every item of an over-long array (each with its own errors) before saying so.
    const tooLong = limits && arrayLimitProblem(limits, value, []);
    if (tooLong) return [tooLong];
    return validate(value) ? undefined : fieldErrorsOf(validate.errors ?? []);
  };
}

// Same shape and phrasing as the class-validator pipe's errors: the dotted path of the field
// ("history.2.paymentAmount"), messages naming the property.
// Unknown properties are counted per object, never named (their names are the caller's).
function fieldErrorsOf(errors: ErrorObject[]): FieldErrors[] {
  const byField = new Map<string, string[]>();
  const unknown = new Map<string, number>();
  for (const e of errors) {
    const path = e.instancePath.split('/').slice(1).map(unescapePointer);
    if (e.keyword === 'additionalProperties') {
      const field = path.length > 0 ? path.join('.') : 'body';
      unknown.set(field, (unknown.get(field) ?? 0) + 1);
      continue;
    }
    if (isRedundant(e)) continue;
    if (e.keyword === 'required') path.push((e.params as { missingProperty: string }).missingProperty);
    const field = path.length > 0 ? path.join('.') : 'body';
    const messages = byField.get(field) ?? [];
    const message = messageOf(e, path.at(-1) ?? 'body');
    if (!messages.includes(message)) messages.push(message);
    byField.set(field, messages);
  }
  return [
    ...[...unknown].map(([field, count]) => unknownFields(field, count)),
    ...[...byField].map(([field, messages]) => ({ field, messages })),
  ];
}

// A nullable field is `anyOf: [the field's schema, { type: 'null' }]`: its errors are the field's,
// not "must be null" nor "must match a schema in anyOf". A type beside an enum says less than the enum.
function isRedundant(e: ErrorObject): boolean {
  if (e.keyword === 'anyOf') return true;
  if (e.keyword !== 'type') return false;
  if ((e.params as { type: unknown }).type === 'null') return true;
  return Array.isArray((e.parentSchema as JsonSchema | undefined)?.enum);
}

function messageOf(e: ErrorObject, name: string): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${name} is required`;
    case 'type': {
      const type = [params.type].flat().find((t) => t !== 'null');
      return type === 'integer'
        ? `${name} must be an integer number`
        : `${name} must be ${article(type)} ${type}`;
    }
    case 'minimum':
      return `${name} must not be less than ${params.limit}`;
    case 'maximum':
      return `${name} must not be greater than ${params.limit}`;
    case 'minItems':
      return `${name} must contain at least ${params.limit} elements`;
    case 'maxItems':
      return `${name} must contain no more than ${params.limit} elements`;
    case 'minLength':
      return `${name} must be longer than or equal to ${params.limit} characters`;
    case 'maxLength':
      return `${name} must be shorter than or equal to ${params.limit} characters`;
    case 'enum':
      return `${name} must be one of the following values: ${(params.allowedValues as unknown[]).filter((v) => v !== null).join(', ')}`;
    case 'pattern': {
      const own = (e.parentSchema as JsonSchema | undefined)?.[PATTERN_MESSAGE_KEYWORD];
      return typeof own === 'string' ? own : `${name} must match ${params.pattern}`;
    }
    default:
      return `${name} ${e.message ?? 'is invalid'}`;
  }
}

// Where in a value the schema limits array lengths: the schema reduced (references resolved, once) to
// the properties and items that lead to a maxItems, so that a request walks only those.
interface LimitPlan {
  maxItems?: number;
  items?: LimitPlan;
  properties?: [string, LimitPlan][];
  anyOf?: LimitPlan[];
}

function limitPlanOf(
  schema: JsonSchema,
  definitions: Record<string, JsonSchema>,
  resolving: Set<JsonSchema>,
): LimitPlan | undefined {
  // A recursive schema's limits are checked down to its first repetition (ajv checks the rest).
  if (resolving.has(schema)) return undefined;
  resolving.add(schema);
  try {
    const ref =
      typeof schema.$ref === 'string' ? /^#\/(?:definitions|\$defs)\/(.+)$/.exec(schema.$ref) : null;
    if (ref) {
      const target = definitions[unescapePointer(ref[1])];
      return target && limitPlanOf(target, definitions, resolving);
    }
    const plan: LimitPlan = {};
    if (typeof schema.maxItems === 'number') plan.maxItems = schema.maxItems;
    const items = schema.items;
    if (items !== null && typeof items === 'object' && !Array.isArray(items)) {
      plan.items = limitPlanOf(items as JsonSchema, definitions, resolving);
    }
    const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)
      .map(([key, property]) => [key, limitPlanOf(property, definitions, resolving)] as const)
      .filter((entry): entry is [string, LimitPlan] => entry[1] !== undefined);
    if (properties.length > 0) plan.properties = properties;
    const anyOf = ((schema.anyOf ?? []) as JsonSchema[])
      .map((branch) => limitPlanOf(branch, definitions, resolving))
      .filter((branch) => branch !== undefined);
    if (anyOf.length > 0) plan.anyOf = anyOf;
    return Object.values(plan).some((v) => v !== undefined) ? plan : undefined;
  } finally {
    resolving.delete(schema);
  }
}

/** The first array of `value` longer than its schema's maxItems, named by its (declared) path. */
function arrayLimitProblem(plan: LimitPlan, value: unknown, path: string[]): FieldErrors | undefined {
  if (path.length > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return undefined;
  for (const branch of plan.anyOf ?? []) {
    const problem = arrayLimitProblem(branch, value, path);
    if (problem) return problem;
  }
  if (Array.isArray(value)) {
    if (plan.maxItems !== undefined && value.length > plan.maxItems) {
      return {
        field: path.join('.') || 'body',
        messages: [`${path.at(-1) ?? 'body'} must contain no more than ${plan.maxItems} elements`],
      };
    }
    if (!plan.items) return undefined;
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      const problem = arrayLimitProblem(plan.items, value[i], path);
      path.pop();
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, property] of plan.properties ?? []) {
    if (!Object.hasOwn(value, key)) continue;
    path.push(key);
    const problem = arrayLimitProblem(property, (value as Record<string, unknown>)[key], path);
    path.pop();
    if (problem) return problem;
  }
  return undefined;
}

const article = (word: unknown) => (typeof word === 'string' && /^[aeiou]/.test(word) ? 'an' : 'a');
const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
