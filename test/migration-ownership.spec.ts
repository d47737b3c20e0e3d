// Each service runs platform's migrations, the engine's and its own, never another service's; the CLI's
// list is every migration file in migrations/, in timestamp order.
import { readdirSync } from 'node:fs';
import {
  inferenceMigrations,
  medicalMigrations,
  migrations,
  platformMigrations,
  riskMigrations,
  serviceMigrations,
  supportMigrations,
} from '@suite/migrations';

const names = (list: { name: string }[]) => list.map((m) => m.name);
const services = { risk: riskMigrations, medical: medicalMigrations, support: supportMigrations };

describe('migration ownership', () => {
  it.each(Object.entries(services))(
    '%s runs platform, inference and its own migrations only',
    (service, own) => {
      const others = Object.entries(services).flatMap(([s, list]) => (s === service ? [] : names(list)));
      const sut = names(serviceMigrations(own));
      expect(sut).toEqual(
        expect.arrayContaining([...names(platformMigrations), ...names(inferenceMigrations)]),
      );
      expect(sut).toEqual(expect.arrayContaining(names(own)));
      expect(sut.filter((n) => others.includes(n))).toEqual([]);
      expect(sut).toEqual([...sut].sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13))));
    },
  );

  it('the suite list holds every migration file, each owned by exactly one floor, in timestamp order', () => {
    const files = readdirSync(new URL('../migrations/', import.meta.url)).filter((f) =>
      /^\d{13}-.*\.ts$/.test(f),
    );
    const owned = [
      platformMigrations,
      inferenceMigrations,
      riskMigrations,
      medicalMigrations,
      supportMigrations,
    ].flat();
    expect(new Set(names(owned)).size).toBe(owned.length);
    expect(migrations).toHaveLength(files.length);
    expect(names(migrations).map((n) => n.slice(-13))).toEqual(files.map((f) => f.slice(0, 13)).sort());
  });
});
