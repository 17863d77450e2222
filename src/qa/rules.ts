// Every rule id a finding can carry, so the config can warn about a misspelt one in `qa.rules`.
import { listRules } from './checks/index.js';

export const RULE_IDS: readonly string[] = listRules().map((r) => r.rule);
