import * as z from 'zod';
import { compileCheck, PATTERN_MESSAGE_KEYWORD, schemaCheckOf } from './compiled-schema.js';

const sut = compileCheck({
  type: 'object',
  additionalProperties: false,
  required: ['count', 'items'],
  properties: {
    count: { type: 'integer', minimum: 1, maximum: 9 },
    colour: { enum: ['red', 'blue', null] },
    code: {
      type: ['string', 'null'],
      maxLength: 4,
      pattern: '^[A-Z]+$',
      [PATTERN_MESSAGE_KEYWORD]: 'code must be capitals',
    },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 2,
      items: { type: 'object', additionalProperties: false, properties: { 'a/b': { type: 'number' } } },
    },
  },
});

describe('compiled JSON-schema checks', () => {
  it('accepts a valid value, null for nullable fields included', () => {
    expect(sut({ count: 3, colour: null, code: null, items: [{ 'a/b': 1.5 }] })).toBeUndefined();
  });

  it('names every missing field and counts unknown ones without naming them', () => {
    expect(sut({ extra: 1, Secret: 2 })).toEqual([
      { field: 'body', messages: ['2 unknown properties'] },
      { field: 'count', messages: ['count is required'] },
      { field: 'items', messages: ['items is required'] },
    ]);
  });

  it('phrases range, type, enum, length and pattern failures per field, with nested paths', () => {
    expect(sut({ count: 12, colour: 'green', code: 'abcde', items: [{ 'a/b': 'x' }, {}] })).toEqual([
      { field: 'count', messages: ['count must not be greater than 9'] },
      { field: 'colour', messages: ['colour must be one of the following values: red, blue'] },
      {
        field: 'code',
        messages: ['code must be shorter than or equal to 4 characters', 'code must be capitals'],
      },
      { field: 'items.0.a/b', messages: ['a/b must be a number'] },
    ]);
    expect(sut({ count: 1.5, items: [] })).toEqual([
      { field: 'count', messages: ['count must be an integer number'] },
      { field: 'items', messages: ['items must contain at least 1 elements'] },
    ]);
  });

  it('refuses a body that is not an object as "body"', () => {
    expect(sut([1])).toEqual([{ field: 'body', messages: ['body must be an object'] }]);
  });

  it('refuses an over-long array on its own, before looking at its items', () => {
    const items = Array.from({ length: 5000 }, () => ({ 'a/b': 'not a number' }));
    expect(sut({ count: 1, items })).toEqual([
      { field: 'items', messages: ['items must contain no more than 2 elements'] },
    ]);
  });
});

describe('checks compiled from a schema declaration (zod)', () => {
  const Item = z.strictObject({ size: z.int().min(1).max(9) }).meta({ id: 'CompiledSchemaSpecItem' });
  const Declared = z.strictObject({
    name: z.string().max(3).nullish(),
    colour: z.enum(['red', 'blue']).nullish(),
    items: z.array(Item).max(2),
  });
  const check = schemaCheckOf(Declared);

  it('is compiled once per declaration', () => {
    expect(schemaCheckOf(Declared)).toBe(check);
  });

  it("reports a nullable field's own failure, not the null branch of its anyOf", () => {
    expect(check({ name: null, colour: null, items: [] })).toBeUndefined();
    expect(check({ name: 'abcd', colour: 3, items: [{ size: 0 }, { size: 'x' }] })).toEqual([
      { field: 'name', messages: ['name must be shorter than or equal to 3 characters'] },
      { field: 'colour', messages: ['colour must be one of the following values: red, blue'] },
      { field: 'items.0.size', messages: ['size must not be less than 1'] },
      { field: 'items.1.size', messages: ['size must be an integer number'] },
    ]);
  });

  it('follows named (referenced) schemas to their array limits', () => {
    const Nested = z.strictObject({
      inner: z.strictObject({ list: z.array(z.int()).max(1) }).meta({ id: 'CompiledSchemaSpecInner' }),
    });
    expect(schemaCheckOf(Nested)({ inner: { list: [1, 2, 'x'] } })).toEqual([
      { field: 'inner.list', messages: ['list must contain no more than 1 elements'] },
    ]);
  });
});
