// The people an HL7 v2 message names in structured fields, as known identifiers for de-identification:
// the patient (PID), next of kin (NK1), visit staff and visit numbers (PV1), ordering and entering staff
// (ORC, OBR), document authors (TXA), responsible observers (OBX-16), the event's operator (EVN-5).
import type { KnownIdentifiers } from '../deid/known-identifiers.js';
import { decodeHl7Escapes, type Hl7Delimiters } from './hl7-escape.js';
import { componentsOf, fieldOf, repetitionsOf, type Hl7Message, type Hl7Segment } from './hl7-segments.js';
import { KnownIdentifierCollector } from './known-identifier-collector.js';

type Kind = 'xpn' | 'xcn' | 'ndl' | 'xad' | 'xtn' | 'cx' | 'dtm';

// Segment -> field -> data type, for the fields that identify people (HL7 v2.5.1 ch. 3, 4, 7, 9).
const PEOPLE_FIELDS: Record<string, [number, Kind][]> = {
  PID: [
    [2, 'cx'],
    [3, 'cx'],
    [4, 'cx'],
    [5, 'xpn'],
    [6, 'xpn'],
    [7, 'dtm'],
    [9, 'xpn'],
    [11, 'xad'],
    [13, 'xtn'],
    [14, 'xtn'],
    [18, 'cx'],
    [19, 'cx'],
    [20, 'cx'],
    [21, 'cx'],
  ],
  PD1: [[4, 'xcn']],
  NK1: [
    [2, 'xpn'],
    [4, 'xad'],
    [5, 'xtn'],
    [6, 'xtn'],
    [30, 'xpn'],
    [31, 'xtn'],
    [32, 'xad'],
    [33, 'cx'],
  ],
  PV1: [
    [7, 'xcn'],
    [8, 'xcn'],
    [9, 'xcn'],
    [17, 'xcn'],
    [19, 'cx'],
    [50, 'cx'],
    [52, 'xcn'],
  ],
  ORC: [
    [10, 'xcn'],
    [11, 'xcn'],
    [12, 'xcn'],
    [14, 'xtn'],
    [19, 'xcn'],
    [24, 'xad'],
  ],
  OBR: [
    [10, 'xcn'],
    [16, 'xcn'],
    [17, 'xtn'],
    [28, 'xcn'],
    [32, 'ndl'],
    [33, 'ndl'],
    [34, 'ndl'],
    [35, 'ndl'],
  ],
  TXA: [
    [5, 'xcn'],
    [9, 'xcn'],
    [10, 'xcn'],
    [22, 'xcn'],
  ],
  OBX: [[16, 'xcn']],
  EVN: [[5, 'xcn']],
  MRG: [
    [1, 'cx'],
    [7, 'xpn'],
  ],
  GT1: [
    [3, 'xpn'],
    [5, 'xad'],
    [6, 'xtn'],
    [7, 'xtn'],
    [8, 'dtm'],
  ],
  IN1: [
    [16, 'xpn'],
    [19, 'xad'],
    [36, 'cx'],
  ],
};

export function knownIdentifiersOfHl7(message: Hl7Message): KnownIdentifiers | undefined {
  const out = new KnownIdentifierCollector();
  const d = message.delimiters;
  for (const segment of message.segments) {
    for (const [field, kind] of PEOPLE_FIELDS[segment.name] ?? []) {
      for (const repetition of repetitionsOf(fieldOf(segment, field), d)) {
        collect(out, kind, repetition, d);
      }
    }
  }
  return out.result();
}

function collect(out: KnownIdentifierCollector, kind: Kind, value: string, d: Hl7Delimiters): void {
  const c = componentsOf(value, d).map((part) =>
    part.split(d.subcomponent).map((s) => decodeHl7Escapes(s, d)),
  );
  const first = (i: number) => c[i]?.[0] ?? '';
  switch (kind) {
    case 'xpn':
      // family (FN: surname & own-surname prefix & own surname ...) ^ given ^ middle ^ suffix ^ prefix
      out.addName({
        family: first(0),
        given: [first(1), first(2)].filter((g) => g.length > 0),
        suffix: [first(3)].filter((s) => s.length > 0),
        prefix: [first(4)].filter((p) => p.length > 0),
      });
      return;
    case 'xcn':
      out.add('identifiers', first(0));
      out.addName({
        family: first(1),
        given: [first(2), first(3)].filter((g) => g.length > 0),
        suffix: [first(4)].filter((s) => s.length > 0),
        prefix: [first(5)].filter((p) => p.length > 0),
      });
      return;
    case 'ndl': {
      // CNN in the first component, as subcomponents: id & family & given & middle & suffix & prefix
      const cnn = c[0] ?? [];
      out.add('identifiers', cnn[0]);
      out.addName({
        family: cnn[1],
        given: [cnn[2] ?? '', cnn[3] ?? ''].filter((g) => g.length > 0),
        prefix: [cnn[5] ?? ''].filter((p) => p.length > 0),
      });
      return;
    }
    case 'xad':
      // street (SAD & ...) ^ other designation ^ city ^ state ^ zip ^ country; state and country are not
      // identifying (HIPAA Safe Harbor keeps the state).
      out.add('addresses', first(0));
      out.add('addresses', first(1));
      out.add('addresses', first(2));
      out.add('addresses', first(4));
      if (first(0) && first(2)) out.add('addresses', `${first(0)}, ${first(2)}`);
      return;
    case 'xtn':
      out.addPhone(first(0), first(5), first(6));
      if (first(3).includes('@')) out.add('emails', first(3));
      return;
    case 'cx':
      out.add('identifiers', first(0));
      return;
    case 'dtm':
      out.addDate(first(0));
      return;
  }
}

/** The segments of `names` from `from` up to (not including) the next segment named in `until`. */
export function segmentsBetween(
  segments: Hl7Segment[],
  from: number,
  until: ReadonlySet<string>,
): Hl7Segment[] {
  const out: Hl7Segment[] = [];
  for (let i = from; i < segments.length && !until.has(segments[i].name); i += 1) out.push(segments[i]);
  return out;
}
