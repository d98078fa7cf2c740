/**
 * Node types of the original thaiyyal engine (reference §3): inputs and output, operations,
 * control flow and array processing. Registered as `original/<name>`; listed explicitly,
 * sorted by type name.
 */
import type { NodeType } from '../../types.js';

export const originalCoreTypes: NodeType<never>[] = [];
