// Plain text of an RTF document (RTF 1.9.1 spec): paragraphs and line breaks kept, \'hh and \uN
// characters decoded, destinations that are not body text (font and colour tables, \*, pictures,
// document info) skipped. One pass over the input. Written here: the npm RTF converters are either
// unmaintained or render to HTML through a DOM, far more than text extraction needs.
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'header',
  'footer',
  'headerl',
  'headerr',
  'footerl',
  'footerr',
  'object',
  'themedata',
  'datastore',
  'latentstyles',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'xmlnstbl',
  'generator',
]);
const BREAKS: Record<string, string> = {
  par: '\n',
  line: '\n',
  row: '\n',
  sect: '\n',
  page: '\n',
  tab: '\t',
  cell: ' ',
};
const CP1252 = new TextDecoder('windows-1252');

export function rtfToText(rtf: string): string {
  let out = '';
  // Per group: is its text skipped, and how many characters follow a \uN as its fallback (\ucN).
  const stack: { skip: boolean; uc: number }[] = [];
  let state = { skip: false, uc: 1 };
  let fallback = 0;
  let i = 0;
  const emit = (s: string) => {
    if (!state.skip) out += s;
  };
  while (i < rtf.length) {
    const ch = rtf[i];
    if (ch === '{') {
      stack.push(state);
      state = { ...state };
      i += 1;
      if (rtf.startsWith('\\*', i)) state.skip = true;
      continue;
    }
    if (ch === '}') {
      state = stack.pop() ?? { skip: false, uc: 1 };
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += 1;
      continue;
    }
    if (ch !== '\\') {
      if (fallback > 0) fallback -= 1;
      else emit(ch);
      i += 1;
      continue;
    }
    const next = rtf[i + 1] ?? '';
    if (next === "'") {
      const byte = parseInt(rtf.slice(i + 2, i + 4), 16);
      if (fallback > 0) fallback -= 1;
      else if (!Number.isNaN(byte)) emit(CP1252.decode(Uint8Array.of(byte)));
      i += 4;
      continue;
    }
    if (!/[A-Za-z]/.test(next)) {
      // Control symbols: \\ \{ \} literal, \~ non-breaking space, \- \_ optional/non-breaking hyphen.
      if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '~') emit(' ');
      else if (next === '_') emit('-');
      i += 2;
      continue;
    }
    const m = /^([A-Za-z]{1,32})(-?\d{1,10})? ?/.exec(rtf.slice(i + 1, i + 48));
    const word = m?.[1] ?? '';
    const param = m?.[2];
    i += 1 + (m?.[0].length ?? 1);
    if (SKIPPED_DESTINATIONS.has(word)) state.skip = true;
    else if (word === 'uc' && param !== undefined) state.uc = Number(param);
    else if (word === 'u' && param !== undefined) {
      const code = Number(param) < 0 ? Number(param) + 65536 : Number(param);
      emit(String.fromCharCode(code));
      fallback = state.uc;
    } else if (BREAKS[word]) emit(BREAKS[word]);
  }
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
