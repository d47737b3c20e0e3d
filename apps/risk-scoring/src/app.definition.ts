import type { HttpAppOptions } from '@suite/platform';

export const SERVICE = 'risk';
export const HTTP_APP: HttpAppOptions = {
  title: 'Risk scoring API',
  description: 'Credit-risk decisions: enrichment, scoring, reason codes, retraining',
};
