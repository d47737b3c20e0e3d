import { DomainError } from '@suite/platform';
import { parseJsonSubmission, parseRawSubmission } from './clinical-submission.js';
import { toStorableText } from './source-document.js';

describe('parseRawSubmission', () => {
  it('reads text/plain with its metadata headers', () => {
    const sut = parseRawSubmission('text/plain; charset=utf-8', 'Dolor abdominal.', {
      'content-language': 'es-ES',
      'x-deid-mode': 'surrogate',
      'x-patient-id': ' MRN-1 ',
      'x-document-date': '2025-03-01',
      'x-source-message-id': 'msg-1',
    });
    expect(sut).toMatchObject({
      language: 'es',
      mode: 'surrogate',
      message: { format: 'text', messageId: 'msg-1' },
    });
    expect(sut.message.documents[0]).toMatchObject({ text: 'Dolor abdominal.', patientId: 'MRN-1' });
  });

  it('treats a text/plain body that starts with MSH as HL7', () => {
    const hl7 = 'MSH|^~\\&|A|B|||20250101||MDM^T02|1|P|2.5\rPID|1||X1\rTXA|1|DS\rOBX|1|TX|||Note.';
    expect(parseRawSubmission('text/plain', hl7, {}).message.format).toBe('hl7v2');
  });

  it.each([
    ['an unknown media type', 'application/xml', 'x', {}, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no media type', undefined, 'x', {}, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a French Content-Language', 'text/plain', 'x', { 'content-language': 'fr' }, 'VALIDATION_FAILED'],
    ['an unknown mode', 'text/plain', 'x', { 'x-deid-mode': 'mask' }, 'VALIDATION_FAILED'],
    ['a bad document date', 'text/plain', 'x', { 'x-document-date': 'yesterday' }, 'VALIDATION_FAILED'],
    ['a source id with spaces', 'text/plain', 'x', { 'x-source-message-id': 'a b' }, 'VALIDATION_FAILED'],
  ])('rejects %s', (_case, contentType, body, headers, code) => {
    expect(() => parseRawSubmission(contentType, body, headers)).toThrow(DomainError);
    try {
      parseRawSubmission(contentType, body, headers);
    } catch (err) {
      expect((err as DomainError).code).toBe(code);
    }
  });
});

describe('parseJsonSubmission', () => {
  it('defaults to redaction and detection', () => {
    const sut = parseJsonSubmission({ text: 'Fever.' });
    expect(sut.mode).toBe('redact');
    expect(sut.language).toBeUndefined();
  });

  it('takes language and mode from the headers when the body has none', () => {
    const headers = { 'content-language': 'es', 'x-deid-mode': 'surrogate' };
    expect(parseJsonSubmission({ text: 'Fiebre.' }, headers)).toMatchObject({
      language: 'es',
      mode: 'surrogate',
    });
    expect(parseJsonSubmission({ text: 'Fever.', language: 'en', mode: 'redact' }, headers)).toMatchObject({
      language: 'en',
      mode: 'redact',
    });
  });
});

describe('toStorableText', () => {
  it('replaces NUL and unpaired surrogates, keeping length and pairs', () => {
    const text = 'a\u0000b\uD800c\uDC00d\uD83D\uDE00';
    const sut = toStorableText(text);
    expect(sut).toBe('a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00');
    expect(sut.length).toBe(text.length);
  });
});
