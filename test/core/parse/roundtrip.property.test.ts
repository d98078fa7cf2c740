/**
 * Property: a valid workflow written as a JS object, printed with yaml.stringify and parsed
 * back, gives the model the object describes (durations in ms, retry expanded, …).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseWorkflow } from '../../../src/core/validate.js';
import type { Json, RetryPolicy } from '../../../src/core/workflow.js';
import { nodeTypes } from '../../../src/nodes/registry.js';

const UNIT = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A duration as written, with the ms it means. */
const duration = fc.oneof(
  fc.nat({ max: 10_000_000 }).map((n) => ({ written: n as number | string, ms: n })),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom(...(Object.keys(UNIT) as (keyof typeof UNIT)[])))
    .map(([n, u]) => ({ written: `${n}${u}`, ms: n * UNIT[u] })),
);

const noTemplate = (s: string) => !s.includes('${{');
/** JSON without templates and without -0 (which YAML keeps but `toEqual` tells from 0). */
// `<<` is YAML's merge key (the format accepts merges on purpose), so it is no plain data key.
const plainJson: fc.Arbitrary<Json> = fc
  .jsonValue({ maxDepth: 3 })
  .map((v) => JSON.parse(JSON.stringify(v).replaceAll('${{', '$ {{').replaceAll('"<<":', '"< <":')) as Json);

const retry = fc.oneof(
  fc
    .integer({ min: 1, max: 100 })
    .map((n) => ({ written: n as unknown, part: { attempts: n } as Partial<RetryPolicy> })),
  fc
    .record(
      {
        attempts: fc.integer({ min: 1, max: 100 }),
        backoff: fc.constantFrom('exponential', 'linear', 'constant'),
        delay: duration,
        jitter: fc.double({ min: 0, max: 1, noNaN: true }).map((j) => Math.round(j * 100) / 100),
        on: fc.array(fc.constantFrom('timeout', 'http.status', 'exec.exit'), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((r) => {
      const written: Record<string, unknown> = {};
      const part: Partial<RetryPolicy> = {};
      if (r.attempts !== undefined) written.attempts = part.attempts = r.attempts;
      if (r.backoff !== undefined) written.backoff = part.backoff = r.backoff as RetryPolicy['backoff'];
      if (r.delay !== undefined) {
        written.delay = r.delay.written;
        part.delayMs = r.delay.ms;
      }
      if (r.jitter !== undefined) written.jitter = part.jitter = r.jitter;
      if (r.on !== undefined) {
        written.on = r.on;
        part.on = r.on;
      }
      return { written: written as unknown, part };
    }),
);

const BASE_RETRY: RetryPolicy = {
  attempts: 1,
  backoff: 'exponential',
  delayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.2,
  on: [],
};

const nodeBody = fc.record(
  {
    message: fc.string().filter(noTemplate),
    description: fc.string(),
    timeout: duration,
    retry,
    onError: fc.oneof(
      fc
        .constantFrom('fail', 'continue')
        .map((w) => ({ written: w as unknown, model: { action: w } as unknown })),
      plainJson.map((v) => ({
        written: { fallback: v } as unknown,
        model: { action: 'fallback', value: v } as unknown,
      })),
    ),
    tolerateSkipped: fc.boolean(),
    when: fc.boolean(),
    foreach: fc.array(fc.integer(), { maxLength: 3 }),
    concurrency: fc.integer({ min: 1, max: 64 }),
  },
  { requiredKeys: ['message'] },
);

const workflowArb = fc
  .record({
    name: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/),
    description: fc.option(fc.string(), { nil: undefined }),
    owners: fc.array(fc.string(), { maxLength: 2 }),
    labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), fc.string(), { maxKeys: 2 }),
    inputs: fc.dictionary(
      fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/),
      fc.oneof(
        fc.record(
          { type: fc.constant('string'), default: fc.string(), required: fc.boolean() },
          { requiredKeys: ['type'] },
        ),
        fc.record(
          { type: fc.constant('integer'), default: fc.integer(), secret: fc.boolean() },
          { requiredKeys: ['type'] },
        ),
        fc.record(
          {
            type: fc.constant('array'),
            default: fc.array(fc.string(), { maxLength: 2 }),
            description: fc.string(),
          },
          { requiredKeys: ['type'] },
        ),
      ),
      { maxKeys: 3 },
    ),
    ids: fc.uniqueArray(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/), { minLength: 1, maxLength: 5 }),
    bodies: fc.array(nodeBody, { minLength: 5, maxLength: 5 }),
    needs: fc.array(fc.array(fc.nat(), { maxLength: 2 }), { minLength: 5, maxLength: 5 }),
    defaultsRetry: fc.option(retry, { nil: undefined }),
    outputs: fc.dictionary(
      fc.string({ minLength: 1 }).filter((k) => k !== '<<'),
      plainJson,
      { maxKeys: 3 },
    ),
  })
  // Nodes foreach-free when they use concurrency alone would only add a warning; keep them paired.
  .map((w) => ({
    ...w,
    bodies: w.bodies.map((b) =>
      b.concurrency !== undefined && b.foreach === undefined ? { ...b, foreach: [] } : b,
    ),
  }));

describe('parse ∘ print', () => {
  it('gives back the model of the generating object', () => {
    fc.assert(
      fc.property(workflowArb, (w) => {
        const nodes: Record<string, unknown> = {};
        const expectedNodes: Record<string, unknown> = {};
        w.ids.forEach((id, i) => {
          const b = w.bodies[i]!;
          // Only earlier nodes may be needed, so the graph stays acyclic.
          const needs = [...new Set(w.needs[i]!.filter((n) => n < i).map((n) => w.ids[n]!))];
          const written: Record<string, unknown> = { type: 'log', message: b.message };
          const model: Record<string, unknown> = {
            id,
            type: 'log',
            options: { message: b.message },
            needs,
            onError: { action: 'fail' },
            tolerateSkipped: b.tolerateSkipped ?? false,
          };
          if (needs.length > 0) written.needs = needs.length === 1 ? needs[0] : needs;
          if (b.description !== undefined) written.description = model.description = b.description;
          if (b.timeout !== undefined) {
            written.timeout = b.timeout.written;
            model.timeoutMs = b.timeout.ms;
          }
          if (b.retry !== undefined) {
            written.retry = b.retry.written;
            model.retry = { ...BASE_RETRY, ...w.defaultsRetry?.part, ...b.retry.part };
          }
          if (b.onError !== undefined) {
            written.onError = b.onError.written;
            model.onError = b.onError.model;
          }
          if (b.tolerateSkipped !== undefined) written.tolerateSkipped = b.tolerateSkipped;
          if (b.when !== undefined) written.when = model.when = b.when;
          if (b.foreach !== undefined) written.foreach = model.foreach = b.foreach;
          if (b.concurrency !== undefined) written.concurrency = model.concurrency = b.concurrency;
          nodes[id] = written;
          expectedNodes[id] = model;
        });
        const doc: Record<string, unknown> = {
          apiVersion: 'thaiyyal.dev/v1',
          kind: 'Workflow',
          name: w.name,
          owners: w.owners,
          labels: w.labels,
          inputs: w.inputs,
          nodes,
          outputs: w.outputs,
        };
        if (w.description !== undefined) doc.description = w.description;
        if (w.defaultsRetry) doc.defaults = { retry: w.defaultsRetry.written };

        const r = parseWorkflow(stringify(doc), 'p.yaml', nodeTypes);
        expect(r.diagnostics).toEqual([]);
        const wf = r.workflow!;
        expect(wf.name).toBe(w.name);
        expect(wf.description).toBe(w.description);
        expect(wf.owners).toEqual(w.owners);
        expect(wf.labels).toEqual(w.labels);
        expect(wf.outputs).toEqual(w.outputs);
        expect(wf.nodes).toEqual(expectedNodes);
        expect(Object.keys(wf.nodes)).toEqual(w.ids);
        for (const [name, spec] of Object.entries(w.inputs)) {
          expect(wf.inputs[name]).toEqual({
            ...spec,
            required: 'required' in spec && spec.required === true,
          });
        }
        expect(wf.defaults).toEqual(
          w.defaultsRetry ? { retry: { ...BASE_RETRY, ...w.defaultsRetry.part } } : {},
        );
        // The graph respects every edge.
        const pos = new Map(r.graph!.order.map((id, i) => [id, i]));
        for (const [id, deps] of Object.entries(r.graph!.deps))
          for (const d of deps) expect(pos.get(d)!).toBeLessThan(pos.get(id)!);
      }),
      { numRuns: 150 },
    );
  });
});
