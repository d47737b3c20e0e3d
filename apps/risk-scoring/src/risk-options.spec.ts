import { ConfigError, loadConfig } from '@suite/platform';
import { riskEnvSchema } from './risk.config.js';
import { riskOptionsFrom } from './risk-options.js';

describe('riskOptionsFrom', () => {
  it('keeps a valid cron expression and turns "off" into no schedule', () => {
    expect(riskOptionsFrom(loadConfig({ RISK_RETRAIN_CRON: '30 2 * * 0' }, riskEnvSchema)).retrainCron).toBe(
      '30 2 * * 0',
    );
    expect(riskOptionsFrom(loadConfig({ RISK_RETRAIN_CRON: 'off' }, riskEnvSchema)).retrainCron).toBeNull();
  });

  it('rejects an invalid cron expression naming RISK_RETRAIN_CRON', () => {
    const attempt = () => riskOptionsFrom(loadConfig({ RISK_RETRAIN_CRON: '61 3 * * 1' }, riskEnvSchema));
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/RISK_RETRAIN_CRON/);
  });

  it('rejects a decline cut-off above the approve cut-off', () => {
    const attempt = () =>
      riskOptionsFrom(
        loadConfig({ RISK_APPROVE_MIN_SCORE: '500', RISK_DECLINE_BELOW_SCORE: '520' }, riskEnvSchema),
      );
    expect(attempt).toThrow(/RISK_DECLINE_BELOW_SCORE/);
  });
});
