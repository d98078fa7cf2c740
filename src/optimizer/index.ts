/** The workflow optimiser: pure plan → plan passes run by a staged pipeline (docs/optimizer.md). */
export {
  optimizeWorkflow,
  PASSES,
  STAGES,
  MAX_ITERATIONS,
  type OptimizeResult,
  type StageReport,
} from './pipeline.js';
export { criticalPath, nodeCosts, type History } from './cost.js';
export { suggest, type Suggestion } from './suggest.js';
export { renderDocument, renderOptimized, rawNode } from './yaml-edit.js';
export { planOf } from './plan.js';
export { nodeEffect } from './effects.js';
export type { OptContext, OptPlan, Pass, PassResult, Provenance, Rewrite } from './types.js';
