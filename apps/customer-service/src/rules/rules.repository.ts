import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import type { EntityManager } from 'typeorm';
import { IntentAnswerEntity } from './entities/intent-answer.entity.js';
import { RuleSetEntity } from './entities/rule-set.entity.js';
import { RuleEntity } from './entities/rule.entity.js';
import type { RuleSetContent, VersionedRuleSet } from './rule-set.js';

// Serialises publishing: the next version number and the single active flag are decided under it.
const PUBLISH_LOCK = `SELECT pg_advisory_xact_lock(hashtext('support.rule_sets'))`;

@Injectable()
export class RulesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findActiveVersion(): Promise<number | null> {
    const row = await this.tx
      .manager()
      .findOne(RuleSetEntity, { where: { active: true }, select: { version: true } });
    return row?.version ?? null;
  }

  findRuleSet(version: number): Promise<RuleSetEntity | null> {
    return this.tx.manager().findOneBy(RuleSetEntity, { version });
  }

  listRuleSets(limit: number): Promise<RuleSetEntity[]> {
    return this.tx.manager().find(RuleSetEntity, { order: { version: 'DESC' }, take: limit });
  }

  async loadRuleSetContent(version: number): Promise<VersionedRuleSet> {
    const manager = this.tx.manager();
    const [rules, answers] = await Promise.all([
      manager.find(RuleEntity, { where: { ruleSetVersion: version }, order: { position: 'ASC' } }),
      manager.find(IntentAnswerEntity, { where: { ruleSetVersion: version }, order: { intent: 'ASC' } }),
    ]);
    return {
      version,
      rules: rules.map((r) => ({
        name: r.name,
        intent: r.intent,
        priority: r.priority,
        patterns: r.patterns,
        keywords: r.keywords,
        action: r.action,
        answerTemplate: r.answerTemplate,
      })),
      answers: answers.map((a) => ({
        intent: a.intent,
        title: a.title,
        template: a.template,
        requiredSlots: a.requiredSlots,
      })),
    };
  }

  /** Writes the next version and makes it the active one, in the caller's transaction. */
  async insertActiveRuleSet(
    content: RuleSetContent,
    meta: { note: string | null; publishedBy: string },
  ): Promise<RuleSetEntity> {
    const manager = this.tx.manager();
    await manager.query(PUBLISH_LOCK);
    return this.insertLocked(manager, content, meta);
  }

  /** Publishes `content` as version 1 unless some version exists; true when it did. */
  async insertFirstRuleSet(content: RuleSetContent): Promise<boolean> {
    const manager = this.tx.manager();
    await manager.query(PUBLISH_LOCK);
    if ((await manager.count(RuleSetEntity)) > 0) return false;
    await this.insertLocked(manager, content, { note: 'default rule set', publishedBy: 'system' });
    return true;
  }

  /** Makes `version` the active one; false when it does not exist. */
  async activateRuleSet(version: number): Promise<boolean> {
    const manager = this.tx.manager();
    await manager.query(PUBLISH_LOCK);
    if (!(await manager.existsBy(RuleSetEntity, { version }))) return false;
    await manager.update(RuleSetEntity, { active: true }, { active: false });
    await manager.update(RuleSetEntity, { version }, { active: true });
    return true;
  }

  private async insertLocked(
    manager: EntityManager,
    content: RuleSetContent,
    meta: { note: string | null; publishedBy: string },
  ): Promise<RuleSetEntity> {
    const [{ next }] = (await manager.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM support.rule_sets`,
    )) as { next: number }[];
    await manager.update(RuleSetEntity, { active: true }, { active: false });
    const ruleSet = manager.create(RuleSetEntity, {
      version: Number(next),
      note: meta.note,
      publishedBy: meta.publishedBy,
      publishedAt: new Date(),
      active: true,
    });
    await manager.insert(RuleSetEntity, ruleSet);
    if (content.rules.length > 0)
      await manager.insert(
        RuleEntity,
        content.rules.map((r, position) => ({ ...r, ruleSetVersion: ruleSet.version, position })),
      );
    if (content.answers.length > 0)
      await manager.insert(
        IntentAnswerEntity,
        content.answers.map((a) => ({ ...a, ruleSetVersion: ruleSet.version })),
      );
    return ruleSet;
  }
}
