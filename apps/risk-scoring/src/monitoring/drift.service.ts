// PSI of the probability of default and of each monitored input over recent traffic, against the
// champion's training distribution stored on its model card.
import { Injectable } from '@nestjs/common';
import { RiskModelRegistryService } from '../model-registry/risk-model-registry.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { monitoredInputValues, psiAgainstBaseline } from './drift-baseline.js';
import type { DriftReportDto } from './dto/drift.dto.js';

export const DRIFT_MAX_APPLICATIONS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class DriftService {
  constructor(
    private readonly registry: RiskModelRegistryService,
    private readonly scoring: ScoringService,
  ) {}

  async measureDrift(days: number, now = new Date()): Promise<DriftReportDto> {
    const scorer = this.registry.championScorer();
    const baseline = scorer.card.extra.driftBaseline;
    const from = new Date(now.getTime() - days * DAY_MS);
    const recent = await this.scoring.recentApplications(from, DRIFT_MAX_APPLICATIONS);
    const round = (f: { psi: number; band: string }) => ({
      psi: Math.round(f.psi * 10000) / 10000,
      band: f.band,
    });
    const values = monitoredInputValues(recent.map((a) => a.applicant));
    return {
      modelVersion: scorer.version,
      window: { from: from.toISOString(), to: now.toISOString(), applications: recent.length },
      bands: { stable: 'psi < 0.10', moderateShift: '0.10 <= psi < 0.25', significantShift: 'psi >= 0.25' },
      score:
        recent.length === 0
          ? null
          : round(
              psiAgainstBaseline(
                baseline.score,
                recent.map((a) => a.probability),
              ),
            ),
      inputs:
        recent.length === 0
          ? []
          : Object.entries(baseline.inputs).map(([input, expected]) => ({
              input,
              ...round(psiAgainstBaseline(expected, values[input] ?? [])),
            })),
    };
  }
}
