// The contract with de-identification, checked on other people's messages: every patient name part,
// identifier and birth date that the structured data carries (read by the e2e tests' independent
// helpers) is handed over in SourceDocument.knownIdentifiers, so DeidService can remove it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  fhirFixture,
  fhirPatientValues,
  hl7Fixture,
  hl7PatientValues,
  INTEROP_DIR,
} from '../../test/interop-fixtures.js';
import type { KnownIdentifiers } from '../deid/known-identifiers.js';
import { parseFhirResource } from './fhir-document.parser.js';
import { parseHl7Message } from './hl7-mdm.parser.js';
import type { SourceMessage } from './source-document.js';

function parsed(fn: () => SourceMessage): SourceMessage | undefined {
  try {
    return fn();
  } catch {
    return undefined; // refused: nothing is stored, so nothing can leak
  }
}

function covered(known: KnownIdentifiers | undefined, value: string): boolean {
  const all = Object.values(known ?? {}).flat() as string[];
  return all.some((k) => k === value || k.split(/[\s,-]+/).includes(value));
}

describe('known identifiers handed to de-identification', () => {
  const fhirFiles = readdirSync(join(INTEROP_DIR, 'fhir'));
  const hl7Files = readdirSync(join(INTEROP_DIR, 'hl7v2'));

  it.each(fhirFiles)(
    '%s: every Patient name part, identifier and birth date is a known identifier',
    (file) => {
      const text = fhirFixture(file).toString('utf8');
      const message = parsed(() => parseFhirResource(text));
      if (!message) return;
      const values = fhirPatientValues(JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>);
      for (const doc of message.documents) {
        expect(values.filter((v) => !covered(doc.knownIdentifiers, v))).toEqual([]);
      }
    },
  );

  it.each(hl7Files)('%s: every PID name part, identifier and birth date is a known identifier', (file) => {
    const bytes = hl7Fixture(file);
    const message = parsed(() => parseHl7Message(bytes));
    if (!message) return;
    const decoded = /8859\/1/.test(bytes.subarray(0, 400).toString('latin1'))
      ? bytes.toString('latin1')
      : bytes.toString('utf8');
    const values = hl7PatientValues(decoded);
    for (const doc of message.documents) {
      expect(values.filter((v) => !covered(doc.knownIdentifiers, v))).toEqual([]);
    }
  });

  it('collects people in the Bundle and contained, telecom, addresses and reference displays', () => {
    const sut = parseFhirResource({
      resourceType: 'DocumentReference',
      contained: [
        {
          resourceType: 'Practitioner',
          id: 'p',
          name: [{ family: 'Careful', given: ['Adam'], prefix: ['Dr'] }],
        },
        {
          resourceType: 'RelatedPerson',
          id: 'r',
          name: [{ text: 'Bernadette Shaw' }],
          telecom: [{ system: 'email', value: 'b.shaw@example.org' }],
        },
      ],
      subject: { reference: 'Patient/9', display: 'Eve Everywoman' },
      author: [{ reference: '#p' }],
      content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('Seen.').toString('base64') } }],
    });
    expect(sut.documents[0].knownIdentifiers).toMatchObject({
      names: expect.arrayContaining([
        'Careful',
        'Adam',
        'Adam Careful',
        'Dr Adam Careful',
        'Bernadette Shaw',
        'Eve Everywoman',
      ]),
      emails: ['b.shaw@example.org'],
    });
  });
});
