/** The original engine's limits: defaults in one place, the setting names, run limits. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import {
  applyOriginalRunLimits,
  limitSetting,
  ORIGINAL_LIMIT_DEFAULTS,
  originalLimitsOf,
} from '../../src/core/original-limits.js';

describe('original limits', () => {
  it('the project defaults are the original defaults', () => {
    expect(DEFAULT_CONFIG.original.limits).toEqual(ORIGINAL_LIMIT_DEFAULTS);
    expect(originalLimitsOf({})).toEqual(ORIGINAL_LIMIT_DEFAULTS);
    expect(originalLimitsOf({ original: { limits: { maxNodes: 5 } } })).toMatchObject({
      maxNodes: 5,
      maxEdges: 10_000,
    });
  });

  it('messages name the config key', () => {
    expect(limitSetting('maxHttpCallsPerExec')).toBe(
      'original.limits.maxHttpCallsPerExec in thaiyyal.config.yaml',
    );
    expect(limitSetting('maxExecutionTimeMs')).toBe(
      'original.limits.maxExecutionTime in thaiyyal.config.yaml',
    );
  });

  it('an imported run gets at most maxExecutionTime and maxNodeExecutionTime', () => {
    const config = { ...DEFAULT_CONFIG, root: '/p' };
    const run = applyOriginalRunLimits(config);
    expect(run.limits).toMatchObject({
      runTimeoutMs: 300_000,
      nodeTimeoutMs: 30_000,
      concurrency: 16,
      timeoutSettings: {
        run: 'original.limits.maxExecutionTime',
        node: 'original.limits.maxNodeExecutionTime',
      },
    });
    const tight = applyOriginalRunLimits({ ...config, limits: { ...config.limits, runTimeoutMs: 1000 } });
    expect(tight.limits.runTimeoutMs).toBe(1000);
    expect(tight.limits.timeoutSettings).toEqual({ node: 'original.limits.maxNodeExecutionTime' });
    expect(config.limits.runTimeoutMs).toBe(3_600_000); // not mutated
  });
});
