// Fairness monitoring: outcomes of the model by group of each protected attribute (which the model
// never sees), and how many applications did not give the attribute at all, since all four are
// optional and a group figure over a fraction of the traffic must say so.
import { Injectable } from '@nestjs/common';
import { ScoringService } from '../scoring/scoring.service.js';
import { type FairnessReportDto, PROTECTED_ATTRIBUTES } from './dto/fairness.dto.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const round = (x: number) => Math.round(x * 10000) / 10000;

@Injectable()
export class FairnessService {
  constructor(private readonly scoring: ScoringService) {}

  async monitorFairness(days: number, now = new Date()): Promise<FairnessReportDto> {
    const from = new Date(now.getTime() - days * DAY_MS);
    const rows = await this.scoring.demographicGroups(from);
    // Every application appears once per attribute, so any attribute's rows sum to the window.
    const applications = rows.filter((r) => r.attribute === 'age').reduce((s, r) => s + r.applications, 0);
    return {
      window: { from: from.toISOString(), to: now.toISOString(), applications },
      attributes: PROTECTED_ATTRIBUTES.map((attribute) => {
        const mine = rows.filter((r) => r.attribute === attribute);
        const missing = mine.find((r) => r.group === null)?.applications ?? 0;
        return {
          attribute,
          provided: applications - missing,
          missing,
          groups: mine.flatMap((r) =>
            r.group === null
              ? []
              : [
                  {
                    group: r.group,
                    applications: r.applications,
                    meanProbabilityOfDefault: round(r.meanProbability),
                    declineRate: round(r.declineRate),
                  },
                ],
          ),
        };
      }),
    };
  }
}
