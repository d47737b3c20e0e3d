export * from './config/env.schema.js';
export * from './http/domain-error.js';
