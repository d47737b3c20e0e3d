import { DomainError } from '@suite/platform';
import { buildAcknowledgement } from './hl7-ack.js';
import { parseHl7Message } from './hl7-mdm.parser.js';
import { Hl7Refusal } from './hl7-refusal.js';
import { decodeHl7Body } from './hl7-segments.js';

function message(msh18: string, name: string, obx = 'Seen today.'): string {
  return [
    `MSH|^~\\&|LAB|HOSP|SUITE|MEDREC|20250301120000||ORU^R01^ORU_R01|C-1|P|2.5.1||||||${msh18}`,
    `PID|1||MRN-1^^^HOSP^MR||${name}^Zoë||19700101|F|||1 Rue Haute^^Liège^^4000||^PRN^PH^^^4^2223344`,
    'ORC|RE|ORD-1|FIL-1||||||||||77^Dupont^Luc',
    'OBR|1|ORD-1|FIL-1|24627-2^Chest CT^LN|||20250301100000|||||||||77^Dupont^Luc||||||20250301110000|||C',
    `OBX|1|TX|24627-2^Chest CT^LN||${obx}||||||C`,
    'OBX|2|NM|2345-7^Glucose^LN||5.4|mmol/L^mmol/L|3.9-5.5|N|||F',
    'NTE|1||Reviewed with the patient.',
  ].join('\r');
}

function refusalOf(fn: () => unknown): Hl7Refusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof Hl7Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('HL7 v2 charsets (MSH-18)', () => {
  it.each([
    ['8859/1', 'latin1' as const, 'Müller'],
    ['8859/15', 'latin1' as const, 'Müller'],
    ['UNICODE UTF-8', 'utf8' as const, 'Müller'],
    ['', 'utf8' as const, 'Müller'],
  ])('decodes a %s message', (charset, encoding, name) => {
    const sut = parseHl7Message(Buffer.from(message(charset, name), encoding));
    expect(sut.documents[0].knownIdentifiers?.names).toEqual(
      expect.arrayContaining([name, 'Zoë', 'Zoë Müller']),
    );
    expect(sut.documents[0].knownIdentifiers?.addresses).toEqual(
      expect.arrayContaining(['Liège', '1 Rue Haute']),
    );
  });

  it('reads 8859/15 bytes that differ from 8859/1 (the euro sign)', () => {
    expect(
      decodeHl7Body(
        Buffer.from([
          ...Buffer.from('MSH|^~\\&|A|B|C|D|20250301||ORU^R01|1|P|2.5.1||||||8859/15\rOBX|1|TX|||'),
          0xa4,
        ]),
      ).text,
    ).toMatch(/€$/);
  });

  it('falls back to windows-1252 for 8-bit bytes without a charset, and refuses bad UTF-8 declared as UTF-8', () => {
    const latin1 = Buffer.from(message('', 'Peña'), 'latin1');
    expect(parseHl7Message(latin1).documents[0].knownIdentifiers?.names).toContain('Peña');
    const declared = Buffer.from(message('UNICODE UTF-8', 'Peña'), 'latin1');
    expect(refusalOf(() => parseHl7Message(declared)).location).toBe('MSH-18');
  });

  it('rejects a charset it cannot decode with AR 103 naming MSH-18', () => {
    const err = refusalOf(() => parseHl7Message(Buffer.from(message('UNICODE UTF-16', 'X'))));
    expect([err.location, err.hl7ErrorCode, err.acknowledgement]).toEqual(['MSH-18', '103', 'AR']);
    expect(err).toBeInstanceOf(DomainError);
  });
});

describe('ORU^R01', () => {
  it('groups OBX and NTE per OBR with the report status, and collects the people', () => {
    const sut = parseHl7Message(message('', 'Martin'));
    expect(sut.documents).toHaveLength(1);
    const [doc] = sut.documents;
    expect(doc.text).toBe('Chest CT\nSeen today.\nGlucose: 5.4 mmol/L (N)\nReviewed with the patient.');
    expect(doc).toMatchObject({
      patientId: 'MRN-1',
      reportStatus: 'corrected',
      sourceDocumentId: 'FIL-1/24627-2',
    });
    expect(doc.documentDate?.toISOString()).toBe('2025-03-01T11:00:00.000Z');
    expect(doc.knownIdentifiers?.names).toEqual(expect.arrayContaining(['Luc Dupont', 'Dupont']));
    expect(doc.knownIdentifiers?.dates).toEqual(expect.arrayContaining(['1970-01-01']));
    expect(doc.knownIdentifiers?.phones).toEqual(expect.arrayContaining(['222-3344']));
  });
});

describe('ORM^O01', () => {
  it('keeps the order notes (NTE) of each OBR as its document', () => {
    const orm = message('', 'Martin')
      .replace('ORU^R01^ORU_R01', 'ORM^O01^ORM_O01')
      .split('\r')
      .filter((s) => !s.startsWith('OBX'))
      .join('\r');
    const sut = parseHl7Message(orm);
    expect(sut.documents.map((d) => d.text)).toEqual(['Chest CT\nReviewed with the patient.']);
  });
});

describe('buildAcknowledgement', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it('swaps sender and receiver and acknowledges the control id', () => {
    const ack = buildAcknowledgement(message('', 'Martin'), 'AA', undefined, now).split('\r');
    expect(ack[0]).toMatch(
      /^MSH\|\^~\\&\|SUITE\|MEDREC\|LAB\|HOSP\|20250301120000\|\|ACK\^R01\^ACK\|[0-9a-f-]{36}\|P\|2\.5\.1$/,
    );
    expect(ack[1]).toBe('MSA|AA|C-1');
  });

  it('names the location and the table 0357 code in ERR, escaping the text', () => {
    const ack = buildAcknowledgement(
      message('', 'Martin'),
      'AE',
      { location: 'PID-3', code: '101', message: 'a|b' },
      now,
    );
    expect(ack.split('\r')[2]).toBe('ERR||PID^1^3|101^Required field missing^HL70357|E|||a\\F\\b');
  });

  it('still answers AR for a body that is not HL7', () => {
    expect(buildAcknowledgement('not hl7', 'AR', undefined, now).split('\r')[1]).toBe('MSA|AR|');
  });
});
