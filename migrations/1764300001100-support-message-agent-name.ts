import type { MigrationInterface, QueryRunner } from 'typeorm';

// The display name an agent gives with a reply, shown to the customer instead of "Support team".
export class SupportMessageAgentName1764300001100 implements MigrationInterface {
  name = 'SupportMessageAgentName1764300001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE support.messages ADD COLUMN agent_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE support.messages DROP COLUMN agent_name`);
  }
}
