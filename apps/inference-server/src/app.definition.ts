import type { HttpAppOptions } from '@suite/platform';

export const SERVICE = 'inference';
export const HTTP_APP: HttpAppOptions = {
  title: 'Inference server (KServe v2)',
  description:
    'The model repository served over the KServe v2 / Open Inference Protocol, so several services ' +
    'can share one process (and one GPU); Triton-compatible.',
};
