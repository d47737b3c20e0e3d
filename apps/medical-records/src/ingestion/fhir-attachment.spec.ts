import { attachmentText, xhtmlToText } from './fhir-attachment.js';
import { rtfToText } from './rtf-text.js';

const none = () => undefined;
const b64 = (text: string, encoding: BufferEncoding = 'utf8') =>
  Buffer.from(text, encoding).toString('base64');

describe('attachmentText', () => {
  it('reads text/plain in its charset, HTML without script or style, and RTF', () => {
    expect(
      attachmentText(
        { contentType: 'text/plain; charset=ISO-8859-1', data: b64('Señor', 'latin1') },
        'a',
        none,
      ),
    ).toEqual({ kind: 'text', text: 'Señor' });
    const html =
      '<html><head><title>t</title></head><body><script>x()</script><p>Asthma</p><p>Plan&amp;review</p></body></html>';
    expect(attachmentText({ contentType: 'text/html', data: b64(html) }, 'a', none)).toEqual({
      kind: 'text',
      text: 'Asthma\nPlan&review',
    });
    expect(
      attachmentText(
        { contentType: 'text/rtf', data: b64('{\\rtf1{\\fonttbl{\\f0 Arial;}}Fever\\par Cough}') },
        'a',
        none,
      ),
    ).toEqual({ kind: 'text', text: 'Fever\nCough' });
  });

  it('follows url to a Binary of the message, and refuses one outside it naming the path', () => {
    const binary = { resourceType: 'Binary', contentType: 'text/plain', data: b64('From the Binary.') };
    expect(
      attachmentText({ url: 'urn:uuid:1' }, 'a', (r) => (r === 'urn:uuid:1' ? binary : undefined)),
    ).toEqual({
      kind: 'text',
      text: 'From the Binary.',
    });
    expect(() =>
      attachmentText({ contentType: 'text/plain', url: 'http://x/1' }, 'D.content[0].attachment', none),
    ).toThrow('D.content[0].attachment.url');
  });

  it('reports a PDF as unsupported at its contentType path and names an unknown charset', () => {
    expect(attachmentText({ contentType: 'application/pdf', data: b64('%PDF') }, 'a', none)).toEqual({
      kind: 'unsupported',
      path: 'a.contentType',
    });
    expect(() =>
      attachmentText({ contentType: 'text/plain; charset=x-klingon', data: b64('x') }, 'a', none),
    ).toThrow('a.contentType');
  });
});

describe('rtfToText', () => {
  it("decodes \\'hh and \\uN characters and skips \\* destinations", () => {
    expect(rtfToText("{\\rtf1\\ansi{\\*\\generator Word;}Jos\\'e9 \\u233?t\\'e9\\line ok}")).toBe(
      'José été\nok',
    );
  });

  it('is linear on an unterminated group', () => {
    expect(rtfToText(`{\\rtf1 ${'{'.repeat(10_000)}text`)).toBe('text');
  });
});

describe('xhtmlToText', () => {
  it('drops an unclosed script to the end instead of rescanning', () => {
    expect(xhtmlToText(`<p>Keep</p><script>${'<script>'.repeat(1000)}`)).toBe('Keep');
  });
});
