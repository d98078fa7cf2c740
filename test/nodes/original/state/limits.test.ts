/** The node-side limit helpers of ../shared/limits.ts, on a real context. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/core/config.js';
import {
  checkIterations,
  checkResponseSize,
  checkValue,
  countHttpCall,
  countNodeExecution,
  maxResponseSize,
  valueDepth,
} from '../../../../src/nodes/original/shared/limits.js';
import { NodeFailure } from '../../../../src/nodes/types.js';
import { makeTestContext } from '../../../helpers/node-context.js';

const ctxWith = (limits: Partial<typeof DEFAULT_CONFIG.original.limits>) =>
  makeTestContext({ config: { original: { limits: { ...DEFAULT_CONFIG.original.limits, ...limits } } } });

function thrown(fn: () => unknown): NodeFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NodeFailure);
    return e as NodeFailure;
  }
  throw new Error('did not throw');
}

describe('limit helpers', () => {
  it('countNodeExecution counts per run and fails over the limit; 0 = no limit', () => {
    const ctx = ctxWith({ maxNodeExecutions: 2 });
    expect(countNodeExecution(ctx)).toBe(1);
    expect(countNodeExecution(ctx)).toBe(2);
    const f = thrown(() => countNodeExecution(ctx));
    expect(f.code).toBe('original.limit');
    expect(f.message).toBe(
      'maximum node executions exceeded: 3 (limit: 2); raise original.limits.maxNodeExecutions in thaiyyal.config.yaml',
    );
    expect(f.details).toEqual({ limit: 'original.limits.maxNodeExecutions', value: 3 });
    const free = ctxWith({ maxNodeExecutions: 0 });
    for (let i = 0; i < 20_000; i++) countNodeExecution(free);
  });

  it('countHttpCall: the AllowHTTP gate, then maxHttpCallsPerExec', () => {
    const off = thrown(() => countHttpCall(ctxWith({ allowHttp: false })));
    expect(off.code).toBe('original.http-not-allowed');
    expect(off.message).toBe(
      'HTTP requests are not allowed (AllowHTTP=false); set original.limits.allowHttp: true in thaiyyal.config.yaml',
    );
    const ctx = ctxWith({ maxHttpCallsPerExec: 1 });
    countHttpCall(ctx);
    expect(thrown(() => countHttpCall(ctx)).message).toBe(
      'maximum HTTP calls per execution exceeded: 2 (limit: 1); raise original.limits.maxHttpCallsPerExec in thaiyyal.config.yaml',
    );
  });

  it('checkIterations and checkResponseSize', () => {
    const ctx = ctxWith({ maxIterations: 10, maxResponseSize: 100 });
    checkIterations(ctx, 10);
    expect(thrown(() => checkIterations(ctx, 11)).message).toBe(
      'maximum iterations exceeded: 11 (limit: 10); raise original.limits.maxIterations in thaiyyal.config.yaml',
    );
    checkResponseSize(ctx, 100);
    expect(thrown(() => checkResponseSize(ctx, 101)).message).toBe(
      'response too large (exceeds 100 bytes limit); raise original.limits.maxResponseSize in thaiyyal.config.yaml',
    );
    expect(maxResponseSize(ctx)).toBe(100);
    expect(maxResponseSize(ctxWith({ maxResponseSize: 0 }))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('valueDepth: scalar 1, map or array 1 + deepest, null 0', () => {
    expect(valueDepth(null)).toBe(0);
    expect(valueDepth('x')).toBe(1);
    expect(valueDepth([])).toBe(1);
    expect(valueDepth({ a: [1, { b: 2 }] })).toBe(4);
  });

  it('checkValue with the defaults accepts ordinary values', () => {
    checkValue(makeTestContext(), {
      list: Array.from({ length: 10_000 }, (_, i) => i),
      text: 'x'.repeat(1000),
    });
    expect(
      thrown(() =>
        checkValue(
          makeTestContext(),
          Array.from({ length: 10_001 }, () => 0),
        ),
      ).message,
    ).toMatch(/^array too large: 10001 elements \(limit: 10000\)/);
  });
});
