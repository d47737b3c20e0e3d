import type { SuiteConfig } from './suite.config.js';

/** The services `npm start` runs, each its own process. */
export const SUITE_SERVICES = [
  { app: 'risk-scoring', service: 'risk', port: (c: SuiteConfig) => c.RISK_PORT },
  { app: 'medical-records', service: 'medical', port: (c: SuiteConfig) => c.MEDICAL_PORT },
  { app: 'customer-service', service: 'support', port: (c: SuiteConfig) => c.SUPPORT_PORT },
] as const;

export function appEntrypoint(app: string): string {
  // dist/apps/cli/src/services.js -> dist/apps/<app>/main.js
  return new URL(`../../${app}/main.js`, import.meta.url).pathname;
}
