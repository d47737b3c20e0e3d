import type { HttpAppOptions } from '@suite/platform';

export const SERVICE = 'support';
export const HTTP_APP: HttpAppOptions = {
  title: 'Customer service API',
  description: 'Support bot: rules, intents, context, handoff, invoice recognition',
};
