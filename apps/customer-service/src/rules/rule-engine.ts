// Stage 1's deterministic half: the active rule set compiled once, matched against each message in
// priority order. Patterns come from operators, so they are checked before they are stored (length,
// compilation, no nested quantifiers or back-references, the usual causes of catastrophic
// backtracking) and messages are length-limited by the API.
import type { IntentAnswer, RuleDefinition, RuleSetContent } from './rule-set.js';

export interface RuleMatch {
  rule: RuleDefinition;
}

interface CompiledRule {
  rule: RuleDefinition;
  patterns: RegExp[];
  keywords: RegExp[];
}

export const MAX_PATTERN_LENGTH = 300;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;
const BACK_REFERENCE = /\\[1-9]|\\k</;

/** Why a pattern is refused, or undefined when it is acceptable. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH)
    return `must be 1 to ${MAX_PATTERN_LENGTH} characters`;
  if (NESTED_QUANTIFIER.test(pattern)) return 'nested quantifiers are not allowed';
  if (BACK_REFERENCE.test(pattern)) return 'back-references are not allowed';
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return `does not compile: ${(err as Error).message}`;
  }
  return undefined;
}

function keywordExpression(keyword: string): RegExp {
  const words = keyword
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(String.raw`(?:^|[^\p{L}\p{N}])${words.join(String.raw`\s+`)}(?:$|[^\p{L}\p{N}])`, 'iu');
}

export class RuleEngine {
  private readonly rules: CompiledRule[];
  private readonly answers: Map<string, IntentAnswer>;

  constructor(content: RuleSetContent) {
    this.rules = content.rules
      .map((rule, position) => ({ rule, position }))
      .sort((a, b) => b.rule.priority - a.rule.priority || a.position - b.position)
      .map(({ rule }) => ({
        rule,
        patterns: rule.patterns.map((p) => new RegExp(p, 'iu')),
        keywords: rule.keywords.map(keywordExpression),
      }));
    this.answers = new Map(content.answers.map((a) => [a.intent, a]));
  }

  /** The highest-priority rule that matches: any of its patterns, or all of its keywords. */
  matchRule(text: string): RuleMatch | undefined {
    for (const compiled of this.rules) {
      const byPattern = compiled.patterns.some((p) => p.test(text));
      const byKeywords = compiled.keywords.length > 0 && compiled.keywords.every((k) => k.test(text));
      if (byPattern || byKeywords) return { rule: compiled.rule };
    }
    return undefined;
  }

  answerFor(intent: string): IntentAnswer | undefined {
    return this.answers.get(intent);
  }
}
