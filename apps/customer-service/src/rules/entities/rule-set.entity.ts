import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'support', name: 'rule_sets' })
export class RuleSetEntity {
  @PrimaryColumn('integer')
  version: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** API key id of the publisher, or "system" for the default set. */
  @Column({ name: 'published_by', type: 'text' })
  publishedBy: string;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  @Column({ type: 'boolean', default: false })
  active: boolean;
}
