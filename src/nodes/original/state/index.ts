/**
 * Node types of the original thaiyyal engine (reference §3): state and data, advanced
 * control, error handling and context. Registered as `original/<name>`; listed explicitly,
 * sorted by type name.
 */
import type { NodeType } from '../../types.js';

export const originalStateTypes: NodeType<never>[] = [];
