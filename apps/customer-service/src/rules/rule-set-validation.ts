// Checks a rule set before it is published, naming every problem the way the validation pipe does.
import type { FieldErrors } from '@suite/platform';
import { templateProblems } from './answer-template.js';
import { patternProblem } from './rule-engine.js';
import type { RuleSetContent } from './rule-set.js';

export function ruleSetProblems(content: RuleSetContent): FieldErrors[] {
  const problems: FieldErrors[] = [];
  const add = (field: string, message: string) => problems.push({ field, messages: [message] });
  const answered = new Set<string>();
  content.answers.forEach((a, i) => {
    if (answered.has(a.intent)) add(`answers.${i}.intent`, `duplicate answer for intent ${a.intent}`);
    answered.add(a.intent);
    for (const p of templateProblems(a.template)) add(`answers.${i}.template`, p);
  });
  const names = new Set<string>();
  content.rules.forEach((r, i) => {
    if (names.has(r.name)) add(`rules.${i}.name`, `duplicate rule name ${r.name}`);
    names.add(r.name);
    if (r.patterns.length === 0 && r.keywords.length === 0)
      add(`rules.${i}`, 'a rule needs at least one pattern or keyword');
    r.patterns.forEach((p, k) => {
      const problem = patternProblem(p);
      if (problem) add(`rules.${i}.patterns.${k}`, problem);
    });
    if (r.answerTemplate)
      for (const p of templateProblems(r.answerTemplate)) add(`rules.${i}.answerTemplate`, p);
    if (r.action === 'answer' && !r.answerTemplate && !answered.has(r.intent))
      add(
        `rules.${i}.intent`,
        `no answer for intent ${r.intent}: add one to answers or give the rule an answerTemplate`,
      );
  });
  return problems;
}
