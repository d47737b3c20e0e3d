// The compiled JSON schema of the score request against its class-validator decorators: on any input
// the two accept and refuse alike and, for object bodies, name the same offending top-level fields.
import 'reflect-metadata';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { createValidationPipe, DomainError } from '@suite/platform';
import fc from 'fast-check';
import { SCORE_REQUEST_SCHEMA, ScoreRequestDto } from './score-request.dto.js';

const metadata: ArgumentMetadata = { type: 'body', metatype: ScoreRequestDto };
const compiled = createValidationPipe();
const decorators = createValidationPipe({ compiledSchemas: false });

async function verdict(pipe: PipeTransform, value: unknown): Promise<{ ok: boolean; fields: string[] }> {
  try {
    await pipe.transform(structuredClone(value), metadata);
    return { ok: true, fields: [] };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
    const top = (error.details?.fields ?? []).map((f) => f.field.split('.')[0]);
    return { ok: false, fields: [...new Set(top)].sort() };
  }
}

const anyValue = fc.oneof(
  fc.integer({ min: -3, max: 10 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 18, 120, 1, 1e9, 1e9 + 1, -1e9, 1e-9, 0.5, 35.5, 1e21),
  fc.string({ maxLength: 70 }),
  fc.constantFrom('', 'ab c', 'REF-1', 'x'.repeat(64), 'x'.repeat(65), 'é'),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant({}),
);
const month = fc.record(
  {
    repaymentStatus: fc.oneof(fc.integer({ min: -3, max: 10 }), anyValue),
    billAmount: fc.oneof(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), anyValue),
    paymentAmount: fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
const application = fc.record(
  {
    externalReference: anyValue,
    creditLimit: fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), anyValue),
    age: fc.oneof(fc.integer({ min: 10, max: 130 }), anyValue),
    sex: fc.oneof(fc.constantFrom('female', 'male', 'x'), anyValue),
    education: fc.oneof(
      fc.constantFrom('graduate_school', 'university', 'high_school', 'other', 'phd'),
      anyValue,
    ),
    maritalStatus: fc.oneof(fc.constantFrom('married', 'single', 'other'), anyValue),
    history: fc.oneof(
      fc.array(month, { minLength: 6, maxLength: 6 }),
      fc.array(month, { maxLength: 8 }),
      fc.array(anyValue, { minLength: 6, maxLength: 6 }),
      anyValue,
    ),
    income: anyValue,
  },
  { requiredKeys: [] },
);
const validApplication = fc.record(
  {
    externalReference: fc.stringMatching(/^[\x21-\x7e]{1,64}$/),
    creditLimit: fc.double({ min: 1, max: 1e9, noNaN: true }),
    age: fc.integer({ min: 18, max: 120 }),
    sex: fc.constantFrom('female', 'male', null),
    history: fc.array(
      fc.record({
        repaymentStatus: fc.integer({ min: -2, max: 9 }),
        billAmount: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        paymentAmount: fc.double({ min: 0, max: 1e9, noNaN: true }),
      }),
      { minLength: 6, maxLength: 6 },
    ),
  },
  { requiredKeys: ['creditLimit', 'history'] },
);

describe('ScoreRequestDto: compiled schema and decorators agree', () => {
  it('on near-valid and arbitrary requests', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(validApplication, application, fc.jsonValue()), async (body) => {
        const fast = await verdict(compiled, body);
        const slow = await verdict(decorators, body);
        // A body that is not an object is refused by both, named "body" by the schema and by
        // whatever class-transformer made of it by the decorators.
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          expect(fast.ok).toBe(slow.ok);
        } else if (Object.keys(body).some((k) => k in Object.prototype)) {
          // The one intended difference: whitelisting lets keys named like Object.prototype's members
          // ("toString") through; the schema refuses them as it refuses every unknown field.
          expect(fast.ok).toBe(false);
        } else {
          expect(fast).toEqual(slow);
        }
        if (fast.ok) accepted++;
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    // Both outcomes were exercised, so agreement is not agreement on refusing everything.
    expect(accepted).toBeGreaterThan(300);
  });

  it('declares the same required fields and bounds in the schema, the decorators and Swagger', async () => {
    // Swagger's metadata for each property, as @nestjs/swagger stores it for the OpenAPI document.
    const swagger = (name: string) =>
      Reflect.getMetadata('swagger/apiModelProperties', ScoreRequestDto.prototype, name) as {
        required?: boolean;
        minimum?: number;
        maximum?: number;
      };
    const properties = Object.keys(SCORE_REQUEST_SCHEMA.properties);
    const swaggerRequired = properties.filter((p) => swagger(p).required !== false);
    expect(swaggerRequired.sort()).toEqual([...SCORE_REQUEST_SCHEMA.required].sort());
    expect(swagger('age')).toMatchObject({ minimum: 18, maximum: 120 });
    // The decorators accept every request the schema's "required" list leaves out one optional field of.
    const base = {
      creditLimit: 5000,
      history: Array.from({ length: 6 }, () => ({ repaymentStatus: 0, billAmount: 10, paymentAmount: 1 })),
    };
    expect(await verdict(decorators, base)).toEqual({ ok: true, fields: [] });
    expect(await verdict(compiled, base)).toEqual({ ok: true, fields: [] });
    expect(await verdict(compiled, { ...base, age: null })).toEqual({ ok: true, fields: [] });
    expect(await verdict(decorators, { ...base, age: null })).toEqual({ ok: true, fields: [] });
  });

  it('names nested fields the way the decorators do', async () => {
    const history = Array.from({ length: 6 }, () => ({
      repaymentStatus: 0,
      billAmount: 10,
      paymentAmount: 1,
    }));
    history[2] = { ...history[2], paymentAmount: -1 };
    const error = await compiled
      .transform({ creditLimit: 5000, age: 40, history }, metadata)
      .catch((e: unknown) => e);
    expect((error as DomainError).details?.fields).toEqual([
      { field: 'history.2.paymentAmount', messages: ['paymentAmount must not be less than 0'] },
    ]);
  });
});
