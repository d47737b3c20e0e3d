import type { MigrationInterface, QueryRunner } from 'typeorm';

// customer-service: versioned rule sets (rules + intent answers), conversations with their dialogue
// state and messages, and the handoff queue. The schema itself comes with the platform.
export class SupportSchema1764300000700 implements MigrationInterface {
  name = 'SupportSchema1764300000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE support.rule_sets (
      version integer PRIMARY KEY CHECK (version >= 1),
      note text,
      published_by text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      active boolean NOT NULL DEFAULT false
    )`);
    await q.query(`CREATE UNIQUE INDEX rule_sets_one_active ON support.rule_sets (active) WHERE active`);
    await q.query(`CREATE TABLE support.rules (
      rule_set_version integer NOT NULL REFERENCES support.rule_sets (version),
      position integer NOT NULL,
      name text NOT NULL,
      intent text NOT NULL,
      priority integer NOT NULL,
      patterns text[] NOT NULL,
      keywords text[] NOT NULL,
      action text NOT NULL CHECK (action IN ('answer', 'handoff')),
      answer_template text,
      PRIMARY KEY (rule_set_version, position),
      UNIQUE (rule_set_version, name)
    )`);
    await q.query(`CREATE TABLE support.intent_answers (
      rule_set_version integer NOT NULL REFERENCES support.rule_sets (version),
      intent text NOT NULL,
      title text NOT NULL,
      template text NOT NULL,
      required_slots text[] NOT NULL,
      PRIMARY KEY (rule_set_version, intent)
    )`);
    await q.query(`CREATE TABLE support.conversations (
      id uuid PRIMARY KEY,
      api_key_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('bot', 'waiting_for_agent', 'with_agent')),
      stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 3),
      dialogue_state jsonb NOT NULL,
      message_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX conversations_api_key_idx ON support.conversations (api_key_id, created_at)`);
    await q.query(`CREATE TABLE support.messages (
      conversation_id uuid NOT NULL REFERENCES support.conversations (id),
      seq integer NOT NULL,
      author text NOT NULL CHECK (author IN ('customer', 'bot', 'agent')),
      text text NOT NULL,
      intent text,
      confidence real,
      answered_by text,
      agent_key_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, seq)
    )`);
    await q.query(`CREATE TABLE support.handoffs (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES support.conversations (id),
      status text NOT NULL CHECK (status IN ('waiting', 'claimed', 'closed')),
      reason text NOT NULL CHECK (reason IN ('requested', 'low-confidence')),
      intent text,
      requested_at timestamptz NOT NULL DEFAULT now(),
      claimed_by uuid,
      claimed_at timestamptz,
      closed_at timestamptz
    )`);
    // At most one open handoff per conversation; the queue is read oldest first.
    await q.query(
      `CREATE UNIQUE INDEX handoffs_one_open ON support.handoffs (conversation_id) WHERE status <> 'closed'`,
    );
    await q.query(`CREATE INDEX handoffs_queue_idx ON support.handoffs (status, requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support.handoffs`);
    await q.query(`DROP TABLE support.messages`);
    await q.query(`DROP TABLE support.conversations`);
    await q.query(`DROP TABLE support.intent_answers`);
    await q.query(`DROP TABLE support.rules`);
    await q.query(`DROP TABLE support.rule_sets`);
  }
}
