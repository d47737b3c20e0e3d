import type { DeidLanguage } from '../phi-finding.js';
import type { PhiSpan } from '../phi-labels.js';
import { propagatePlaces } from '../name-propagation.js';
import { withoutNonPhiWords } from './english-name-scan.js';
import { detectPhiByRules } from './phi-rules.js';
import { safeHarborZip } from './zip3.js';

const found = (text: string, language: DeidLanguage): string[] =>
  detectPhiByRules(text, language).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe('de-identification rules', () => {
  it.each<[string, DeidLanguage, string[]]>([
    ['Seen on 03/14/2019 and 2019-03-21.', 'en', ['DATE:03/14/2019', 'DATE:2019-03-21']],
    [
      'Admitted March 3, 2019; discharged 5th of April 2019; 19-Jun-2015.',
      'en',
      ['DATE:March 3, 2019', 'DATE:5th of April 2019', 'DATE:19-Jun-2015'],
    ],
    ['Follow-up on 3/14 in clinic.', 'en', ['DATE:3/14']],
    [
      'Ingreso el 12/03/2016, alta el 3 de mayo de 2017, control en junio de 2018.',
      'es',
      ['DATE:12/03/2016', 'DATE:3 de mayo de 2017', 'DATE:junio de 2018'],
    ],
    ['A 92-year-old woman; Age: 97.', 'en', ['AGE:92-year-old', 'AGE:97']],
    ['Paciente de 94 años.', 'es', ['AGE:94 años']],
    ['Call (617) 555-0199 or fax: 617-555-0100.', 'en', ['PHONE:(617) 555-0199', 'FAX:617-555-0100']],
    ['Teléfono: 912 345 678. Fax 91 336 87 85.', 'es', ['PHONE:912 345 678', 'FAX:91 336 87 85']],
    ['E-mail: nnavcu@hotmail.com', 'es', ['EMAIL:nnavcu@hotmail.com']],
    [
      'SSN 123-45-6789, MRN: 4455667, Account number: 99887766.',
      'en',
      ['SSN:123-45-6789', 'MEDICAL_RECORD:4455667', 'ACCOUNT:99887766'],
    ],
    [
      'NHC: 368503. NASS: 26 63514095. NºCol: 28 28 70973.',
      'es',
      ['MEDICAL_RECORD:368503', 'ACCOUNT:26 63514095', 'LICENSE:28 28 70973'],
    ],
    [
      'Portal https://portal.example.org/p/1 from 192.168.1.20.',
      'en',
      ['URL:https://portal.example.org/p/1', 'IP:192.168.1.20'],
    ],
    [
      'Pacemaker serial number PM821719; DEA number BM1234567.',
      'en',
      ['DEVICE:PM821719', 'LICENSE:BM1234567'],
    ],
    [
      'Lives at 123 Main Street, Apt 4B, Springfield, IL 62704.',
      'en',
      ['ADDRESS:123 Main Street, Apt 4B', 'LOCATION:Springfield', 'ZIP:62704'],
    ],
    [
      'Domicilio: c/ del Abedul 5-7, 2º dcha 28036 Madrid. CP: 28016.',
      'es',
      ['ADDRESS:c/ del Abedul 5-7, 2º dcha', 'ZIP:28036', 'ZIP:28016'],
    ],
    // The name, not the word Hospital (as the PhysioNet gold standard marks hospitals).
    ['Transferred from Mercy General Hospital.', 'en', ['ORGANIZATION:Mercy General']],
    [
      // Names after cues in any case, by the gazetteer (data/gazetteers): one span per word.
      'NP CAROL made aware; md wyman aware; husband milovan here. Sons Eddie, Morris and Roger in to visit.',
      'en',
      ['NAME:CAROL', 'NAME:wyman', 'NAME:milovan', 'NAME:Eddie', 'NAME:Morris', 'NAME:Roger'],
    ],
    [
      'PER N. RUTH NP. E. WELSH AWARE. Drs Ferullo and Saeed in to see pt. d/w Suzette.',
      'en',
      ['NAME:N', 'NAME:RUTH', 'NAME:E', 'NAME:WELSH', 'NAME:Ferullo', 'NAME:Saeed', 'NAME:Suzette'],
    ],
    [
      // First names that are also English words, in any case, right after a relative's or clinician's cue.
      'daughter pat lives close by, son rob in parkville; wife joy here. I spoke with mary; called CAROL back.',
      'en',
      ['NAME:pat', 'NAME:rob', 'NAME:joy', 'NAME:mary', 'NAME:CAROL'],
    ],
    [
      // Pagers, 6-4 phones, ranges and runs of month/day, month/day after a capitalised preposition.
      'Pager: #54321. PG 33445. home (240444-1243). FALL ON 8/10. intubated 6/30-7/2, XRT 10/03/10/04.',
      'en',
      ['PHONE:54321', 'PHONE:33445', 'PHONE:240444-1243', 'DATE:8/10', 'DATE:6/30-7/2', 'DATE:10/03/10/04'],
    ],
    [
      // A relative in parentheses after the name, a note for a person, a saint's hospital.
      'URSLA MORETTI (DAUGHTER) called. Progress note for Peter Jones. Accepted by St. Agnes.',
      'en',
      ['NAME:URSLA', 'NAME:MORETTI', 'NAME:Peter', 'NAME:Jones', 'ORGANIZATION:St', 'ORGANIZATION:Agnes'],
    ],
    [
      // A first name in any case with no cue, beside another name word.
      'orientedx3. mary theresa kondouli from speech. anita morris rn',
      'en',
      ['NAME:mary', 'NAME:theresa', 'NAME:kondouli', 'NAME:anita', 'NAME:morris'],
    ],
    [
      "PMH: CABG '92, AVR 8/88. Cultures from the 11th. Admitted in sept. to GH. 28 Oct, 88",
      'en',
      ['DATE:92', 'DATE:8/88', 'DATE:11th', 'DATE:sept', 'ORGANIZATION:GH', 'DATE:28 Oct, 88'],
    ],
    [
      'Patient: John A. Smith. Seen by Dr. Emily Chen; wife Mary Smith. Signed: Laura Kim, MD',
      'en',
      ['NAME:John A. Smith', 'NAME:Emily Chen', 'NAME:Mary Smith', 'NAME:Laura Kim'],
    ],
    [
      // Facilities by the word after their name, in any case; towns by a verb of residence or their ending.
      'Discharged to Sacred Heart Memorial today. PT WAS TRANSFERED TO THE ZAGARIA CAMPUS. Husband is home in Hagerstown; has a bakery in Randallstown.',
      'en',
      [
        'LOCATION:Sacred',
        'LOCATION:Heart',
        'LOCATION:Memorial',
        'LOCATION:ZAGARIA',
        'LOCATION:Hagerstown',
        'LOCATION:Randallstown',
      ],
    ],
    [
      // Surnames that are also English words, before a credential, after a first name or an initial.
      'irene snell, rn\nAll is well. J. Chang PA aware.',
      'en',
      ['NAME:irene', 'NAME:snell', 'NAME:J', 'NAME:Chang'],
    ],
    [
      'Nombre: Ernesto. Apellidos: Rivera Bueno. Médico: Ignacio Navarro Cuéllar. Sra. Dña. Pilar',
      'es',
      ['NAME:Ernesto', 'NAME:Rivera Bueno', 'NAME:Ignacio Navarro Cuéllar', 'NAME:Pilar'],
    ],
  ])('finds the PHI in %j (%s)', (text, language, expected) => {
    expect(found(text, language)).toEqual(expected);
  });

  it.each<[string, DeidLanguage]>([
    ['History of Parkinson disease and Crohn disease; Glasgow Coma Scale 15.', 'en'],
    ['Percocet 5/325 mg, carbidopa-levodopa 25/100 mg.', 'en'],
    ['BP 132/84, HR 78, SpO2 97%, Na 139, K 4.1, HbA1c 7.2%, MMSE 22/30.', 'en'],
    ['Hodgkin lymphoma in 1998; a 67-year-old man; version 1.2.3.', 'en'],
    // Cues with no name after them, vent settings, mental status, nasopharyngeal.
    ['On 4L NP sats are 96-99%. After NP suctioning, pt better. Monitor MS. OOB as tol.', 'en'],
    ['CPAP/PSV 12/10/40%, PSV of 10/5, trialed on 5/5. Son at bedside, RN to call. C/O 6-9.', 'en'],
    [
      'PSV 10/5-5/5 today; pg 1.5 mg; on 4.5 mg; pain 8/10. ST elevation; St depression. Pt (daughter) here.',
      'en',
    ],
    // A first name that is also a word before a word, an eponym, lower extremities.
    ['Spoke w/ NP last eve regarading ST changes. LEs anasarcic. showed mallory weiss tear.', 'en'],
    // Function words and words of the notes after the same cues stay.
    ['Son will call. Daughter may visit, wife is here, called back, spoke with pt and family, per md.', 'en'],
    // Facility words after generic words, verbs and words of the notes; residence with no town.
    [
      'Needs cardiac rehab; will go to rehab. Pt wants to leave hospital. Lives in house with wife. Pulmonary Rehab consult. ADMITTED HOSPITAL 2 DAYS AGO.',
      'en',
    ],
    ['Enfermedad de Parkinson y enfermedad de Crohn; escala de Glasgow 15.', 'es'],
    [
      'TA 132/84 mmHg, glucemia de 169 mg/dl, PSA de 1.16 ng/ml, paracetamol 1 g/8 h, 0-5 leucocitos/campo.',
      'es',
    ],
    ['Paciente de 70 años con síndrome de Down.', 'es'],
  ])('leaves the distractors in %j alone (%s)', (text, language) => {
    expect(found(text, language)).toEqual([]);
  });

  it('keeps ZIP3 only outside the restricted three-digit areas (Safe Harbor)', () => {
    expect(safeHarborZip('62704')).toBe('62700');
    expect(safeHarborZip('03601')).toBe('00000');
    expect(safeHarborZip('89301-1234')).toBe('00000-0000');
    expect(safeHarborZip('02139-4307')).toBe('02100-0000');
  });

  const model = (text: string, type: 'NAME' | 'LOCATION', word: string, nth = 0): PhiSpan => {
    let start = -1;
    for (let k = 0; k <= nth; k++) start = text.indexOf(word, start + 1);
    const label = type === 'NAME' ? 'NOMBRE_SUJETO_ASISTENCIA' : 'TERRITORIO';
    return { type, label, start, end: start + word.length, source: 'model' };
  };

  it('propagates a place found once to its other mentions, English words only beside another', () => {
    const text =
      'Admitted to CALVERT. Labs from calvert and GH. Seen at GH; gh neg. Heart rate ok. Sacred Heart called. Sacred Heart Memorial.';
    const spans = [
      model(text, 'LOCATION', 'CALVERT'),
      model(text, 'LOCATION', 'GH'),
      model(text, 'LOCATION', 'Sacred'),
      model(text, 'LOCATION', 'Heart', 1),
    ];
    expect(propagatePlaces(text, spans).map((s) => `${text.slice(s.start, s.end)}@${s.start}`)).toEqual([
      'CALVERT@12',
      'calvert@31',
      'GH@43',
      'GH@55',
      'Sacred@82',
      'Heart@89',
      'Sacred@103',
      'Heart@110',
    ]);
  });

  it("vetoes the tagger's names and places made only of words that are never PHI", () => {
    const text = 'AND SISTER WORSENED Rose BIL Holy RUSSIAN; Respiratory Care Note; U Maryland; DATE 3/4';
    const spans = [
      'AND',
      'SISTER',
      'WORSENED',
      'Rose',
      'BIL',
      'Holy',
      'RUSSIAN',
      'Respiratory Care Note',
    ].map((w) => model(text, 'NAME', w));
    spans.push(model(text, 'LOCATION', 'U Maryland'));
    const date: PhiSpan = { ...model(text, 'NAME', '3/4'), type: 'DATE', label: 'FECHAS' };
    expect(withoutNonPhiWords(text, [...spans, date]).map((s) => text.slice(s.start, s.end))).toEqual([
      'Rose',
      'Holy',
      'U Maryland',
      '3/4',
    ]);
  });

  it("vetoes the tagger's names that are eponyms, and keeps a person's name beside one", () => {
    // The sentence of a public HL7 ORU fixture (CDCgov/trusted-intermediary), where `Leiden` was removed.
    const text = 'no factor V Leiden variant; Parkinson disease; seen by Rose Moretti';
    const spans = [
      model(text, 'NAME', 'V Leiden'),
      model(text, 'NAME', 'Parkinson'),
      model(text, 'NAME', 'Rose Moretti'),
    ];
    expect(withoutNonPhiWords(text, spans).map((s) => text.slice(s.start, s.end))).toEqual(['Rose Moretti']);
  });
});
