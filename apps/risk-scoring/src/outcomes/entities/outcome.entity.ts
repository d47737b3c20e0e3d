import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The observed label of a scored application: did the client default? One per application. */
@Entity({ schema: 'risk', name: 'outcomes' })
export class OutcomeEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'boolean' })
  defaulted: boolean;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
