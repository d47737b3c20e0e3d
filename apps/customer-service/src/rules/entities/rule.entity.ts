import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RuleAction } from '../rule-set.js';

@Entity({ schema: 'support', name: 'rules' })
export class RuleEntity {
  @PrimaryColumn({ name: 'rule_set_version', type: 'integer' })
  ruleSetVersion: number;

  @PrimaryColumn('integer')
  position: number;

  @Column('text')
  name: string;

  @Column('text')
  intent: string;

  @Column('integer')
  priority: number;

  @Column('text', { array: true })
  patterns: string[];

  @Column('text', { array: true })
  keywords: string[];

  @Column('text')
  action: RuleAction;

  @Column({ name: 'answer_template', type: 'text', nullable: true })
  answerTemplate: string | null;
}
