import { MAX_JSON_DEPTH, MAX_OBJECT_KEYS, shapeProblem, unstorableProblem } from './json-shape.js';

const deep = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

describe('shapeProblem', () => {
  it('refuses a body nested 10,000 deep without overflowing the stack, naming only the root', () => {
    expect(shapeProblem(deep(10_000), 'body')).toEqual({
      field: 'body',
      messages: [`body nested deeper than ${MAX_JSON_DEPTH} levels`],
    });
  });

  it('accepts exactly MAX_JSON_DEPTH levels and refuses one more', () => {
    expect(shapeProblem(deep(MAX_JSON_DEPTH), 'body')).toBeUndefined();
    expect(shapeProblem(deep(MAX_JSON_DEPTH + 1), 'body')).toBeDefined();
  });

  it('refuses an object with more than MAX_OBJECT_KEYS properties without naming any of them', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_OBJECT_KEYS + 1 }, (_, i) => [`Secret${i}`, i]));
    const problem = shapeProblem({ nested: [wide] }, 'body');
    expect(problem?.field).toBe('body');
    expect(JSON.stringify(problem)).not.toContain('Secret');
    expect(shapeProblem(Object.fromEntries(Object.entries(wide).slice(1)), 'body')).toBeUndefined();
  });
});

describe('unstorableProblem', () => {
  it('names the field holding a NUL once the value passed its DTO, never the value', () => {
    const body = { transactions: [{ externalId: 'ok' }, { externalId: 'Canary\u0000x' }] };
    expect(unstorableProblem(body, 'body', true)).toEqual({
      field: 'transactions.1.externalId',
      messages: ['externalId must not contain NUL characters'],
    });
  });

  it('names only the root when the keys on the way were not validated', () => {
    expect(unstorableProblem({ Secret: ['a\u0000'] }, 'body', false)).toEqual({
      field: 'body',
      messages: ['body must not contain NUL characters'],
    });
  });

  it('refuses lone surrogates and accepts paired ones', () => {
    expect(unstorableProblem({ patterns: ['x\ud800y'] }, 'body', true)).toEqual({
      field: 'patterns.0',
      messages: ['patterns must be well-formed Unicode (no lone surrogates)'],
    });
    expect(unstorableProblem({ text: 'caf\u00e9 🙂 \udc00'.slice(0, -1) }, 'body', true)).toBeUndefined();
  });

  it('refuses a property name with a NUL at its parent, without the name', () => {
    const problem = unstorableProblem({ meta: { 'Secret\u0000': 1 } }, 'body', true);
    expect(problem).toEqual({
      field: 'meta',
      messages: ['meta has a property name that must not contain NUL characters'],
    });
  });

  it('checks a plain string parameter and leaves raw buffers alone', () => {
    expect(unstorableProblem('a\u0000', 'id', false)?.field).toBe('id');
    expect(unstorableProblem(Buffer.from([0, 0, 0]), 'body', false)).toBeUndefined();
  });
});
