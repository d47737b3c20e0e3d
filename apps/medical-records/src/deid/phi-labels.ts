// PHI labels. Detection works in MEDDOCAN's fine-grained labels (Marimon et al. 2019, the 21 types
// that occur in the corpus plus the guideline's types for URLs, IPs and devices), so that `eval deid`
// scores strict span + type in the corpus' own labels; callers see the coarser Safe Harbor PhiType.
import type { PhiType } from './phi-finding.js';

export const MEDDOCAN_LABELS = [
  'NOMBRE_SUJETO_ASISTENCIA',
  'NOMBRE_PERSONAL_SANITARIO',
  'FAMILIARES_SUJETO_ASISTENCIA',
  'FECHAS',
  'EDAD_SUJETO_ASISTENCIA',
  'SEXO_SUJETO_ASISTENCIA',
  'CALLE',
  'TERRITORIO',
  'PAIS',
  'ID_SUJETO_ASISTENCIA',
  'ID_TITULACION_PERSONAL_SANITARIO',
  'ID_ASEGURAMIENTO',
  'ID_CONTACTO_ASISTENCIAL',
  'CORREO_ELECTRONICO',
  'NUMERO_TELEFONO',
  'NUMERO_FAX',
  'HOSPITAL',
  'INSTITUCION',
  'CENTRO_SALUD',
  'PROFESION',
  'OTROS_SUJETO_ASISTENCIA',
  // In the MEDDOCAN guidelines, absent from its train and dev parts; rules produce them.
  'URL_WEB',
  'DIREC_PROT_INTERNET',
  'IDENTIF_DISPOSITIVOS_NRSERIE',
  'ID_EMPLEO_PERSONAL_SANITARIO',
] as const;

export type MeddocanLabel = (typeof MEDDOCAN_LABELS)[number];

export const isMeddocanLabel = (s: string): s is MeddocanLabel =>
  (MEDDOCAN_LABELS as readonly string[]).includes(s);

export const PHI_TYPE_OF_LABEL: Readonly<Record<MeddocanLabel, PhiType>> = {
  NOMBRE_SUJETO_ASISTENCIA: 'NAME',
  NOMBRE_PERSONAL_SANITARIO: 'NAME',
  FAMILIARES_SUJETO_ASISTENCIA: 'NAME',
  FECHAS: 'DATE',
  EDAD_SUJETO_ASISTENCIA: 'AGE',
  SEXO_SUJETO_ASISTENCIA: 'OTHER',
  CALLE: 'ADDRESS',
  TERRITORIO: 'LOCATION',
  PAIS: 'LOCATION',
  ID_SUJETO_ASISTENCIA: 'MEDICAL_RECORD',
  ID_TITULACION_PERSONAL_SANITARIO: 'LICENSE',
  ID_ASEGURAMIENTO: 'ACCOUNT',
  ID_CONTACTO_ASISTENCIAL: 'ACCOUNT',
  CORREO_ELECTRONICO: 'EMAIL',
  NUMERO_TELEFONO: 'PHONE',
  NUMERO_FAX: 'FAX',
  HOSPITAL: 'ORGANIZATION',
  INSTITUCION: 'ORGANIZATION',
  CENTRO_SALUD: 'ORGANIZATION',
  PROFESION: 'PROFESSION',
  OTROS_SUJETO_ASISTENCIA: 'OTHER',
  URL_WEB: 'URL',
  DIREC_PROT_INTERNET: 'IP',
  IDENTIF_DISPOSITIVOS_NRSERIE: 'DEVICE',
  ID_EMPLEO_PERSONAL_SANITARIO: 'ID',
};

/** The labels of the English development notes (the i2b2 2014 coarse categories). */
export const ENGLISH_LABELS = ['NAME', 'DATE', 'AGE', 'ID', 'CONTACT', 'LOCATION', 'HOSPITAL'] as const;
export type EnglishLabel = (typeof ENGLISH_LABELS)[number];

export function englishLabelOf(type: PhiType): EnglishLabel | undefined {
  switch (type) {
    case 'NAME':
      return 'NAME';
    case 'DATE':
      return 'DATE';
    case 'AGE':
      return 'AGE';
    case 'PHONE':
    case 'FAX':
    case 'EMAIL':
    case 'URL':
    case 'IP':
      return 'CONTACT';
    case 'SSN':
    case 'MEDICAL_RECORD':
    case 'ACCOUNT':
    case 'ID':
    case 'DEVICE':
    case 'LICENSE':
      return 'ID';
    case 'ADDRESS':
    case 'LOCATION':
    case 'ZIP':
      return 'LOCATION';
    case 'ORGANIZATION':
      return 'HOSPITAL';
    case 'PROFESSION':
    case 'OTHER':
      return undefined;
  }
}

/** A detected PHI span in the text it was found in (UTF-16 offsets). */
export interface PhiSpan {
  type: PhiType;
  /** MEDDOCAN label (fine-grained; what `eval deid --predictions` writes). */
  label: MeddocanLabel;
  start: number;
  end: number;
  source: 'rule' | 'model';
}
