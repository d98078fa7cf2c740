/**
 * A real NodeContext for unit-testing one node type without the engine: expressions
 * evaluate with real JSONata against the given scope; I/O capabilities are whatever the
 * test passes (real adapters, pointed at real local servers and processes).
 */
import { DEFAULT_CONFIG, type ProjectConfig } from '../../src/core/config.js';
import { compileExpression } from '../../src/core/expr/jsonata.js';
import { evaluateExpression, type Scope } from '../../src/core/expr/template.js';
import type { LogLevel, NodeContext } from '../../src/nodes/types.js';

export interface TestContext extends NodeContext {
  logs: { level: LogLevel; message: string; data?: Record<string, unknown> }[];
}

export function makeTestContext(
  opts: {
    rawOptions?: Record<string, unknown>;
    scope?: Partial<Scope>;
    overrides?: Partial<NodeContext>;
    config?: Partial<ProjectConfig>;
  } = {},
): TestContext {
  const scope: Scope = {
    inputs: {},
    nodes: {},
    env: {},
    secrets: {},
    run: { id: 'test-run' },
    ...opts.scope,
  };
  const controller = new AbortController();
  const logs: TestContext['logs'] = [];
  const unavailable = (what: string) => () =>
    Promise.reject(new Error(`${what} not provided to this test context`));
  const ctx: TestContext = {
    runId: 'test-run',
    nodeId: 'test-node',
    attempt: 1,
    signal: controller.signal,
    workflowDir: process.cwd(),
    config: { ...DEFAULT_CONFIG, root: process.cwd(), ...opts.config },
    logs,
    async evaluate(optionName, bindings) {
      const source = opts.rawOptions?.[optionName];
      if (typeof source !== 'string') throw new Error(`option ${optionName} is not a raw expression`);
      // Same semantics as the engine: bindings are visible both as fields (`item.price`) and as variables (`$item`).
      return evaluateExpression(
        compileExpression(source),
        source,
        bindings ? { ...scope, ...bindings } : scope,
        bindings,
      );
    },
    log(level, message, data) {
      logs.push(data ? { level, message, data } : { level, message });
    },
    now: () => Date.now(),
    random: () => Math.random(),
    sleep: (ms) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(resolve, ms);
        controller.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(controller.signal.reason);
        });
      }),
    http: { request: unavailable('http') },
    process: { run: unavailable('process') },
    runWorkflow: unavailable('runWorkflow'),
    runStore: new Map(),
    ...opts.overrides,
  };
  return ctx;
}
