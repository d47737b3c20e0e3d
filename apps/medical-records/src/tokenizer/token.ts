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
}
