import type { HttpAppOptions } from '@suite/platform';

export const SERVICE = 'medical';
export const HTTP_APP: HttpAppOptions = {
  title: 'Medical records API',
  description: 'Clinical text ingestion: de-identification and medical entity recognition',
};
