/**
 * The original thaiyyal engine's catalogue, 52 types as `original/<name>` (docs/compat.md):
 * in the full registry (`../registry.ts`), and loaded on demand by `../lazy-registry.ts` for
 * runs of workflows that use them.
 */
import type { NodeType } from '../types.js';
import { originalCoreTypes } from './core/index.js';
import { originalStateTypes } from './state/index.js';

export const originalNodeTypes: NodeType<never>[] = [...originalCoreTypes, ...originalStateTypes];
