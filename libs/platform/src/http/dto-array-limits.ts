// Fail fast on arrays longer than their DTO allows, before class-transformer builds (and
// class-validator checks) every item: a 5,000-item rule set took 5 s to be told its limit is 500.
// The limits are the DTOs' own @ArrayMaxSize decorators, followed through @ValidateNested + @Type.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { FieldErrors } from './domain-error.js';
import { MAX_JSON_DEPTH } from './json-shape.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type DtoClass = Function;

interface PropertyLimit {
  property: string;
  maxItems?: number;
  nested?: () => DtoClass;
}

const limitsByClass = new WeakMap<DtoClass, PropertyLimit[]>();

function limitsOf(dto: DtoClass): PropertyLimit[] {
  let limits = limitsByClass.get(dto);
  if (!limits) {
    const byProperty = new Map<string, PropertyLimit>();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
      const limit = byProperty.get(m.propertyName) ?? { property: m.propertyName };
      if (m.name === 'arrayMaxSize' && !m.each) limit.maxItems = Number(m.constraints[0]);
      if (m.type === 'nestedValidation') {
        const type = defaultMetadataStorage.findTypeMetadata(dto, m.propertyName);
        if (type) limit.nested = () => type.typeFunction() as DtoClass;
      }
      byProperty.set(m.propertyName, limit);
    }
    limits = [...byProperty.values()].filter((l) => l.maxItems !== undefined || l.nested);
    limitsByClass.set(dto, limits);
  }
  return limits;
}

/** The first array of `value` longer than its DTO's @ArrayMaxSize, named by its (declared) path. */
export function arrayLimitProblem(
  dto: DtoClass,
  value: unknown,
  path = '',
  depth = 0,
): FieldErrors | undefined {
  if (depth > MAX_JSON_DEPTH || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  for (const limit of limitsOf(dto)) {
    const v = (value as Record<string, unknown>)[limit.property];
    const field = path ? `${path}.${limit.property}` : limit.property;
    if (Array.isArray(v) && limit.maxItems !== undefined && v.length > limit.maxItems) {
      return { field, messages: [`${limit.property} must contain no more than ${limit.maxItems} elements`] };
    }
    if (limit.nested && v !== null && typeof v === 'object') {
      const nested = limit.nested();
      if (!Array.isArray(v)) {
        const problem = arrayLimitProblem(nested, v, field, depth + 1);
        if (problem) return problem;
        continue;
      }
      for (let i = 0; i < v.length; i++) {
        const problem = arrayLimitProblem(nested, v[i], `${field}.${i}`, depth + 1);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}
