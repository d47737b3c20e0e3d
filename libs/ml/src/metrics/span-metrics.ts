// Strict span-level precision/recall/F1 for IOB tagging, identical to conlleval.pl (CoNLL-2000
// shared task scorer, Tjong Kim Sang & Buchholz 2000, version 2004-01-26): the same chunk start/end
// rules, so an I-X after O or after another type opens a chunk, and a chunk counts as correct only
// when gold and predicted chunks start and end on the same tokens with the same type.

interface ParsedTag {
  tag: string;
  type: string;
}

// conlleval's /^([^-]*)-(.*)$/ (the 2004-01-26 fix that allows hyphens in types): "B-PER" ->
// (B, PER), "O" -> (O, ""); Perl's truthiness also turns a type "0" into "".
function parseTag(raw: string): ParsedTag {
  const dash = raw.indexOf('-');
  if (dash < 0) return { tag: raw, type: '' };
  const type = raw.slice(dash + 1);
  return { tag: raw.slice(0, dash), type: type === '0' ? '' : type };
}

function endOfChunk(prev: ParsedTag, cur: ParsedTag): boolean {
  const p = prev.tag;
  const t = cur.tag;
  if (p === 'B' && (t === 'B' || t === 'O')) return true;
  if (p === 'I' && (t === 'B' || t === 'O')) return true;
  if (p === 'E' && (t === 'E' || t === 'I' || t === 'O')) return true;
  if (p !== 'O' && p !== '.' && prev.type !== cur.type) return true;
  return p === ']' || p === '[';
}

function startOfChunk(prev: ParsedTag, cur: ParsedTag): boolean {
  const p = prev.tag;
  const t = cur.tag;
  if (t === 'B' && (p === 'B' || p === 'I' || p === 'O')) return true;
  if (p === 'O' && (t === 'I' || t === 'E')) return true;
  if (p === 'E' && (t === 'E' || t === 'I')) return true;
  if (t !== 'O' && t !== '.' && prev.type !== cur.type) return true;
  return t === '[' || t === ']';
}

const OUTSIDE: ParsedTag = { tag: 'O', type: '' };

export interface TagSpan {
  type: string;
  /** Token index of the first token. */
  start: number;
  /** Token index one past the last token. */
  end: number;
}

/** Chunks of one tag sequence by conlleval's rules (I-X without B-X starts a chunk). */
export function extractSpans(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let prev = OUTSIDE;
  let open: TagSpan | undefined;
  for (let i = 0; i <= tags.length; i++) {
    // A virtual O after the last token closes any open chunk, as the sentence boundary does.
    const cur = i < tags.length ? parseTag(tags[i]) : OUTSIDE;
    if (open && endOfChunk(prev, cur)) {
      open.end = i;
      spans.push(open);
      open = undefined;
    }
    if (startOfChunk(prev, cur)) open = { type: cur.type, start: i, end: i + 1 };
    prev = cur;
  }
  return spans;
}

export interface SpanScores {
  precision: number;
  recall: number;
  f1: number;
  /** Chunks in the gold tags. */
  gold: number;
  /** Chunks in the predicted tags. */
  predicted: number;
  correct: number;
}

export interface SpanEvaluation extends SpanScores {
  /** Token accuracy over all tokens, as conlleval's "accuracy" (a fraction here, not a percentage). */
  tokenAccuracy: number;
  perType: Record<string, SpanScores>;
}

function scores(correct: number, gold: number, predicted: number): SpanScores {
  const precision = predicted > 0 ? correct / predicted : 0;
  const recall = gold > 0 ? correct / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, gold, predicted, correct };
}

/**
 * conlleval over sentences of gold and predicted tags. The main loop is a line-by-line port, with
 * the sentence boundary handled as conlleval does (a line read as O/O that counts no token).
 */
export function evaluateSpans(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): SpanEvaluation {
  if (gold.length !== predicted.length)
    throw new RangeError(`gold has ${gold.length} sentences, predictions ${predicted.length}`);
  const correctChunk = new Map<string, number>();
  const foundCorrect = new Map<string, number>();
  const foundGuessed = new Map<string, number>();
  const bump = (m: Map<string, number>, type: string): void => void m.set(type, (m.get(type) ?? 0) + 1);
  let correctTags = 0;
  let tokenCounter = 0;
  let inCorrect = false;
  let lastCorrect = OUTSIDE;
  let lastGuessed = OUTSIDE;

  const step = (correct: ParsedTag, guessed: ParsedTag, isToken: boolean): void => {
    if (inCorrect) {
      const goldEnds = endOfChunk(lastCorrect, correct);
      const guessEnds = endOfChunk(lastGuessed, guessed);
      if (goldEnds && guessEnds && lastGuessed.type === lastCorrect.type) {
        inCorrect = false;
        bump(correctChunk, lastCorrect.type);
      } else if (goldEnds !== guessEnds || guessed.type !== correct.type) {
        inCorrect = false;
      }
    }
    const goldStarts = startOfChunk(lastCorrect, correct);
    const guessStarts = startOfChunk(lastGuessed, guessed);
    if (goldStarts && guessStarts && guessed.type === correct.type) inCorrect = true;
    if (goldStarts) bump(foundCorrect, correct.type);
    if (guessStarts) bump(foundGuessed, guessed.type);
    if (isToken) {
      if (correct.tag === guessed.tag && guessed.type === correct.type) correctTags++;
      tokenCounter++;
    }
    lastCorrect = correct;
    lastGuessed = guessed;
  };

  gold.forEach((goldTags, s) => {
    const guessTags = predicted[s];
    if (goldTags.length !== guessTags.length) {
      throw new RangeError(`sentence ${s}: ${goldTags.length} gold tags but ${guessTags.length} predicted`);
    }
    for (let i = 0; i < goldTags.length; i++) step(parseTag(goldTags[i]), parseTag(guessTags[i]), true);
    step(OUTSIDE, OUTSIDE, false);
  });
  if (inCorrect) bump(correctChunk, lastCorrect.type);

  const types = [...new Set([...foundCorrect.keys(), ...foundGuessed.keys()])].sort();
  const perType: Record<string, SpanScores> = {};
  for (const type of types) {
    perType[type] = scores(
      correctChunk.get(type) ?? 0,
      foundCorrect.get(type) ?? 0,
      foundGuessed.get(type) ?? 0,
    );
  }
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    ...scores(sum(correctChunk), sum(foundCorrect), sum(foundGuessed)),
    tokenAccuracy: tokenCounter > 0 ? correctTags / tokenCounter : 0,
    perType,
  };
}
