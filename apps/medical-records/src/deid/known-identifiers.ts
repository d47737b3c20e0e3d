// Identifiers the sender told us about in structured form (FHIR Patient/Practitioner/RelatedPerson,
// HL7 PID/NK1/PV1/ORC): every occurrence of these values in the text is PHI, whatever the tagger says.
// Raw values live only in memory for one request, like the text itself; never stored or logged.

export interface KnownIdentifiers {
  /** Person names, each as the sender wrote it (given, family, prefix parts; full names). */
  names?: string[];
  /** Record numbers, MRNs, account numbers, SSNs and any other identifier values. */
  identifiers?: string[];
  /** Telephone and fax numbers, as written. */
  phones?: string[];
  /** E-mail addresses. */
  emails?: string[];
  /** Address lines, cities, postal codes, as written. */
  addresses?: string[];
  /** Birth dates (and other dates about the person) as ISO `YYYY-MM-DD` or as written. */
  dates?: string[];
}

/** Merges identifier lists, dropping empty values and duplicates (order kept). */
export function mergeKnownIdentifiers(...lists: (KnownIdentifiers | undefined)[]): KnownIdentifiers {
  const out: Required<KnownIdentifiers> = {
    names: [],
    identifiers: [],
    phones: [],
    emails: [],
    addresses: [],
    dates: [],
  };
  for (const list of lists) {
    if (!list) continue;
    for (const key of Object.keys(out) as (keyof KnownIdentifiers)[]) {
      for (const value of list[key] ?? []) {
        const trimmed = value.trim();
        if (trimmed.length > 0 && !out[key].includes(trimmed)) out[key].push(trimmed);
      }
    }
  }
  return out;
}
