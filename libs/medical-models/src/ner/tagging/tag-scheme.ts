// BIOES (a.k.a. BILOU) labels inside the tagger, IOB at the edges. Ratinov & Roth (2009, "Design
// challenges and misconceptions in NER", CoNLL) found BILOU beats BIO for linear models: the model
// learns what ends an entity, not only what starts one. Corpora and conlleval speak IOB2.

export interface LabelSpan {
  type: string;
  /** First token index. */
  start: number;
  /** One past the last token index. */
  end: number;
}

export class TagScheme {
  /** 'O' first, then B, I, E, S per type, in the given type order. */
  readonly labels: string[];
  private readonly index = new Map<string, number>();

  constructor(readonly types: readonly string[]) {
    this.labels = ['O', ...types.flatMap((t) => ['B', 'I', 'E', 'S'].map((p) => `${p}-${t}`))];
    this.labels.forEach((label, k) => this.index.set(label, k));
  }

  get size(): number {
    return this.labels.length;
  }

  labelId(label: string): number {
    const id = this.index.get(label);
    if (id === undefined) throw new RangeError(`unknown label ${label}`);
    return id;
  }

  /** BIOES label ids for spans over `length` tokens. */
  encode(spans: readonly LabelSpan[], length: number): Int32Array {
    const ids = new Int32Array(length);
    for (const { type, start, end } of spans) {
      if (end - start === 1) ids[start] = this.labelId(`S-${type}`);
      else {
        ids[start] = this.labelId(`B-${type}`);
        for (let k = start + 1; k < end - 1; k++) ids[k] = this.labelId(`I-${type}`);
        ids[end - 1] = this.labelId(`E-${type}`);
      }
    }
    return ids;
  }

  /** Spans from BIOES label ids; a path from constrained decoding is always well formed. */
  decode(ids: ArrayLike<number>): LabelSpan[] {
    const spans: LabelSpan[] = [];
    let open: LabelSpan | undefined;
    for (let k = 0; k < ids.length; k++) {
      const label = this.labels[ids[k]];
      const prefix = label[0];
      const type = label.slice(2);
      if (open && (prefix === 'O' || prefix === 'B' || prefix === 'S' || type !== open.type)) {
        spans.push(open);
        open = undefined;
      }
      if (prefix === 'S') spans.push({ type, start: k, end: k + 1 });
      else if (prefix === 'B' || ((prefix === 'I' || prefix === 'E') && !open))
        open = { type, start: k, end: k + 1 };
      else if (open) open.end = k + 1;
      if (open && prefix === 'E') {
        spans.push(open);
        open = undefined;
      }
    }
    if (open) spans.push(open);
    return spans;
  }

  /**
   * Parameter columns shared across labels: label `P-T` scores as column(T) + column(P), O as
   * column(O). Columns: O, each type, then B, I, E, S. Entity-type evidence is then learnt from
   * every B/I/E/S token of that type at once: less noise per signal under DP-SGD.
   */
  tiedColumns(): { columns: string[]; ofLabel: number[][] } {
    const positions = ['B', 'I', 'E', 'S'];
    const columns = ['O', ...this.types, ...positions];
    const ofLabel = this.labels.map((label) =>
      label === 'O'
        ? [0]
        : [1 + this.types.indexOf(label.slice(2)), 1 + this.types.length + positions.indexOf(label[0])],
    );
    return { columns, ofLabel };
  }

  /**
   * Allowed label transitions of BIOES: after O, E-x or S-x comes O, B-y or S-y; after B-x or I-x
   * comes I-x or E-x. Start allows what may follow O; end allows what O may follow.
   */
  transitionMask(): { pair: Uint8Array; start: Uint8Array; end: Uint8Array } {
    const n = this.size;
    const pair = new Uint8Array(n * n);
    const start = new Uint8Array(n);
    const end = new Uint8Array(n);
    const parts = this.labels.map((l) => ({ prefix: l[0], type: l.slice(2) }));
    for (let a = 0; a < n; a++) {
      const closed = parts[a].prefix === 'O' || parts[a].prefix === 'E' || parts[a].prefix === 'S';
      end[a] = closed ? 1 : 0;
      for (let b = 0; b < n; b++) {
        const opens = parts[b].prefix === 'O' || parts[b].prefix === 'B' || parts[b].prefix === 'S';
        pair[a * n + b] = closed ? (opens ? 1 : 0) : !opens && parts[b].type === parts[a].type ? 1 : 0;
      }
      start[a] = parts[a].prefix === 'O' || parts[a].prefix === 'B' || parts[a].prefix === 'S' ? 1 : 0;
    }
    return { pair, start, end };
  }
}

/** IOB2 tags (B-x, I-x, O) for spans over `length` tokens. */
export function iobTags(spans: readonly LabelSpan[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const { type, start, end } of spans) {
    tags[start] = `B-${type}`;
    for (let k = start + 1; k < end; k++) tags[k] = `I-${type}`;
  }
  return tags;
}

/** Spans of IOB tags, by conlleval's chunk rules (an I-x after O or another type opens a chunk). */
export function spansOfIob(tags: readonly string[]): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let open: LabelSpan | undefined;
  for (let k = 0; k <= tags.length; k++) {
    const tag = k < tags.length ? tags[k] : 'O';
    const prefix = tag === 'O' ? 'O' : tag.slice(0, tag.indexOf('-'));
    const type = tag === 'O' ? '' : tag.slice(tag.indexOf('-') + 1);
    if (open && (prefix !== 'I' || type !== open.type)) {
      spans.push(open);
      open = undefined;
    }
    if (prefix === 'B' || (prefix === 'I' && !open)) open = { type, start: k, end: k + 1 };
    else if (open) open.end = k + 1;
  }
  return spans;
}
