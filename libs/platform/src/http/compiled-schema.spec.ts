import { compileCheck, PATTERN_MESSAGE_KEYWORD } from './compiled-schema.js';

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
    expect(sut({ count: 12, colour: 'green', code: 'abcde', items: [{ 'a/b': 'x' }, {}, {}] })).toEqual([
      { field: 'count', messages: ['count must not be greater than 9'] },
      { field: 'colour', messages: ['colour must be one of the following values: red, blue'] },
      {
        field: 'code',
        messages: ['code must be shorter than or equal to 4 characters', 'code must be capitals'],
      },
      { field: 'items', messages: ['items must contain no more than 2 elements'] },
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
});
