import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SlotName } from '../../dialogue/slots.js';

@Entity({ schema: 'support', name: 'intent_answers' })
export class IntentAnswerEntity {
  @PrimaryColumn({ name: 'rule_set_version', type: 'integer' })
  ruleSetVersion: number;

  @PrimaryColumn('text')
  intent: string;

  @Column('text')
  title: string;

  @Column('text')
  template: string;

  @Column({ name: 'required_slots', type: 'text', array: true })
  requiredSlots: SlotName[];
}
