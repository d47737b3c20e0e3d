// One iterative pass over a request value before anything else touches it (class-transformer, ajv, the
// idempotency hash, PostgreSQL): bounded depth and breadth, and only strings PostgreSQL can store.
// PostgreSQL's text and jsonb refuse NUL (U+0000), and jsonb refuses the \ud800-style escapes that
// JSON.stringify writes for lone surrogates, so either reached the database as a 500.
import type { FieldErrors } from './domain-error.js';

/** Deepest JSON nesting accepted: class-transformer and the request hash recurse per level. */
export const MAX_JSON_DEPTH = 64;

/** Most properties of one object: every unknown one costs a validation error (20,000 took seconds). */
export const MAX_OBJECT_KEYS = 1000;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string;
}

const pathOf = (frame: Frame, root: string): string => {
  const keys: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  return keys.length > 0 ? keys.reverse().join('.') : root;
};

// The property a message is about: "rules.3.patterns.0" -> "patterns".
const nameOf = (field: string) => field.split('.').findLast((s) => !/^\d+$/.test(s)) ?? field;

// String.prototype.isWellFormed (ES2024, Node >= 20): the repo's TypeScript lib is older.
type WellFormedCheck = { isWellFormed(): boolean };

/** Why a string cannot be stored, or undefined. isWellFormed(): no lone surrogates. */
export function unstorableString(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (!(text as unknown as WellFormedCheck).isWellFormed())
    return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

// Plain JSON containers only: Buffers (raw bodies), streams and class instances are not walked.
const isPlainContainer = (v: object): boolean => {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

type Visit = (frame: Frame) => FieldErrors | undefined | 'skip';

// Depth-first, iterative (a 10,000-deep body must not overflow the stack).
function walk(value: unknown, visit: Visit): FieldErrors | undefined {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const found = visit(frame);
    if (found === 'skip') continue;
    if (found) return found;
    const v = frame.value;
    if (v === null || typeof v !== 'object' || !isPlainContainer(v)) continue;
    const depth = frame.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], depth, parent: frame, key: String(i) });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (v as Record<string, unknown>)[keys[i]], depth, parent: frame, key: keys[i] });
      }
    }
  }
  return undefined;
}

/**
 * Nesting deeper than MAX_JSON_DEPTH or an object with more than MAX_OBJECT_KEYS properties, as a field
 * error on `root` (the body or a parameter's name): the keys on the way may be anything the caller
 * sent, so none is named.
 */
export function shapeProblem(value: unknown, root: string): FieldErrors | undefined {
  return walk(value, ({ value: v, depth }) => {
    if (v === null || typeof v !== 'object') return 'skip';
    if (depth >= MAX_JSON_DEPTH)
      return { field: root, messages: [`${root} nested deeper than ${MAX_JSON_DEPTH} levels`] };
    if (!Array.isArray(v) && isPlainContainer(v) && Object.keys(v).length > MAX_OBJECT_KEYS) {
      return {
        field: root,
        messages: [`${root} has an object with more than ${MAX_OBJECT_KEYS} properties`],
      };
    }
    return undefined;
  });
}

/**
 * The first string (value or property name) PostgreSQL cannot store. With `namePath` (the value passed
 * its DTO's validation, so every key on the way is a declared property) the error names the field,
 * else only `root`. Never the value.
 */
export function unstorableProblem(value: unknown, root: string, namePath: boolean): FieldErrors | undefined {
  const at = (frame: Frame, problem: string): FieldErrors => {
    const field = namePath ? pathOf(frame, root) : root;
    return { field, messages: [`${nameOf(field)} ${problem}`] };
  };
  return walk(value, (frame) => {
    const v = frame.value;
    if (typeof v === 'string') {
      const problem = unstorableString(v);
      return problem ? at(frame, problem) : 'skip';
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !isPlainContainer(v)) return undefined;
    for (const key of Object.keys(v)) {
      const problem = unstorableString(key);
      if (problem) return at(frame, `has a property name that ${problem}`);
    }
    return undefined;
  });
}

/** One entry for `count` unknown properties of `field`, which are counted, never named. */
export function unknownFields(field: string, count: number): FieldErrors {
  return { field, messages: [`${count} unknown propert${count === 1 ? 'y' : 'ies'}`] };
}
