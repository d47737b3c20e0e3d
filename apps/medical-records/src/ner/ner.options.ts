export interface NerOptions {
  /** Model repository root (Triton layout). */
  modelsDir: string;
  /** Shipped model name: bc5cdr (Chemical + Disease), ncbi-disease or bc5cdr-dp. */
  model: string;
  /** Default: the newest version. */
  version?: string;
}

export const NER_OPTIONS = Symbol('NER_OPTIONS');

export const DEFAULT_NER_OPTIONS: NerOptions = {
  modelsDir: process.env.MODELS_DIR ?? 'models',
  model: process.env.NER_MODEL ?? 'bc5cdr',
};
