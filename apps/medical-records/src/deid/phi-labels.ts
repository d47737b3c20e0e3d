// PHI labels. Detection works in MEDDOCAN's fine-grained labels (Marimon et al. 2019, the 21 types
// that occur in the corpus plus the guideline's types for URLs, IPs and devices), so that `eval deid`
// scores strict span + type in the corpus' own labels; callers see the coarser Safe Harbor PhiType.
import type { PhiType } from './phi-finding.js';
import type { EnglishLabel, MeddocanLabel } from '@suite/medical-models';

// The labels the tagger learns are the model's (@suite/medical-models), shared with its training.
export {
  ENGLISH_LABELS,
  type EnglishLabel,
  isMeddocanLabel,
  MEDDOCAN_LABELS,
  type MeddocanLabel,
} from '@suite/medical-models';

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
