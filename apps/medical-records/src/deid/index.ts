export * from './phi-finding.js';
export * from './phi-labels.js';
export * from './deid.options.js';
export * from './deid.service.js';
export * from './deid.module.js';
export { detectPhiByRules } from './rules/phi-rules.js';
export { safeHarborZip, RESTRICTED_ZIP3 } from './rules/zip3.js';
export * from './known-identifiers.js';
