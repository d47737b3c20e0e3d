// Greedy CTC decoding (Graves et al. 2006, best-path): the most probable class per time step,
// repeats collapsed, blanks (class 0) dropped. The confidence is the mean probability of the kept
// steps, as PaddleOCR's CTCLabelDecode reports it.

export interface DecodedText {
  text: string;
  confidence: number;
}

/**
 * `probabilities` holds [steps, classes] for one line (row-major). `alphabet[k]` is the character of
 * class k + 1 (class 0 is the blank).
 */
export function decodeCtcGreedy(
  probabilities: ArrayLike<number>,
  steps: number,
  classes: number,
  alphabet: readonly string[],
): DecodedText {
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const offset = t * classes;
    let best = 0;
    let bestP = probabilities[offset];
    for (let c = 1; c < classes; c++) {
      const p = probabilities[offset + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += alphabet[best - 1] ?? '';
      sum += bestP;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept === 0 ? 0 : sum / kept };
}

/** PaddleOCR's dictionary file, one character a line, plus the space it appends (use_space_char). */
export function parseOcrDictionary(content: string): string[] {
  const chars = content.split(/\r?\n/);
  if (chars.at(-1) === '') chars.pop();
  chars.push(' ');
  return chars;
}
