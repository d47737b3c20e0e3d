// Where this package's trainers hand a freshly trained version to the model repository: libs/inference's
// writeModelVersion, which the caller (the CLI) binds, since this package imports no serving code
// (eslint.config.mjs). The card's types are libs/onnx's, which training and serving share.
import type { ModelCardDraft, WrittenModelVersion } from '@suite/onnx';

/** Writes a version (graph and card) into the model repository: libs/inference's writeModelVersion. */
export type ModelVersionWriter = (
  draft: ModelCardDraft,
  onnx: Uint8Array,
  options: { overwrite?: boolean; now?: () => Date },
) => Promise<WrittenModelVersion>;
