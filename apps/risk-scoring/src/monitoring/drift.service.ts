// PSI of the probability of default and of each monitored input over recent traffic, against the
// champion's training distribution stored on its model card.
import { Injectable } from '@nestjs/common';
import {
  type ApplicantRecord,
  type DriftBaseline,
  monitoredInputValues,
  psiAgainstBaseline,
} from '@suite/risk-models';
import { RiskModelRegistryService } from '../model-registry/risk-model-registry.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import type { DriftReportDto, PsiFigureDto } from './dto/drift.dto.js';

export const DRIFT_MAX_APPLICATIONS = 10_000;
/**
 * Below this many applications PSI is noise, not drift. With the baseline from the (large) training
 * set, PSI of an unshifted sample of n over B bins is about chi-square with B - 1 degrees of freedom
 * divided by n (Yurdakul 2018, "Statistical properties of the population stability index"); for the
 * 10 decile bins its 95th percentile is 16.9 / n, so at n = 200 an unshifted sample stays under the
 * 0.10 "stable" bound 19 times in 20 (0.085), and every decile expects 20 applications, well above
 * the 5 per bin the chi-square approximation asks for. With 6 applications PSI is ~3 on any input.
 */
export const DRIFT_MIN_APPLICATIONS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class DriftService {
  constructor(
    private readonly registry: RiskModelRegistryService,
    private readonly scoring: ScoringService,
  ) {}

  async measureDrift(days: number, now = new Date()): Promise<DriftReportDto> {
    const scorer = this.registry.championScorer();
    const from = new Date(now.getTime() - days * DAY_MS);
    const recent = await this.scoring.recentApplications(from, DRIFT_MAX_APPLICATIONS);
    return {
      modelVersion: scorer.version,
      window: { from: from.toISOString(), to: now.toISOString(), applications: recent.length },
      ...driftFigures(
        scorer.card.extra.driftBaseline,
        recent.map((a) => a.applicant),
        recent.map((a) => a.probability),
      ),
    };
  }
}

export function driftFigures(
  baseline: DriftBaseline,
  records: readonly ApplicantRecord[],
  probabilities: readonly number[],
): Pick<DriftReportDto, 'bands' | 'minimumApplications' | 'score' | 'inputs'> {
  const enough = records.length >= DRIFT_MIN_APPLICATIONS;
  const values = enough ? monitoredInputValues(records) : {};
  const figure = (expected: DriftBaseline['score'], actual: readonly number[]): PsiFigureDto => {
    if (!enough) return { psi: null, band: 'insufficient-data' };
    const f = psiAgainstBaseline(expected, actual);
    return { psi: Math.round(f.psi * 10000) / 10000, band: f.band };
  };
  return {
    bands: {
      stable: 'psi < 0.10',
      moderateShift: '0.10 <= psi < 0.25',
      significantShift: 'psi >= 0.25',
      insufficientData: `fewer than ${DRIFT_MIN_APPLICATIONS} applications`,
    },
    minimumApplications: DRIFT_MIN_APPLICATIONS,
    score: figure(baseline.score, probabilities),
    inputs: Object.entries(baseline.inputs).map(([input, expected]) => ({
      input,
      ...figure(expected, values[input] ?? []),
    })),
  };
}
