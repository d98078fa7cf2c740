/** Where rule pages are published (SARIF helpUri, config schema descriptions). */
export const RULE_DOCS_BASE = 'https://github.com/thaiyyal/thaiyyal/blob/main/docs/rules/';
