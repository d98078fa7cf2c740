/** Runs one original node type through its NodeType.execute with a real test context. */
import type { NodeContext, NodeType } from '../../../src/nodes/types.js';
import { makeTestContext } from '../../helpers/node-context.js';

export function run(
  type: NodeType<never>,
  options: Record<string, unknown>,
  ctx: NodeContext = makeTestContext(),
): Promise<unknown> {
  return type.execute(options as never, ctx) as Promise<unknown>;
}
