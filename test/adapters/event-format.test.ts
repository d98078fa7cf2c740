/**
 * The WebAssembly formatting kernel: the committed module is what assembly/event-format.ts
 * compiles to, and its layout is what the encoder expects.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { instantiateEventFormat } from '../../src/adapters/event-format.js';
// @ts-expect-error a plain ES module script, without type declarations
import { renderEventFormatWasm, TARGET } from '../../scripts/build-wasm.js';

describe('event-format kernel', () => {
  it('is compiled from assembly/event-format.ts (run `npm run wasm` after changing it)', async () => {
    const text = (await renderEventFormatWasm()) as string;
    expect(await readFile(TARGET as string, 'utf8')).toBe(text);
  }, 60_000);

  it('lays out records, texts and a 1 MiB output buffer in one fixed memory', () => {
    const { memory, layout } = instantiateEventFormat();
    expect(layout.RECORDS).toBeGreaterThan(layout.RESULT);
    expect(layout.TEXTS).toBe(layout.RECORDS + layout.RECORD_COUNT * 80);
    expect(layout.OUT).toBe(layout.TEXTS + layout.TEXT_BYTES);
    expect(memory.byteLength - layout.OUT).toBeGreaterThanOrEqual(1024 * 1024);
    // Each instance has its own memory.
    expect(instantiateEventFormat().memory).not.toBe(memory);
  });
});
