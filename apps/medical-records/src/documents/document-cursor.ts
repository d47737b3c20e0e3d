// Keyset pagination (ORDER BY occurred_at, id): the cursor is the last row's key, opaque to callers.
import { invalidField } from '../ingestion/source-document.js';

export interface DocumentKey {
  occurredAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(key: DocumentKey): string {
  return Buffer.from(`${key.occurredAt.toISOString()}|${key.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): DocumentKey {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(at ?? '');
  if (rest.length > 0 || !UUID.test(id ?? '') || Number.isNaN(occurredAt.getTime())) {
    throw invalidField('cursor', 'must be a nextCursor returned by this endpoint');
  }
  return { occurredAt, id };
}
