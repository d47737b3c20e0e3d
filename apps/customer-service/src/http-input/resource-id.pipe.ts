import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@suite/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resource id in the URL: a malformed one names nothing, so it is a 404 like an unknown one. */
@Injectable()
export class ResourceIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const text = String(value);
    if (!UUID.test(text)) throw new DomainError('NOT_FOUND', 'Not found');
    return text.toLowerCase();
  }
}
