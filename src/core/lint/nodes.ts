/** What rules know about nodes in general: which types are pure, and how an expression names one. */

/** Node types without effects on the outside world (`thaiyyal optimize` may merge them). */
export const PURE_NODE_TYPES: ReadonlySet<string> = new Set([
  'condition',
  'delay',
  'fail',
  'filter',
  'format',
  'map',
  'parse',
  'reduce',
  'switch',
  'transform',
]);

/** How a node is named in an expression: `nodes.fetch`, or `` nodes.`fetch-user` `` for ids that need backticks. */
export const nodeRef = (id: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? `nodes.${id}` : `nodes.\`${id}\``;
