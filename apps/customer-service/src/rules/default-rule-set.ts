import { DEFAULT_ANSWERS } from './default-answers.js';
import { DEFAULT_RULES } from './default-rules.js';
import type { RuleSetContent } from './rule-set.js';

/** Version 1 of the rule set, published when a service starts on an empty database. */
export const DEFAULT_RULE_SET: RuleSetContent = { rules: DEFAULT_RULES, answers: DEFAULT_ANSWERS };
