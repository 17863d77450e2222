// Every rule id a finding can carry, so the config can warn about a misspelt one in `qa.rules`.
export const RULE_IDS: readonly string[] = ['glossary-missing-target', 'glossary-forbidden', 'markup-missing', 'markup-extra', 'empty-target'];
