// A token is always a slice of the text it came from: `text === source.slice(start, end)`, offsets
// in UTF-16 code units (JavaScript string indices), so spans built from tokens map back exactly.
export interface Token {
  text: string;
  start: number;
  end: number;
}

export interface Tokenizer {
  readonly name: string;
  tokenize(text: string): Token[];
  /**
   * Resumable form of `tokenize`: appends tokens from `from` on to `into`, stopping after at least
   * `maxTokens` (or at the end), and returns where to continue; `tokenize` is scanning to the end.
   */
  scan?(text: string, from: number, maxTokens: number, into: Token[]): number;
}

/** All tokens of `text`, giving way to the event loop between bounded scans when it can resume. */
export async function tokenizeInSlices(
  tokenizer: Tokenizer,
  text: string,
  slice: { pauseIfSpent(): Promise<void> },
  tokensPerScan = 2048,
): Promise<Token[]> {
  if (!tokenizer.scan) return tokenizer.tokenize(text);
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    at = tokenizer.scan(text, at, tokensPerScan, tokens);
    await slice.pauseIfSpent();
  }
  return tokens;
}
