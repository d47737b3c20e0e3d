import { DomainError } from '@suite/platform';
import { decodeHl7Escapes } from './hl7-escape.js';
import { looksLikeHl7, parseHl7Mdm, parseHl7Timestamp } from './hl7-mdm.parser.js';

const STANDARD = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

function mdm(overrides: { msh9?: string; msh10?: string; pid3?: string; obx?: string[]; txa?: string } = {}) {
  return [
    `MSH|^~\\&|EPIC|GENHOSP|SUITE|MEDREC|20250301120000||${overrides.msh9 ?? 'MDM^T02^MDM_T02'}|${overrides.msh10 ?? 'CTRL-0001'}|P|2.5.1`,
    'EVN|T02|20250301120000',
    `PID|1||${overrides.pid3 ?? '000111^^^GENHOSP^PI~MRN-4455^^^GENHOSP^MR'}||DOE^JANE||19700101|F`,
    'PV1|1|I',
    overrides.txa ?? 'TXA|1|DS|TX|20250301101500||20250301100000||||||DOC-77^GENHOSP||||||AU',
    ...(overrides.obx ?? [
      'OBX|1|TX|DS^Discharge summary||Patient admitted with chest pain.||||||F',
      'OBX|2|TX|DS^Discharge summary||Aspirin 81 mg daily \\T\\ atorvastatin.||||||F',
    ]),
  ].join('\r');
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('parseHl7Mdm', () => {
  it('reads the control id, the MR patient id, the document date and the OBX text lines', () => {
    const sut = parseHl7Mdm(mdm());
    expect(sut.format).toBe('hl7v2');
    expect(sut.messageId).toBe('EPIC/GENHOSP:CTRL-0001:MDM^T02');
    expect(sut.documents).toHaveLength(1);
    const [doc] = sut.documents;
    expect(doc.patientId).toBe('MRN-4455');
    expect(doc.documentDate?.toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(doc.sourceDocumentId).toBe('DOC-77');
    expect(doc.text).toBe('Patient admitted with chest pain.\nAspirin 81 mg daily & atorvastatin.');
  });

  it('decodes every escape sequence with the delimiters the message declares', () => {
    const message = mdm({
      obx: ['OBX|1|FT|DS||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\.br\\g\\H\\bold\\N\\ \\X4F4B\\||||||F'],
    });
    expect(parseHl7Mdm(message).documents[0].text).toBe('a|b^c&d~e\\f\ngbold OK');
    const custom = [
      'MSH#$%!*#APP#FAC#####MDM$T02#C-9#P#2.5',
      'PID#1##P-1',
      'TXA#1#DS#TX#20250301',
      'OBX#1#TX#DS##x!F!y!.br!z!S!!E!######F',
    ].join('\r');
    expect(parseHl7Mdm(custom).documents[0].text).toBe('x#y\nz$!');
  });

  it('joins OBX-5 repetitions as lines and accepts LF or CRLF segment ends', () => {
    const message = mdm({ obx: ['OBX|1|TX|DS||line one~line two||||||F'] }).replace(/\r/g, '\r\n');
    expect(parseHl7Mdm(message).documents[0].text).toBe('line one\nline two');
  });

  it('takes the first PID-3 identifier when none is typed MR', () => {
    expect(parseHl7Mdm(mdm({ pid3: 'A123^^^HOSP' })).documents[0].patientId).toBe('A123');
  });

  it.each([
    ['not HL7 at all', 'Patient note', 'MSH'],
    ['an ADT message', mdm({ msh9: 'ADT^A01' }), 'MSH-9'],
    ['an MDM notification without content', mdm({ msh9: 'MDM^T01' }), 'MSH-9.2'],
    ['a missing control id', mdm({ msh10: '' }), 'MSH-10'],
    ['a PID without an identifier', mdm({ pid3: '' }), 'PID-3'],
    ['no TXA segment', mdm({ txa: 'NTE|1' }), 'TXA'],
    ['no OBX segment', mdm({ obx: [] }), 'OBX-5'],
    ['only OBX values that are not text', mdm({ obx: ['OBX|1|NM|GLU||5.4||||||F'] }), 'OBX-5'],
    ['empty OBX text', mdm({ obx: ['OBX|1|TX|DS||   ||||||F'] }), 'OBX-5'],
    ['a malformed segment id', `${mdm()}\rbadsegment`, 'segment 8'],
    ['a bad TXA date', mdm({ txa: 'TXA|1|DS|TX|2025-03-01||||||||DOC-1' }), 'TXA-4'],
  ])('rejects %s with a 400 naming %s', (_case, message, field) => {
    const err = errorOf(() => parseHl7Mdm(message));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details?.fields?.[0].field).toBe(field);
  });

  it('never puts a value from the message into an error', () => {
    const err = errorOf(() => parseHl7Mdm(mdm({ msh9: 'ADT^A01', pid3: 'SECRET-MRN-99' })));
    expect(err.message).not.toContain('SECRET');
    expect(err.message).not.toContain('ADT');
  });

  it('recognises an ER7 body by its MSH segment', () => {
    expect(looksLikeHl7(mdm())).toBe(true);
    expect(looksLikeHl7('MSHA is a chemical')).toBe(false);
    expect(looksLikeHl7('Patient MSH|')).toBe(false);
  });
});

describe('decodeHl7Escapes', () => {
  it('leaves an unterminated or unknown escape as text', () => {
    expect(decodeHl7Escapes('50\\% off \\Q\\', STANDARD)).toBe('50\\% off \\Q\\');
    expect(decodeHl7Escapes('a\\.sp2\\b\\.in+4\\c', STANDARD)).toBe('a\n\nbc');
  });
});

describe('parseHl7Timestamp', () => {
  it('reads every precision and the zone offset', () => {
    expect(parseHl7Timestamp('2025', 'X').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parseHl7Timestamp('202503011015', 'X').toISOString()).toBe('2025-03-01T10:15:00.000Z');
    expect(parseHl7Timestamp('20250301101530.25+0100', 'X').toISOString()).toBe('2025-03-01T09:15:30.250Z');
  });

  it('rejects impossible dates', () => {
    expect(() => parseHl7Timestamp('20251301', 'TXA-6')).toThrow('TXA-6');
    expect(() => parseHl7Timestamp('2025030125', 'TXA-6')).toThrow('TXA-6');
  });
});
