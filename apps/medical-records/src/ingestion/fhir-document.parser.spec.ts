import { DomainError } from '@suite/platform';
import { parseFhirResource, xhtmlToText } from './fhir-document.parser.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function documentReference(overrides: Record<string, unknown> = {}) {
  return {
    resourceType: 'DocumentReference',
    id: 'note-1',
    status: 'current',
    subject: { reference: 'Patient/p-123' },
    date: '2025-03-01T10:00:00+01:00',
    content: [
      {
        attachment: { contentType: 'text/plain; charset=utf-8', data: b64('Fiebre y tos. Paracetamol 1 g.') },
      },
    ],
    ...overrides,
  };
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'VALIDATION_FAILED') return err.details?.fields?.[0].field;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('parseFhirResource', () => {
  it('reads a DocumentReference: base64 text, patient, date, id as the message id', () => {
    const sut = parseFhirResource(documentReference());
    expect(sut).toMatchObject({ format: 'fhir', bundle: false, messageId: 'DocumentReference/note-1' });
    expect(sut.documents[0]).toMatchObject({
      text: 'Fiebre y tos. Paracetamol 1 g.',
      patientId: 'p-123',
      sourceDocumentId: 'note-1',
    });
    expect(sut.documents[0].documentDate?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
  });

  it('prefers masterIdentifier as the message id and subject.identifier as the patient', () => {
    const sut = parseFhirResource(
      documentReference({
        masterIdentifier: { system: 'urn:oid:1.2.3', value: 'DOC-9' },
        subject: { reference: 'Patient/p-123', identifier: { system: 'urn:mrn', value: 'MRN-1' } },
      }),
    );
    expect(sut.messageId).toBe('urn:oid:1.2.3|DOC-9');
    expect(sut.documents[0].patientId).toBe('MRN-1');
  });

  it('falls back to the narrative when no attachment carries data, decoding XHTML', () => {
    const sut = parseFhirResource(
      documentReference({
        content: [{ attachment: { contentType: 'text/plain', title: 'Note' } }],
        text: {
          status: 'generated',
          div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Asma &amp; EPOC</p><p>Salbutamol&#160;inh.</p></div>',
        },
      }),
    );
    expect(sut.documents[0].text).toBe('Asma & EPOC\nSalbutamol\u00a0inh.');
  });

  it('joins several attachments and accepts inline attachment text', () => {
    const sut = parseFhirResource(
      documentReference({
        content: [{ attachment: { data: b64('One.') } }, { attachment: { text: 'Two.' } }],
      }),
    );
    expect(sut.documents[0].text).toBe('One.\n\nTwo.');
  });

  it('reads a transaction Bundle: one document per DocumentReference, patients resolved in the Bundle', () => {
    const sut = parseFhirResource({
      resourceType: 'Bundle',
      type: 'transaction',
      identifier: { value: 'batch-42' },
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: {
            resourceType: 'Patient',
            identifier: [
              { type: { coding: [{ code: 'PI' }] }, value: 'internal-1' },
              { type: { coding: [{ code: 'MR' }] }, value: 'MRN-77' },
            ],
          },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: documentReference({
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
          }),
        },
        {
          resource: documentReference({ id: 'note-2', content: [{ attachment: { data: b64('Second.') } }] }),
        },
      ],
    });
    expect(sut).toMatchObject({ bundle: true, messageId: 'batch-42' });
    expect(sut.documents.map((d) => [d.patientId, d.text])).toEqual([
      ['MRN-77', 'Fiebre y tos. Paracetamol 1 g.'],
      ['p-123', 'Second.'],
    ]);
  });

  it.each([
    ['a non-object body', 'just text', 'body'],
    ['an Observation', { resourceType: 'Observation' }, 'Observation'],
    ['an unnamed resource type', { resourceType: 42 }, 'resourceType'],
    ['missing content', documentReference({ content: undefined }), 'DocumentReference.content'],
    [
      'content without text',
      documentReference({ content: [{ attachment: {} }] }),
      'DocumentReference.content[0].attachment.data',
    ],
    [
      'bad base64',
      documentReference({ content: [{ attachment: { data: 'not base64!' } }] }),
      'DocumentReference.content[0].attachment.data',
    ],
    [
      'base64 of bytes that are not UTF-8',
      documentReference({
        content: [{ attachment: { data: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') } }],
      }),
      'DocumentReference.content[0].attachment.data',
    ],
    [
      'a PDF attachment',
      documentReference({ content: [{ attachment: { contentType: 'application/pdf', data: b64('%PDF') } }] }),
      'DocumentReference.content[0].attachment.contentType',
    ],
    ['a bad date', documentReference({ date: '01/03/2025' }), 'DocumentReference.date'],
    [
      'a status that is not a code',
      documentReference({ docStatus: 'x'.repeat(40) }),
      'DocumentReference.docStatus',
    ],
    [
      'a subject that is not a Patient',
      documentReference({ subject: { reference: 'Group/9' } }),
      'DocumentReference.subject.reference',
    ],
    ['a subject of the wrong type', documentReference({ subject: 'Patient/1' }), 'DocumentReference.subject'],
    [
      'an entered-in-error document',
      documentReference({ status: 'entered-in-error' }),
      'DocumentReference.status',
    ],
    [
      'whitespace-only text',
      documentReference({ content: [{ attachment: { data: b64('   ') } }] }),
      'DocumentReference.content',
    ],
    ['a history Bundle', { resourceType: 'Bundle', type: 'history', entry: [] }, 'Bundle.type'],
    [
      'an attachment URL outside the message',
      documentReference({
        content: [{ attachment: { contentType: 'text/plain', url: 'http://example.org/x' } }],
      }),
      'DocumentReference.content[0].attachment.url',
    ],
    ['an empty Bundle', { resourceType: 'Bundle', type: 'transaction', entry: [] }, 'Bundle.entry'],
    [
      'a Bundle entry without a resource',
      { resourceType: 'Bundle', type: 'transaction', entry: [{}] },
      'Bundle.entry',
    ],
    [
      'a Bundle of resources that carry no document',
      { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Observation' } }] },
      'Bundle.entry',
    ],
    [
      'a bad document inside a Bundle',
      {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ resource: documentReference({ date: 'yesterday' }) }],
      },
      'Bundle.entry[0].resource.date',
    ],
  ])('rejects %s with a 400 naming %s', (_case, body, field) => {
    expect(fieldOf(() => parseFhirResource(body))).toBe(field);
  });

  it('rejects a Bundle of more than 50 documents', () => {
    const entry = Array.from({ length: 51 }, (_, i) => ({ resource: documentReference({ id: `n${i}` }) }));
    expect(fieldOf(() => parseFhirResource({ resourceType: 'Bundle', type: 'transaction', entry }))).toBe(
      'Bundle.entry',
    );
  });
});

describe('xhtmlToText', () => {
  it('keeps unknown entities and numeric references outside Unicode as written', () => {
    expect(xhtmlToText('<b>a</b>&foo;&#x110000;<br/>b')).toBe('a&foo;&#x110000;\nb');
  });
});
