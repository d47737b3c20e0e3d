// The score request is declared once (zod); the pipe validates it with ajv's code for the JSON schema
// zod prints. Here: on any input the compiled check and zod itself accept and refuse alike and name the
// same fields, and the 400s read as the API's always have (dotted paths, messages naming the
// property, never a value).
import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, DomainError, type FieldErrors, schemaCheckOf } from '@suite/platform';
import fc from 'fast-check';
import { ScoreRequestSchema } from './score-request.schema.js';

const metadata: ArgumentMetadata = { type: 'body', metatype: Object, schema: ScoreRequestSchema };
const pipe = createValidationPipe();

async function compiled(value: unknown): Promise<{ ok: boolean; fields: FieldErrors[] }> {
  try {
    await pipe.transform(structuredClone(value), metadata);
    return { ok: true, fields: [] };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
    return { ok: false, fields: error.details?.fields ?? [] };
  }
}

// zod's own verdict, its issues named as the pipe names fields (unknown keys on their object).
function declared(value: unknown): { ok: boolean; fields: string[] } {
  const result = ScoreRequestSchema.safeParse(value);
  if (result.success) return { ok: true, fields: [] };
  const fields = result.error.issues.map((i) => i.path.map(String).join('.') || 'body');
  return { ok: false, fields: [...new Set(fields)].sort() };
}

const namesOf = (fields: FieldErrors[]) => [...new Set(fields.map((f) => f.field))].sort();

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
    externalReference: fc.oneof(fc.stringMatching(/^[\x21-\x7e]{1,64}$/), fc.constant(null)),
    creditLimit: fc.double({ min: 1, max: 1e9, noNaN: true }),
    age: fc.oneof(fc.integer({ min: 18, max: 120 }), fc.constant(null)),
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

const month0 = { repaymentStatus: 0, billAmount: 10, paymentAmount: 1 };
const base = { creditLimit: 5000, history: Array.from({ length: 6 }, () => ({ ...month0 })) };

describe('ScoreRequestSchema: the compiled check and the declaration agree', () => {
  it('on near-valid and arbitrary requests', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(validApplication, application, fc.jsonValue()), async (body) => {
        const fast = await compiled(body);
        const zod = declared(body);
        expect(fast.ok).toBe(zod.ok);
        if (body === null) {
          // A null body is no body, an empty object (as in Nest's own pipe): its required fields are missing.
          expect(namesOf(fast.fields)).toEqual(['creditLimit', 'history']);
        } else if (typeof body !== 'object' || Array.isArray(body)) {
          // Refused before the schema as "body", as every JSON body that is not an object.
          expect(namesOf(fast.fields)).toEqual(['body']);
        } else if (
          Array.isArray((body as { history?: unknown }).history) &&
          (body as { history: [] }).history.length > 6
        ) {
          // An over-long array is refused on its own, before its items are looked at.
          expect(fast.fields).toEqual([
            { field: 'history', messages: ['history must contain no more than 6 elements'] },
          ]);
          expect(zod.fields).toContain('history');
        } else {
          // Every field (the 400 itself lists at most MAX_REPORTED_FIELDS of them). zod skips a
          // container's own checks (history's length) when its contents fail; ajv reports both.
          const ours = namesOf(schemaCheckOf(ScoreRequestSchema)(body) ?? []);
          expect(ours).toEqual(expect.arrayContaining(zod.fields));
          for (const extra of ours.filter((f) => !zod.fields.includes(f))) {
            expect(zod.fields.some((f) => f.startsWith(`${extra}.`))).toBe(true);
          }
        }
        if (fast.ok) accepted++;
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    // Both outcomes were exercised, so agreement is not agreement on refusing everything.
    expect(accepted).toBeGreaterThan(300);
  });

  it('accepts optional fields absent or null, and refuses unknown ones by count, not name', async () => {
    expect(await compiled(base)).toEqual({ ok: true, fields: [] });
    const nulls = { externalReference: null, age: null, sex: null, education: null, maritalStatus: null };
    expect(await compiled({ ...base, ...nulls })).toEqual({ ok: true, fields: [] });
    expect(
      await compiled({ ...base, Secret: 'x', history: [{ ...month0, note: 1 }, ...base.history.slice(1)] }),
    ).toEqual({
      ok: false,
      fields: [
        { field: 'body', messages: ['1 unknown property'] },
        { field: 'history.0', messages: ['1 unknown property'] },
      ],
    });
  });

  it('phrases each kind of failure by field, as the API always has', async () => {
    const history = base.history.map((m) => ({ ...m }));
    history[2] = { ...history[2], paymentAmount: -1 };
    history[4] = { repaymentStatus: 1.5, billAmount: 'a lot' } as never;
    const refused = await compiled({
      externalReference: 'has spaces',
      age: 17,
      sex: 5,
      education: 'phd',
      maritalStatus: null,
      history,
    });
    expect(refused).toEqual({
      ok: false,
      fields: [
        { field: 'creditLimit', messages: ['creditLimit is required'] },
        {
          field: 'externalReference',
          messages: ['externalReference must be printable ASCII without spaces'],
        },
        { field: 'age', messages: ['age must not be less than 18'] },
        { field: 'sex', messages: ['sex must be one of the following values: female, male'] },
        {
          field: 'education',
          messages: [
            'education must be one of the following values: graduate_school, university, high_school, other',
          ],
        },
        { field: 'history.2.paymentAmount', messages: ['paymentAmount must not be less than 0'] },
        { field: 'history.4.paymentAmount', messages: ['paymentAmount is required'] },
        { field: 'history.4.repaymentStatus', messages: ['repaymentStatus must be an integer number'] },
        { field: 'history.4.billAmount', messages: ['billAmount must be a number'] },
      ],
    });
    expect(
      await compiled({ ...base, externalReference: 'x'.repeat(65), age: 'forty', creditLimit: 2e9 }),
    ).toEqual({
      ok: false,
      fields: [
        {
          field: 'externalReference',
          messages: ['externalReference must be shorter than or equal to 64 characters'],
        },
        { field: 'creditLimit', messages: ['creditLimit must not be greater than 1000000000'] },
        { field: 'age', messages: ['age must be an integer number'] },
      ],
    });
    expect(await compiled({ ...base, history: base.history.slice(1) })).toEqual({
      ok: false,
      fields: [{ field: 'history', messages: ['history must contain at least 6 elements'] }],
    });
    // No message carries a value the caller sent.
    expect(JSON.stringify(refused)).not.toMatch(/has spaces|a lot|phd/);
  });
});
