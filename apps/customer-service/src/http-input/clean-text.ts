import { Transform } from 'class-transformer';

// Control characters other than tab and line breaks carry no meaning in a chat message, NUL cannot be
// stored in a PostgreSQL text column, and lone UTF-16 surrogates are not text (jsonb refuses them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** DTO decorator: strips control characters from a string before it is validated. */
export const CleanText = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? stripControlCharacters(value) : value,
  );
