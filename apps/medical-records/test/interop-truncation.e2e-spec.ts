// Property: no FHIR or HL7 fixture, cut at any byte offset, gets a 5xx. A truncated message is a
// sender's problem (4xx naming what is wrong) or, when the cut leaves a complete message, stored.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { fhirFixture, hl7Fixture, INTEROP_DIR } from './interop-fixtures.js';

const FHIR = 'application/fhir+json';
const HL7 = 'x-application/hl7-v2+er7';
const RUNS_PER_FILE = 6;

const fixtures: [string, Buffer, string][] = [
  ...readdirSync(join(INTEROP_DIR, 'fhir')).map((f): [string, Buffer, string] => [f, fhirFixture(f), FHIR]),
  ...readdirSync(join(INTEROP_DIR, 'hl7v2')).map((f): [string, Buffer, string] => [f, hl7Fixture(f), HL7]),
];

describe('medical-records: truncated interop messages', () => {
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    key = await sut.createKey(SERVICE, ['documents:write']);
  });

  afterAll(() => sut.close());

  it.each(fixtures)(
    'answers %s cut at random byte offsets without a 5xx',
    async (_name, bytes, contentType) => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: bytes.length }),
          fc.constantFrom('json', 'native'),
          async (cut, accept) => {
            const res = await request(sut.server)
              .post('/v1/documents')
              .set('x-api-key', key)
              .set('content-type', contentType)
              .set('accept', accept === 'json' ? 'application/json' : contentType)
              .send(bytes.subarray(0, cut));
            statuses.add(res.status);
            expect(res.status).toBeLessThan(500);
          },
        ),
        { numRuns: RUNS_PER_FILE, seed: 15 },
      );
      expect([...statuses].every((s) => s === 201 || (s >= 400 && s < 500))).toBe(true);
    },
  );
});
