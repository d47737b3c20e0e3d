// Every migration, in order. Loaded by class (not by glob) so the same list works from dist/ and in jest.
import type { MigrationInterface } from 'typeorm';

export const migrations: (new () => MigrationInterface)[] = [];
