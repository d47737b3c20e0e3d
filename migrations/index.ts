// Every migration, in order. Loaded by class (not by glob) so the same list works from dist/ and in jest.
import type { MigrationInterface } from 'typeorm';
import { PlatformSchema1764300000001 } from './1764300000001-platform-schema.js';

export const migrations: (new () => MigrationInterface)[] = [PlatformSchema1764300000001];
