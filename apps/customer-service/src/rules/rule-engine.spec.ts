import { readFileSync } from 'node:fs';
import { DEFAULT_ANSWERS } from './default-answers.js';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import { patternProblem, RuleEngine } from './rule-engine.js';
import { ruleSetProblems } from './rule-set-validation.js';
import type { RuleDefinition } from './rule-set.js';

const rule = (overrides: Partial<RuleDefinition>): RuleDefinition => ({
  name: 'r',
  intent: 'card_arrival',
  priority: 0,
  patterns: [],
  keywords: [],
  action: 'answer',
  answerTemplate: null,
  ...overrides,
});

describe('rule engine', () => {
  it('matches by pattern or by all keywords, highest priority first', () => {
    const sut = new RuleEngine({
      rules: [
        rule({ name: 'low', intent: 'card_arrival', priority: 1, keywords: ['card', 'not arrived'] }),
        rule({
          name: 'high',
          intent: 'lost_or_stolen_card',
          priority: 9,
          patterns: [String.raw`\bstolen\b`],
        }),
      ],
      answers: [],
    });
    expect(sut.matchRule('My card has NOT   arrived yet')?.rule.name).toBe('low');
    expect(sut.matchRule('my stolen card has not arrived')?.rule.name).toBe('high');
    expect(sut.matchRule('my card arrived')).toBeUndefined();
    expect(sut.matchRule('cardboard not arrived')).toBeUndefined();
  });

  it('refuses patterns prone to catastrophic backtracking, back-references and bad syntax', () => {
    expect(patternProblem(String.raw`(a+)+$`)).toMatch(/nested/);
    expect(patternProblem(String.raw`(\w*)*x`)).toMatch(/nested/);
    expect(patternProblem(String.raw`(a)\1`)).toMatch(/back-reference/);
    expect(patternProblem('(unclosed')).toMatch(/compile/);
    expect(patternProblem(String.raw`\b(lost|stolen)\b[^.?!]{0,30}\bcard\b`)).toBeUndefined();
  });

  it('ships a default rule set that validates and answers every Banking77 intent', () => {
    expect(ruleSetProblems(DEFAULT_RULE_SET)).toEqual([]);
    for (const r of DEFAULT_RULE_SET.rules)
      for (const p of r.patterns) expect(patternProblem(p)).toBeUndefined();
    const intents = JSON.parse(readFileSync('data/banking77/categories.json', 'utf8')) as string[];
    const answered = new Set(DEFAULT_ANSWERS.map((a) => a.intent));
    expect(intents.filter((i) => !answered.has(i))).toEqual([]);
    expect(DEFAULT_ANSWERS.length).toBe(77 + 4 + 1); // + conversational, + top_up_methods
  });

  it('answers the bare top-up question the greeting invites, and leaves questions naming a method to the model', () => {
    const sut = new RuleEngine(DEFAULT_RULE_SET);
    for (const text of ['how do I top up', 'How do I top up my account?', 'how can i add money?'])
      expect(sut.matchRule(text)?.rule.intent).toBe('top_up_methods');
    for (const text of ['How do I top up by card?', 'how do I top up with cash', 'why did my top up fail'])
      expect(sut.matchRule(text)?.rule.intent).not.toBe('top_up_methods');
  });

  it('names every problem of an invalid rule set', () => {
    const problems = ruleSetProblems({
      rules: [
        rule({ name: 'a', patterns: ['(x+)+'] }),
        rule({ name: 'a', keywords: ['x'], intent: 'unknown_intent' }),
        rule({ name: 'b' }),
      ],
      answers: [
        { intent: 'card_arrival', title: 't', template: 'ok {foo}', requiredSlots: [] },
        { intent: 'card_arrival', title: 't', template: 'ok', requiredSlots: [] },
      ],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'answers.0.template',
      'answers.1.intent',
      'rules.0.patterns.0',
      'rules.1.name',
      'rules.1.intent',
      'rules.2',
    ]);
  });
});
