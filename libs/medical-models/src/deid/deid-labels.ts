// The labels of the de-identification tagger: MEDDOCAN's fine-grained PHI labels (Marimon et al.
// 2019, the 21 types that occur in the corpus plus the guideline's types for URLs, IPs and devices),
// which the model learns and emits, and the coarse labels of the English development notes. The
// service maps them onto its Safe Harbor PhiType (apps/medical-records deid/phi-labels.ts).

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

/** The labels of the English development notes (the i2b2 2014 coarse categories). */
export const ENGLISH_LABELS = ['NAME', 'DATE', 'AGE', 'ID', 'CONTACT', 'LOCATION', 'HOSPITAL'] as const;
export type EnglishLabel = (typeof ENGLISH_LABELS)[number];
