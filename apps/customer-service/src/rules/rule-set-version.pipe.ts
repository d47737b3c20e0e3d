import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@suite/platform';

/** A rule-set version in the URL: a positive PostgreSQL integer, else the version does not exist. */
@Injectable()
export class RuleSetVersionPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    // The global ValidationPipe may already have turned the parameter into a number.
    const text = String(value);
    const version = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!(version >= 1 && version <= 2147483647))
      throw new DomainError('NOT_FOUND', `Rule set version ${text.slice(0, 20)} does not exist`);
    return version;
  }
}
