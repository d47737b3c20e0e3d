// Synthetic English clinical notes for de-identification development. English annotated notes are
// not openly licensed (i2b2/n2c2 and PhysioNet need data use agreements), so these are generated:
// seeded (libs/ml Rng), every PHI class in several formats, and distractors that must not be
// flagged (eponyms, doses, vitals, lab values, scores). Labels are the coarse i2b2 2014 categories;
// AGE only over 89, as Safe Harbor requires. The name lists here are not the surrogate lists.
import { Rng, type BratDocument, type BratEntity } from '@suite/ml';
import type { EnglishLabel } from '../../../deid/deid-labels.js';

const GIVEN =
  'Margaret|Harold|Dolores|Eugene|Rosalind|Walter|Beatrice|Clarence|Evelyn|Leonard|Agnes|Raymond|Mildred|Stanley|Lorraine|Vernon|Gladys|Howard|Irene|Chester|Priya|Tomasz|Keisha|Mateo|Yuki|Olumide|Siobhan|Dmitri|Fatima|Luis'.split(
    '|',
  );
const SURNAMES =
  'Okafor|Lindqvist|Brennan|Castellano|Whitaker|Nakamura|Delacroix|Abernathy|Kowalski|Rasmussen|Oyelaran|MacAllister|Thibodeaux|Guzman|Petrakis|Halvorsen|Fitzgerald|Mbeki|Vasquez|Sorensen|Pham|Achterberg|Quintero|Hargrove|Ellsworth'.split(
    '|',
  );
const STREETS =
  'Maple|Oak|Pine|Cedar|Elm|Washington|Lake|Hill|Park|Sunset|Lincoln|Jefferson|Franklin|Highland|Meadow'.split(
    '|',
  );
const SUFFIXES = 'Street|St.|Avenue|Ave.|Road|Rd.|Drive|Lane|Boulevard|Court|Way'.split('|');
const TOWNS =
  'Springfield|Riverside|Franklin|Greenville|Bristol|Clinton|Fairview|Salem|Madison|Georgetown|Arlington|Ashland|Dover|Oxford|Burlington'.split(
    '|',
  );
const STATES = 'MA|NY|PA|OH|IL|TX|CA|WA|MN|GA|NC|VA'.split('|');
const HOSPITALS =
  'Mercy General Hospital|St. Vincent Medical Center|Lakeside Regional Hospital|Brigham Memorial Hospital|Northgate Community Clinic|Good Samaritan Hospital|Riverview Health Center'.split(
    '|',
  );
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December'.split(
  '|',
);
const SHORT_MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec'.split('|');

// Phrases with capitalised eponyms, doses, vitals and labs: none of them is PHI.
const DISTRACTORS = [
  'History of Parkinson disease, on carbidopa-levodopa 25/100 mg three times daily.',
  'Known Crohn disease, quiescent on azathioprine 100 mg daily.',
  'Glasgow Coma Scale 15 on arrival.',
  'Percocet 5/325 mg 1-2 tablets every 6 hours as needed for pain.',
  'Vitals: BP 132/84, HR 78, RR 16, T 98.6 F, SpO2 97% on room air.',
  'Labs: Na 139, K 4.1, Cr 1.02, WBC 7.4, Hgb 12.8, HbA1c 7.2%.',
  'Hodgkin lymphoma in 1998, treated with ABVD, in remission.',
  'Positive Babinski sign on the left; Romberg negative.',
  'Alzheimer dementia, MMSE 22/30.',
  'Hashimoto thyroiditis on levothyroxine 75 mcg daily.',
  'Foley catheter removed; voiding spontaneously.',
  'Apgar scores 8 and 9. Wells score 2.',
  'EF 55-60% on echo; mitral regurgitation 1+.',
  'Metoprolol 25 mg b.i.d. and lisinopril 10 mg daily.',
];

const REASONS = [
  'chest pain',
  'shortness of breath',
  'a fall at home',
  'fever and cough',
  'abdominal pain',
  'syncope',
  'worsening confusion',
  'a COPD exacerbation',
];

type Piece = string | { label: EnglishLabel; value: string };

const pad2 = (n: number): string => String(n).padStart(2, '0');

export class EnglishNoteGenerator {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)];
  }

  private digits(n: number): string {
    return Array.from({ length: n }, () => String(this.rng.int(10))).join('');
  }

  private date(): string {
    const y = 2015 + this.rng.int(9);
    const m = 1 + this.rng.int(12);
    const d = 1 + this.rng.int(28);
    switch (this.rng.int(6)) {
      case 0:
        return `${m}/${d}/${y}`;
      case 1:
        return `${pad2(m)}/${pad2(d)}/${y}`;
      case 2:
        return `${MONTHS[m - 1]} ${d}, ${y}`;
      case 3:
        return `${y}-${pad2(m)}-${pad2(d)}`;
      case 4:
        return `${d} ${MONTHS[m - 1]} ${y}`;
      default:
        return `${pad2(d)}-${SHORT_MONTHS[m - 1]}-${y}`;
    }
  }

  private phone(): string {
    const [a, b, c] = [200 + this.rng.int(700), 200 + this.rng.int(700), this.digits(4)];
    return this.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`]);
  }

  /** One note with its PHI spans. */
  generateNote(name: string): BratDocument {
    const given = this.pick(GIVEN);
    const surname = this.pick(SURNAMES);
    const doctor = `${this.pick(GIVEN)} ${this.pick(SURNAMES)}`;
    const doctorSurname = doctor.split(' ')[1];
    const relative = `${this.pick(GIVEN)} ${surname}`;
    const old = this.rng.next() < 0.4;
    const age = old ? 90 + this.rng.int(12) : 35 + this.rng.int(50);
    const ageText: Piece = old ? { label: 'AGE', value: `${age}-year-old` } : `${age}-year-old`;
    const sex = this.pick(['man', 'woman']);
    const hospital = this.pick(HOSPITALS);
    const town = this.pick(TOWNS);
    const state = this.pick(STATES);
    const zip = this.digits(5);
    const street = `${1 + this.rng.int(9800)} ${this.pick(STREETS)} ${this.pick(SUFFIXES)}`;
    const pieces: Piece[] = [
      this.pick(['DISCHARGE SUMMARY', 'PROGRESS NOTE', 'ADMISSION NOTE', 'CLINIC VISIT']),
      '\n',
      this.pick(['Patient: ', 'Name: ', 'Patient name: ']),
      { label: 'NAME', value: `${given} ${surname}` },
      '\nMRN: ',
      { label: 'ID', value: this.digits(7 + this.rng.int(2)) },
      '   DOB: ',
      { label: 'DATE', value: this.date() },
      '\nAdmission date: ',
      { label: 'DATE', value: this.date() },
      '\nFacility: ',
      { label: 'HOSPITAL', value: hospital },
      '\nAttending: Dr. ',
      { label: 'NAME', value: doctor },
      '\n\n',
      { label: 'NAME', value: `${given} ${surname}` },
      ' is a ',
      ageText,
      ` ${sex} who presented on `,
      { label: 'DATE', value: this.date() },
      ` with ${this.pick(REASONS)}. `,
      this.pick(DISTRACTORS),
      ' ',
      this.pick(DISTRACTORS),
      '\n',
      this.pick(['Mr. ', 'Mrs. ', 'Ms. ']),
      { label: 'NAME', value: surname },
      ' was seen by Dr. ',
      { label: 'NAME', value: doctorSurname },
      ' in clinic. ',
      this.pick(DISTRACTORS),
      '\nSocial history: lives at ',
      { label: 'LOCATION', value: street },
      ', ',
      { label: 'LOCATION', value: town },
      `, ${state} `,
      { label: 'LOCATION', value: zip },
      sex === 'man' ? ' with his ' : ' with her ',
      this.pick(['wife', 'daughter', 'son', 'husband', 'sister']),
      ' ',
      { label: 'NAME', value: relative },
      ' (phone ',
      { label: 'CONTACT', value: this.phone() },
      ').\n',
    ];
    // Narrative sentences in varied wording (not all of them have a cue a rule can use).
    const narrative: Piece[][] = [
      [
        'Case discussed with Dr. ',
        { label: 'NAME', value: this.pick(SURNAMES) },
        ' from cardiology, who agreed with the plan. ',
      ],
      [
        `The patient's ${this.pick(['daughter', 'son', 'wife', 'husband'])}, `,
        { label: 'NAME', value: relative },
        ', was updated by phone. ',
      ],
      ['Discussed with ', { label: 'NAME', value: given }, ' and family at the bedside. '],
      ['Transferred from ', { label: 'HOSPITAL', value: this.pick(HOSPITALS) }, ' for further care. '],
      [
        'Seen in the emergency department on ',
        { label: 'DATE', value: `${1 + this.rng.int(12)}/${1 + this.rng.int(28)}` },
        ' for the same complaint. ',
      ],
      [
        'Last colonoscopy ',
        { label: 'DATE', value: `${MONTHS[this.rng.int(12)]} ${2010 + this.rng.int(12)}` },
        ', normal. ',
      ],
      [
        'PCP is ',
        { label: 'NAME', value: `${this.pick(GIVEN)} ${this.pick(SURNAMES)}` },
        ' at ',
        { label: 'HOSPITAL', value: `${this.pick(TOWNS)} Family Medicine` },
        '. ',
      ],
      ['Originally from ', { label: 'LOCATION', value: this.pick(TOWNS) }, '; retired machinist. '],
      [
        'Reports that ',
        { label: 'NAME', value: `${given} ${surname}` },
        ' had a similar episode on ',
        { label: 'DATE', value: this.date() },
        '. ',
      ],
      [
        'Cell ',
        {
          label: 'CONTACT',
          value: `${200 + this.rng.int(700)} ${200 + this.rng.int(700)} ${this.digits(4)}`,
        },
        ' (best number to reach). ',
      ],
      [
        'Nephrology consult by ',
        { label: 'NAME', value: `${this.pick(GIVEN)} ${this.pick(SURNAMES)}` },
        ', NP. ',
      ],
      [
        'Repeat labs ',
        { label: 'DATE', value: `${1 + this.rng.int(12)}/${1 + this.rng.int(28)}/${pad2(this.rng.int(24))}` },
        ' pending. ',
      ],
    ];
    if (old) {
      const [ageValue] = [`${age}`];
      narrative.push(['Age: ', { label: 'AGE', value: ageValue }, '. ']);
      narrative.push(['Frail ', { label: 'AGE', value: `${age} y/o` }, ' with multiple comorbidities. ']);
    }
    this.rng.shuffle(narrative);
    pieces.push(...narrative.slice(0, 4 + this.rng.int(3)).flat(), '\n');
    // Optional sections so that not every note has every class in the same place.
    if (this.rng.next() < 0.5) pieces.push('Fax: ', { label: 'CONTACT', value: this.phone() }, '\n');
    if (this.rng.next() < 0.5)
      pieces.push(
        'E-mail: ',
        {
          label: 'CONTACT',
          value: `${given.toLowerCase()}.${surname.toLowerCase()}${this.digits(2)}@mailbox.net`,
        },
        '\n',
      );
    if (this.rng.next() < 0.4)
      pieces.push(
        'SSN: ',
        { label: 'ID', value: `${this.digits(3)}-${this.digits(2)}-${this.digits(4)}` },
        '\n',
      );
    if (this.rng.next() < 0.4)
      pieces.push('Insurance member ID: ', { label: 'ID', value: `W${this.digits(9)}` }, '\n');
    if (this.rng.next() < 0.3) pieces.push('Account number: ', { label: 'ID', value: this.digits(10) }, '\n');
    if (this.rng.next() < 0.3)
      pieces.push(
        'Pacemaker serial number ',
        { label: 'ID', value: `PM${this.digits(6)}` },
        ' interrogated; normal function.\n',
      );
    if (this.rng.next() < 0.25)
      pieces.push(
        'Patient portal: ',
        {
          label: 'CONTACT',
          value: `https://portal.${this.pick(['mercyhealth', 'stvincent', 'lakeside'])}.org/p/${this.digits(6)}`,
        },
        '\n',
      );
    if (this.rng.next() < 0.2)
      pieces.push(
        'Remote monitor IP ',
        { label: 'CONTACT', value: `10.${this.rng.int(256)}.${this.rng.int(256)}.${1 + this.rng.int(254)}` },
        '.\n',
      );
    if (this.rng.next() < 0.3)
      pieces.push(
        'Prescriber DEA number ',
        { label: 'ID', value: `B${this.pick(['M', 'K', 'R'])}${this.digits(7)}` },
        '.\n',
      );
    pieces.push(
      'Follow up with Dr. ',
      { label: 'NAME', value: doctorSurname },
      ' on ',
      { label: 'DATE', value: this.date() },
      `. ${this.pick(DISTRACTORS)}\nDischarged to home in ${this.pick(['stable', 'good', 'fair'])} condition.\n`,
      'Electronically signed by: ',
      { label: 'NAME', value: doctor },
      ', MD ',
      { label: 'DATE', value: this.date() },
      '\n',
    );
    let text = '';
    const entities: BratEntity[] = [];
    for (const p of pieces) {
      if (typeof p === 'string') text += p;
      else {
        entities.push({
          id: `T${entities.length + 1}`,
          type: p.label,
          start: text.length,
          end: text.length + p.value.length,
          text: p.value,
        });
        text += p.value;
      }
    }
    return { name, text, entities };
  }

  generate(count: number): BratDocument[] {
    return Array.from({ length: count }, (_, k) =>
      this.generateNote(`en-note-${String(k + 1).padStart(3, '0')}`),
    );
  }
}
