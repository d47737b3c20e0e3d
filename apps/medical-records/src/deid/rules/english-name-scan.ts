// Names in English notes that regular expressions over capitals cannot find: nurses write names in
// any case and after cues of any case (`NP CAROL made aware`, `md wyman aware`, `husband milovan`,
// `Sons Smokey, Morris and Roger`, `N. RUTH NP`, `MURIELE WILLIAM RN`). A cue alone is not enough
// (`NP aware`, `son at bedside`, `RN to call`), nor is a capital alone (drugs, eponyms, headings):
// a word is taken as a name after a cue only when the gazetteer (data/gazetteers, public name lists)
// says it is a name, or when it is no English word and no word of clinical notes. One pass over the
// text's words with set lookups: linear in the text.
import { englishGazetteer, GAZETTEER_FLAGS, type EnglishGazetteer } from '@suite/medical-models';
import type { MeddocanLabel, PhiSpan } from '../phi-labels.js';
import { isEponym, NOT_NAME_WORDS } from './name-rules.js';

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}][\p{L}'’-]*|\d+|[^\s\p{L}\d]/gu;

// Relatives and friends: the name that follows is a relative's.
const RELATIVE = new Set(
  (
    'wife|husband|son|sons|daughter|daughters|dtr|dau|mother|mom|father|dad|brother|brothers|sister|sisters|' +
    'niece|nephew|friend|friends|girlfriend|boyfriend|fiance|fiancee|grandson|granddaughter|grandaughter|' +
    'cousin|aunt|uncle|stepson|stepdaughter|hcp|proxy|spouse|partner|neice|sil|dil|grandchildren|children|sibling|siblings'
  ).split('|'),
);
// Clinicians' titles and roles written before the name (`NP Carol`, `md wyman`, `Drs Ferullo and Saeed`).
const CLINICIAN = new Set(
  'np|rn|md|pa|rrt|crt|dr|drs|docter|doctor|doc|attending|resident|fellow|intern|nurse|mrs|mr|ms|miss|sw|cm|ho|staff'.split(
    '|',
  ),
);
// Titles after which nearly every word is a name (in the training notes 225 of 226 words after `dr`):
// the name lists are not asked, only the function words and the hand list are excluded.
const TITLE = new Set('dr|drs|doctor|docter|mrs'.split('|'));
// Credentials written after a name (`N. RUTH NP`, `Bernard Foley CRT`, `DAN A. FORMAN-LYONS, RRT`).
const CREDENTIAL = new Set('RN|NP|MD|RRT|CRT|PA|LPN|CNS|SW|LICSW|MSW|PA-C|RN,BSN|BSN'.split('|'));
// Verbs of contact after which a name is a person's (`d/w Suzette`, `spoke with hank`).
const CONTACT = new Set('with|called|call|per|to|paged|page|by|and|notified|informed|told'.split('|'));
// Verbs of contact after which a first name that is also a word is still a name (`called joy`,
// `per carol`), and verbs before `with` that make it one (`spoke with mary`, `talked with helen`).
const SPEAK = new Set('called|paged|notified|informed|per'.split('|'));
const SPOKE = new Set('spoke|spoken|talked|speaking|talking|discussed|met|speak|talk'.split('|'));
// Words that are never names in these places although some name list holds them (abbreviations of
// clinical notes that census-scraped lists also hold: `hr`, `iv`, `neo`, `vanco`), plus months and days.
const CLINICAL = new Set(
  (
    'hr|iv|abd|min|tol|ci|neo|co|sr|endo|sm|trach|svr|av|vea|vanco|ra|md|micu|sicu|ccu|csru|mech|cr|doppler|sao|sc|' +
    'fick|le|riss|huo|th|cipro|contin|cordis|perl|perla|ros|ng|ok|bil|colace|hickman|ced|uti|quinton|maint|pao|dispo|' +
    'asa|ext|sys|dk|dec|bair|supp|les|mallory|hosp|chol|esp|mins|ota|kub|mt|ganz|sero|brady|ent|vit|shiley|gluc|ie|lente|br|lue|rm|' +
    'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|' +
    'aug|sep|sept|oct|nov|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|' +
    'pt|pts|family|team|aware|bedside|home|visit|visiting|updated|update|present|here|today|tonight|ct|mri|cxr|ekg|ecg|' +
    'echo|neuro|resp|cv|gi|gu|id|skin|social|plan|assessment|pain|vent|abg|lasix|heparin|insulin|tylenol|morphine|' +
    'fentanyl|versed|propofol|ativan|haldol|levophed|dopamine|dobutamine|nitro|ntg|amio|amiodarone|lopressor|' +
    'coumadin|kcl|mag|ns|lr|prbc|ffp|plt|hct|wbc|bun|inr|ptt|lytes|cath|lab|labs|or|er|ed|ew|icu|ot|pacu|nsicu|' +
    'floor|unit|rehab|nursing|case|management|social|work|worker|chaplain|pastoral|interpreter|security'
  ).split('|'),
);
const FUNCTION = new Set(NOT_NAME_WORDS.split('|'));
// States are not PHI under Safe Harbor (a town is); the gazetteer's places hold both.
const STATES = new Set(
  (
    'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|' +
    'illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|' +
    'mississippi|missouri|montana|nebraska|nevada|hampshire|jersey|mexico|york|carolina|dakota|ohio|oklahoma|' +
    'oregon|pennsylvania|rhode|island|tennessee|texas|utah|vermont|virginia|washington|wisconsin|wyoming|new|north|south|west'
  ).split('|'),
);
// Prepositions before a town (`sister called from Seattle`, `lives in catonsville`).
const LOCATIVE = new Set('in|from|to|at|near|of|outside'.split('|'));

/** A town of the gazetteer's places (no state, no English word, no word of the notes). */
function townAfterLocative(w: Word, gazetteer: EnglishGazetteer): boolean {
  if (!/^\p{L}{3,}$/u.test(w.text) || STATES.has(w.lower) || CLINICAL.has(w.lower)) return false;
  return (
    gazetteer.isPlace(w.lower) && !gazetteer.isEnglishWord(w.lower) && !gazetteer.isClinicalWord(w.lower)
  );
}

// Words after which the words before are a facility's name (`CALVERT HOSPIATAL`, `mazur campus`).
const FACILITY = new Set(
  'hospital|hospitals|hospiatal|hosp|memorial|campus|rehab|rehabilitation|hospice|clinic'.split('|'),
);
// Words of facilities' names that are no name by themselves (`cardiac rehab`, `outside hospital`).
const FACILITY_GENERIC = new Set(
  (
    'outside|local|previous|prior|cardiac|pulmonary|pulm|physical|acute|subacute|inpatient|outpatient|' +
    'pediatric|psych|psychiatric|skilled|private|community|general|regional|county|state|university|' +
    'teaching|area|short|long|term|rehab|nursing|medical|memorial|children|childrens|veterans|va|other|' +
    'another|new|old|nearby|closest|own|same|different|receiving|referring|transferring|home'
  ).split('|'),
);

/** A word of a facility's name: no word of the notes; an English word only capitalised (`Sacred Heart`). */
function placeBeforeFacility(w: Word, gazetteer: EnglishGazetteer): boolean {
  if (!/^\p{L}(?:[\p{L}'’-]*\p{L})?$/u.test(w.text) || w.text.length < 2) return false;
  if (FUNCTION.has(w.lower) || CLINICAL.has(w.lower) || RELATIVE.has(w.lower) || CLINICIAN.has(w.lower))
    return false;
  if (gazetteer.isClinicalWord(w.lower) || LOCATIVE.has(w.lower)) return false;
  if (!gazetteer.isEnglishWord(w.lower)) return true;
  // In capitals, not a verb or adverb form (`ADMITTED HOSPITAL`); in title case any (`Sacred Heart`).
  return /^\p{Lu}\p{Ll}/u.test(w.text) || (/^\p{Lu}+$/u.test(w.text) && !/(?:ed|ing|ly)$/u.test(w.lower));
}

// Verbs of residence before a locative (`lives in`, `home in`, `moved to`).
const RESIDENCE = new Set(
  'lives|live|lived|living|resides|reside|resided|residing|home|moved|relocated|returned|stays|staying|born'.split(
    '|',
  ),
);
// Endings of US town names (`Randallstown`, `Parkville`, `Edgemere`, `Catonsville`).
const TOWN_ENDING =
  /(?:town|ville|burg|burgh|boro|borough|field|wood|ford|ton|mere|dale|port|mont|view|vale|haven|shire|land)$/u;

/** A town by its shape: a word of no list, after a verb of residence or with a town's ending. */
function townByShape(w: Word, residence: boolean, gazetteer: EnglishGazetteer): boolean {
  if (!/^\p{L}{4,}$/u.test(w.text) || STATES.has(w.lower) || CLINICAL.has(w.lower) || FUNCTION.has(w.lower))
    return false;
  const f = gazetteer.flagsOf(w.lower);
  if (f & (GAZETTEER_FLAGS.word | GAZETTEER_FLAGS.clinical)) return false;
  if (residence) return true;
  return /^\p{Lu}/u.test(w.text) && TOWN_ENDING.test(w.lower);
}

/**
 * `irene snell, rn`, `q. LANDER RRT`, `J. Chang PA`: a word of a name list that is also an English
 * word, before a credential, is a surname when a first name or an initial stands before it.
 */
function surnameAfterGiven(
  words: readonly Word[],
  k: number,
  text: string,
  gazetteer: EnglishGazetteer,
): boolean {
  if (k < 1 || !surnameAfterTitle(words[k], gazetteer)) return false;
  const before = words[k - 1];
  if (!sameLine(text, before, words[k])) return false;
  if (before.text === '.')
    return k >= 2 && /^\p{L}$/u.test(words[k - 2].text) && standsAlone(text, words[k - 2]);
  return firstNameAfterCue(before, gazetteer) && !gazetteer.isEnglishWord(before.lower);
}

// A word standing alone, not the tail of `2L`, `RLL` or `W&D`.
const standsAlone = (text: string, w: Word): boolean => w.start === 0 || /[\s(,;:"]/u.test(text[w.start - 1]);
const isInitial = (text: string, w: Word): boolean => /^\p{Lu}$/u.test(w.text) && standsAlone(text, w);
const isCapitalised = (w: Word): boolean => /^\p{Lu}/u.test(w.text);

/**
 * A first name of the curated lists right after a relative's or clinician's cue or a verb of contact
 * is a name in any case even when it is also an English word (`daughter pat`, `son rob`, `wife joy`,
 * `spoke with mary`): a cue followed by such a word is a name far more often than a word in notes.
 * Function words (`son will`, `daughter may`) and words of the notes (`hope`) stay words.
 */
function firstNameAfterCue(w: Word, gazetteer: EnglishGazetteer): boolean {
  if (!/^\p{L}[\p{L}'’-]+$/u.test(w.text) || w.text.length < 3) return false;
  const key = w.lower.replace(/['’]s$/u, '');
  if (FUNCTION.has(key) || CLINICAL.has(key) || RELATIVE.has(key) || CLINICIAN.has(key)) return false;
  return gazetteer.isFirstName(key) && !gazetteer.isClinicalWord(key);
}

/**
 * A word that may be a name where a cue says a name follows (`title`: after Dr., Mrs.; `cue`: the
 * word right after a relative's or clinician's cue).
 */
function nameAfterCue(w: Word, gazetteer: EnglishGazetteer, title = false, cue = false): boolean {
  if (!/^\p{L}[\p{L}'’-]+$/u.test(w.text) || w.text.length < 2) return false;
  const key = w.lower.replace(/['’]s$/u, '');
  if (FUNCTION.has(key) || CLINICAL.has(key) || RELATIVE.has(key) || CLINICIAN.has(key)) return false;
  if (title) return true;
  if (gazetteer.isClinicalWord(key)) return false;
  if (cue && firstNameAfterCue(w, gazetteer)) return true;
  // A name that is also a word (`grace`, `will`, `mark`) only in title case (`Sister Grace`, not
  // `son will`), or in capitals when a curated first name (`DAUGHTER JANE`).
  if (gazetteer.isEnglishWord(key))
    return (
      gazetteer.isLikelyName(key) &&
      (/^\p{Lu}\p{Ll}/u.test(w.text) || (gazetteer.isFirstName(key) && /^\p{Lu}+$/u.test(w.text)))
    );
  if (gazetteer.isLikelyName(key)) return true;
  // A word of no list: a surname such as `djuric` or `forman-lyons` (no English word, 3+ letters).
  return (
    key.length >= 3 && gazetteer.flagsOf(key) === 0 && !key.split('-').some((p) => gazetteer.isEnglishWord(p))
  );
}

/**
 * The second word after a title (`dr. john bowman`): any word of the name lists, even one that is
 * also an English word, unless a word of the notes or a verb form (`DR RUSSO RECOMMENDED`).
 */
function surnameAfterTitle(w: Word, gazetteer: EnglishGazetteer): boolean {
  const key = w.lower;
  if (!/^\p{L}[\p{L}'’-]+$/u.test(w.text) || FUNCTION.has(key) || CLINICAL.has(key)) return false;
  if (gazetteer.isClinicalWord(key) || /(?:ed|ing)$/u.test(key)) return false;
  return (
    (gazetteer.flagsOf(key) & (GAZETTEER_FLAGS.first | GAZETTEER_FLAGS.surname | GAZETTEER_FLAGS.name)) !== 0
  );
}

/** A name with no cue at all: a capitalised first name of the curated lists that is no English word. */
function nameWithoutCue(w: Word, gazetteer: EnglishGazetteer): boolean {
  if (!isCapitalised(w) || w.text.length < 3 || CLINICAL.has(w.lower) || FUNCTION.has(w.lower)) return false;
  if (gazetteer.isClinicalWord(w.lower)) return false;
  if (!/^\p{Lu}(?:\p{Ll}+|\p{Lu}+)$/u.test(w.text)) return false;
  return gazetteer.isFirstName(w.lower) && !gazetteer.isEnglishWord(w.lower);
}

/** A surname beside a first name: a name of the lists that is no English word, or a word of no list. */
function surnameWithoutCue(w: Word, gazetteer: EnglishGazetteer): boolean {
  if (!/^\p{L}[\p{L}'’-]{2,}$/u.test(w.text) || FUNCTION.has(w.lower) || CLINICAL.has(w.lower)) return false;
  if (gazetteer.isClinicalWord(w.lower) || gazetteer.isEnglishWord(w.lower)) return false;
  return gazetteer.isLikelyName(w.lower) || gazetteer.flagsOf(w.lower) === 0;
}

function span(words: readonly Word[], from: number, to: number, label: MeddocanLabel): PhiSpan {
  return { type: 'NAME', label, start: words[from].start, end: words[to].end, source: 'rule' };
}

const sameLine = (text: string, a: Word, b: Word): boolean => !/[\n\r]/u.test(text.slice(a.end, b.start));

/** Name spans found by cues, credentials and the gazetteer in an English note. */
export function scanEnglishNames(text: string, gazetteer: EnglishGazetteer = englishGazetteer()): PhiSpan[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    words.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  const spans: PhiSpan[] = [];
  const taken = new Uint8Array(words.length);
  // One span per word (the gold standard marks words; a span over `V. DEGIORGIO` would remove its period too).
  const push = (from: number, to: number, label: MeddocanLabel): void => {
    for (let k = from; k <= to; k++) {
      taken[k] = 1;
      if (/\p{L}/u.test(words[k].text)) spans.push(span(words, k, k, label));
    }
  };
  // Up to three name words (initials between them) from `i`, on one line; returns the last index or -1.
  const nameRun = (i: number, title = false, cue = false): number => {
    let last = -1;
    for (let k = i, n = 0; k < words.length && n < 3; k++) {
      const w = words[k];
      if (k > i && !sameLine(text, words[k - 1], w)) break;
      if (isInitial(text, w) && k + 1 < words.length) {
        const next = words[k + 1].text === '.' ? k + 2 : k + 1;
        if (next < words.length && nameAfterCue(words[next], gazetteer)) {
          k = next;
          last = k;
          n++;
          continue;
        }
        break;
      }
      if (
        !nameAfterCue(w, gazetteer, title && k === i, cue && k === i) &&
        !(title && surnameAfterTitle(w, gazetteer))
      )
        break;
      last = k;
      n++;
    }
    return last;
  };
  for (let i = 0; i < words.length; i++) {
    if (taken[i]) continue;
    const w = words[i];
    const relative = RELATIVE.has(w.lower);
    // `MS` in capitals is mental status unless a listed name follows (`MS. JOHN BOWMAN`).
    const after = words[i + 1]?.text === '.' ? words[i + 2] : words[i + 1];
    const clinician =
      CLINICIAN.has(w.lower) &&
      !(w.text === 'MS' && !(after !== undefined && gazetteer.isLikelyName(after.lower)));
    if (CREDENTIAL.has(w.text.toUpperCase())) {
      // Back from the credential over `,` to up to three name words on the same line.
      let k = i - 1;
      if (k >= 0 && words[k].text === ',') k--;
      let first = -1;
      for (let n = 0; k >= 0 && n < 4 && sameLine(text, words[k], w); k--) {
        const v = words[k];
        if (taken[k]) break;
        if (v.text === '.' && k > 0 && isInitial(text, words[k - 1])) {
          first = --k;
          n++;
          continue;
        }
        if (
          isInitial(text, v) ||
          ((nameAfterCue(v, gazetteer) || surnameAfterGiven(words, k, text, gazetteer)) &&
            !/\d/u.test(text[v.start - 1] ?? ''))
        ) {
          first = k;
          n++;
          continue;
        }
        break;
      }
      // A lone initial is no name; the words must include one the lists or the shape call a name.
      if (first >= 0 && words.slice(first, i).some((v) => v.text.length > 1 && v.text !== ',')) {
        push(first, i - 1 - (words[i - 1].text === ',' ? 1 : 0), 'NOMBRE_PERSONAL_SANITARIO');
        continue;
      }
    }
    // `URSLA MORETTI (DAUGHTER)`: a relative in parentheses after up to three name words on its line.
    if (relative && i >= 2 && words[i - 1].text === '(' && words[i + 1]?.text === ')') {
      let first = -1;
      for (let k = i - 2; k >= 0 && i - 2 - k < 3 && sameLine(text, words[k], w) && !taken[k]; k--) {
        if (!nameAfterCue(words[k], gazetteer) && !firstNameAfterCue(words[k], gazetteer)) break;
        first = k;
      }
      if (first >= 0) push(first, i - 2, 'FAMILIARES_SUJETO_ASISTENCIA');
    }
    if (relative || clinician) {
      // `son, eddie`, `daughter (Thelma)`, `Mrs. Ley`, `d/w NP: Carol`.
      let j = i + 1;
      while (j < words.length && /^[.,:("-]$/u.test(words[j].text) && j - i <= 2) j++;
      let label: MeddocanLabel = relative ? 'FAMILIARES_SUJETO_ASISTENCIA' : 'NOMBRE_PERSONAL_SANITARIO';
      // Lists after a cue: `Sons Smokey, Morris and Roger`, `Drs Ferullo and Saeed`.
      for (let items = 0; items < 4 && j < words.length && sameLine(text, words[i], words[j]); items++) {
        // `ms.` is mostly mental status in notes (`monitor ms. closely`): a title only before a listed name.
        const title =
          TITLE.has(w.lower) || (w.lower === 'ms' && items === 0 && gazetteer.isLikelyName(words[j].lower));
        const end = nameRun(j, title, true);
        if (end < 0) break;
        push(j, end, label);
        j = end + 1;
        // Lists: `Drs Ferullo and Saeed`; after commas only where the cue is plural (`Sons Smokey, Morris and Roger`).
        const plural = /s$/u.test(w.lower) && w.lower !== 'ms' && w.lower !== 'mrs';
        if (
          j < words.length &&
          ((plural && words[j].text === ',') || words[j].lower === 'and' || words[j].text === '&')
        ) {
          j++;
          if (j < words.length && words[j].lower === 'and') j++;
        } else break;
        label = relative ? 'FAMILIARES_SUJETO_ASISTENCIA' : label;
      }
      continue;
    }
    // Saints' hospitals (`St. Agnes`, `st mary`, `ST JOSEPH'S`): `st` and a first name; never `ST elevation`.
    if (w.lower === 'st' && standsAlone(text, w)) {
      const j = words[i + 1]?.text === '.' ? i + 2 : i + 1;
      if (j < words.length && sameLine(text, w, words[j]) && firstNameAfterCue(words[j], gazetteer)) {
        for (const k of [i, j]) {
          taken[k] = 1;
          spans.push({ ...span(words, k, k, 'HOSPITAL'), type: 'ORGANIZATION' });
        }
        i = j;
        continue;
      }
    }
    // `CALVERT HOSPIATAL`, `Sacred Heart Memorial`, `the ZAGARIA CAMPUS`, `kessler medical center`:
    // the name words before a facility word (the word itself is no PHI, `memorial` excepted).
    if (
      FACILITY.has(w.lower) ||
      (w.lower === 'medical' && /^(?:center|ctr)$/u.test(words[i + 1]?.lower ?? ''))
    ) {
      let first = -1;
      let named = false;
      for (let k = i - 1; k >= 0 && i - k <= 3 && sameLine(text, words[k], w) && !taken[k]; k--) {
        const generic = FACILITY_GENERIC.has(words[k].lower);
        if (!generic && !placeBeforeFacility(words[k], gazetteer)) break;
        named ||= !generic;
        if (!generic) first = k;
      }
      if (named && first >= 0) {
        for (let k = first; k <= (w.lower === 'memorial' ? i : i - 1); k++) {
          taken[k] = 1;
          spans.push({ ...span(words, k, k, 'TERRITORIO'), type: 'LOCATION' });
        }
        if (w.lower === 'memorial') continue;
      }
    }
    // `lives in parkville`, `home in Hagerstown`, `a bakery in Randallstown`: a town after a verb of
    // residence (any word of no list), or after any locative when it has a town's ending.
    if (
      LOCATIVE.has(w.lower) &&
      i + 1 < words.length &&
      !taken[i + 1] &&
      townByShape(words[i + 1], i >= 1 && RESIDENCE.has(words[i - 1].lower), gazetteer)
    ) {
      taken[i + 1] = 1;
      spans.push({ ...span(words, i + 1, i + 1, 'TERRITORIO'), type: 'LOCATION' });
      i++;
      continue;
    }
    const dw = w.lower === 'w' && i >= 2 && words[i - 1].text === '/' && words[i - 2].lower === 'd';
    if (
      LOCATIVE.has(w.lower) &&
      i + 1 < words.length &&
      !taken[i + 1] &&
      townAfterLocative(words[i + 1], gazetteer)
    ) {
      taken[i + 1] = 1;
      spans.push({ ...span(words, i + 1, i + 1, 'TERRITORIO'), type: 'LOCATION' });
      i++;
      continue;
    }
    // `Progress note for Peter Jones`: `for` only after `note`.
    const noteFor = w.lower === 'for' && i >= 1 && /^notes?$/u.test(words[i - 1].lower);
    if (CONTACT.has(w.lower) || dw || noteFor) {
      const j = i + 1;
      // `d/w pat`, `called joy`, `spoke with mary`: a first name in any case (see firstNameAfterCue).
      const strong =
        dw ||
        SPEAK.has(w.lower) ||
        noteFor ||
        (w.lower === 'with' && i >= 1 && SPOKE.has(words[i - 1].lower));
      if (
        j < words.length &&
        !taken[j] &&
        (nameWithoutCue(words[j], gazetteer) || (strong && firstNameAfterCue(words[j], gazetteer)))
      ) {
        const end = nameRun(j, false, strong);
        push(j, Math.max(j, end), 'NOMBRE_SUJETO_ASISTENCIA');
        i = Math.max(j, end);
      }
      continue;
    }
    // `E. WELSH aware`, `as per B. Kargas`, `d. renna and j. o'brien`: an initial, its period, a name.
    if (
      /^\p{L}$/u.test(w.text) &&
      standsAlone(text, w) &&
      i + 2 < words.length &&
      words[i + 1].text === '.' &&
      words[i + 1].start === w.end &&
      words[i + 2].start > words[i + 1].end &&
      sameLine(text, w, words[i + 2]) &&
      nameAfterCue(words[i + 2], gazetteer)
    ) {
      const end = nameRun(i + 2);
      push(i, end, 'NOMBRE_PERSONAL_SANITARIO');
      i = end;
      continue;
    }
    // `mary theresa kondouli from speech`, `anita morris rn`: a curated first name in any case followed
    // on its line by another first name that is no English word, or, when the first is no English
    // word itself, by a surname (a listed name or a word of no list).
    const next = words[i + 1];
    if (
      next !== undefined &&
      sameLine(text, w, next) &&
      firstNameAfterCue(w, gazetteer) &&
      (gazetteer.isEnglishWord(w.lower)
        ? firstNameAfterCue(next, gazetteer) && !gazetteer.isEnglishWord(next.lower)
        : firstNameAfterCue(next, gazetteer) || surnameWithoutCue(next, gazetteer))
    ) {
      const end = Math.max(i + 1, nameRun(i + 1));
      push(i, end, 'NOMBRE_SUJETO_ASISTENCIA');
      i = end;
      continue;
    }
    if (nameWithoutCue(w, gazetteer)) {
      const end = nameRun(i);
      push(i, Math.max(i, end), 'NOMBRE_SUJETO_ASISTENCIA');
      i = Math.max(i, end);
    }
  }
  return spans;
}

const LANGUAGES = new Set(
  (
    'english|spanish|russian|italian|french|chinese|portuguese|creole|haitian|german|polish|greek|' +
    'vietnamese|korean|japanese|arabic|hebrew|hindi|cantonese|mandarin|american|african|asian|hispanic|latino|caucasian'
  ).split('|'),
);

/** An English word that is no name: a verb or adverb form (`WORSENED`, `IMMEDIATELY`), in no name list. */
function wordForm(lower: string, gazetteer: EnglishGazetteer): boolean {
  if (!/(?:ed|ly|ing)$/u.test(lower) || !gazetteer.isEnglishWord(lower)) return false;
  const names = GAZETTEER_FLAGS.first | GAZETTEER_FLAGS.surname | GAZETTEER_FLAGS.name;
  return (gazetteer.flagsOf(lower) & names) === 0;
}

/**
 * The tagger's NAME and LOCATION spans less those whose every word is one that is never PHI in
 * notes: a function word, a cue (`SISTER`, `DR`), a word of the hand list or of the notes (the
 * gazetteer's clinical flag: `BIL`, `QUENTIN`, `Shiley`), or a verb or adverb form. A tagger run
 * with a recall bias (outsideBias) tags such words; vetoing them keeps its precision.
 */
export function withoutNonPhiWords(
  text: string,
  spans: readonly PhiSpan[],
  gazetteer: EnglishGazetteer = englishGazetteer(),
): PhiSpan[] {
  return spans.filter((s) => {
    if (s.type !== 'NAME' && s.type !== 'LOCATION') return true;
    // Eponyms (`factor V Leiden`, `Parkinson disease`) are clinical content.
    if (isEponym(text.slice(s.start, s.end), text, s.start, s.end)) return false;
    const words = text.slice(s.start, s.end).match(/\p{L}[\p{L}'’-]*/gu);
    if (!words) return false;
    const lower = words.map((w) => w.toLowerCase());
    // Languages and nationalities (`RUSSIAN`, `Spanish`): no PHI (states can be: `U Maryland`).
    if (lower.every((w) => LANGUAGES.has(w))) return false;
    // A heading of the notes' words in title case (`Respiratory Care Note`): two or more of them.
    const notesWord = (w: string): boolean =>
      w.length > 2 && (CLINICAL.has(w) || gazetteer.isClinicalWord(w));
    if (words.length > 1 && lower.every(notesWord)) return false;
    return !words.every((w) => {
      const lower = w.toLowerCase();
      return (
        (lower.length > 1 &&
          (FUNCTION.has(lower) ||
            CLINICAL.has(lower) ||
            RELATIVE.has(lower) ||
            CLINICIAN.has(lower) ||
            (gazetteer.isClinicalWord(lower) && !/^\p{Lu}\p{Ll}/u.test(w)))) ||
        wordForm(lower, gazetteer)
      );
    });
  });
}
