// STUB: being written; replaced before this session ends.
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: { id: 'unused-node', category: 'structure', severity: 'warning', fixable: false, description: 'TODO' },
  check() {},
};
