// The versioned rule sets: publishing, activation (rollback is activating an older version), and the
// compiled engine of the active version, recompiled when another version becomes active.
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService, DomainError, type Principal, TransactionRunner } from '@suite/platform';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import type { PublishRuleSetDto } from './dto/publish-rule-set.dto.js';
import type {
  RuleSetListResponseDto,
  RuleSetResponseDto,
  RuleSetSummaryDto,
} from './dto/rule-set-response.dto.js';
import type { RuleSetEntity } from './entities/rule-set.entity.js';
import { RuleEngine } from './rule-engine.js';
import { ruleSetProblems } from './rule-set-validation.js';
import type { RuleSetContent } from './rule-set.js';
import { RulesRepository } from './rules.repository.js';

export interface ActiveRules {
  version: number;
  engine: RuleEngine;
}

@Injectable()
export class RulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RulesService.name);
  private compiled: ActiveRules | undefined;

  constructor(
    private readonly rules: RulesRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** A database without rules gets version 1, so the bot answers from its first start. */
  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.tx.run(() => this.rules.insertFirstRuleSet(DEFAULT_RULE_SET));
    if (seeded) this.logger.log('published the default rule set as version 1');
  }

  /** The active version's engine; one indexed lookup per call, recompiled only when it changed. */
  async activeRules(): Promise<ActiveRules> {
    const version = await this.rules.findActiveVersion();
    if (version === null) throw new DomainError('SERVICE_UNAVAILABLE', 'No rule set is active');
    if (this.compiled?.version !== version) {
      const content = await this.rules.loadRuleSetContent(version);
      this.compiled = { version, engine: new RuleEngine(content) };
    }
    return this.compiled;
  }

  async publishRuleSet(
    dto: PublishRuleSetDto,
    principal: Principal,
    correlationId: string,
  ): Promise<RuleSetResponseDto> {
    const content: RuleSetContent = {
      rules: dto.rules.map((r) => ({ ...r, answerTemplate: r.answerTemplate ?? null })),
      answers: dto.answers.map((a) => ({ ...a, requiredSlots: [...new Set(a.requiredSlots)] })),
    };
    const problems = ruleSetProblems(content);
    if (problems.length > 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; '),
        { fields: problems },
      );
    const ruleSet = await this.rules.insertActiveRuleSet(content, {
      note: dto.note ?? null,
      publishedBy: principal.keyId,
    });
    await this.audit.record({
      actor: principal.keyId,
      action: 'rule-set.publish',
      resourceType: 'rule-set',
      resourceId: String(ruleSet.version),
      outcome: 'success',
      correlationId,
    });
    return { ...toSummary(ruleSet), ...content };
  }

  async activateRuleSet(
    version: number,
    principal: Principal,
    correlationId: string,
  ): Promise<RuleSetResponseDto> {
    if (!(await this.rules.activateRuleSet(version)))
      throw new DomainError('NOT_FOUND', `Rule set version ${version} does not exist`);
    await this.audit.record({
      actor: principal.keyId,
      action: 'rule-set.activate',
      resourceType: 'rule-set',
      resourceId: String(version),
      outcome: 'success',
      correlationId,
    });
    return this.getRuleSet(version);
  }

  async getRuleSet(version: number): Promise<RuleSetResponseDto> {
    const ruleSet = await this.rules.findRuleSet(version);
    if (!ruleSet) throw new DomainError('NOT_FOUND', `Rule set version ${version} does not exist`);
    const { rules, answers } = await this.rules.loadRuleSetContent(version);
    return { ...toSummary(ruleSet), rules, answers };
  }

  async getActiveRuleSet(): Promise<RuleSetResponseDto> {
    const version = await this.rules.findActiveVersion();
    if (version === null) throw new DomainError('NOT_FOUND', 'No rule set is active');
    return this.getRuleSet(version);
  }

  async listRuleSets(limit: number): Promise<RuleSetListResponseDto> {
    return { items: (await this.rules.listRuleSets(limit)).map(toSummary) };
  }
}

function toSummary(ruleSet: RuleSetEntity): RuleSetSummaryDto {
  return {
    version: ruleSet.version,
    note: ruleSet.note,
    publishedBy: ruleSet.publishedBy,
    publishedAt: new Date(ruleSet.publishedAt).toISOString(),
    active: ruleSet.active,
  };
}
