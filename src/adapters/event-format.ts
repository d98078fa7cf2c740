/**
 * The event encoder's formatting kernel: assembly/event-format.ts compiled to WebAssembly
 * (src/adapters/event-format.wasm.ts). Each encoder gets its own instance, whose memory holds
 * its records, texts and output buffer; the module is compiled once per process.
 */
import { EVENT_FORMAT_WASM } from './event-format.wasm.js';

/** The part of the WebAssembly JS API used here (TypeScript's ES libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** One instance: its memory, functions and layout (see assembly/event-format.ts). */
export interface EventFormat {
  /** The instance's memory (fixed size: views of it stay valid). */
  readonly memory: ArrayBuffer;
  /** Empties the cached ts texts (once, before the first record). */
  reset(): void;
  /** Address of a hot event kind's slot (REST's length in bytes at 0, REST at `REST_AT`). */
  slot(kind: number): number;
  /**
   * Formats records `first` to `count - 1` at `o`, stopping before one that might not fit below
   * `end`; returns how many it wrote, and leaves the offset after them at `RESULT`.
   */
  format(first: number, count: number, o: number, end: number): number;
  readonly layout: Readonly<Record<(typeof LAYOUT)[number], number>>;
}

const LAYOUT = [
  'OPEN',
  'REST_AT',
  'REST_MAX',
  'FRAGMENTS',
  'RESULT',
  'RECORDS',
  'RECORD_COUNT',
  'TEXTS',
  'TEXT_BYTES',
  'OUT',
  'RECORD_FIXED',
] as const;

let compiled: object | undefined;

export function instantiateEventFormat(): EventFormat {
  compiled ??= new wasm.Module(Buffer.from(EVENT_FORMAT_WASM, 'base64'));
  const x = new wasm.Instance(compiled, {}).exports;
  return {
    memory: (x['memory'] as { buffer: ArrayBuffer }).buffer,
    reset: x['reset'] as EventFormat['reset'],
    slot: x['slot'] as EventFormat['slot'],
    format: x['format'] as EventFormat['format'],
    layout: Object.fromEntries(
      LAYOUT.map((k) => [k, (x[k] as { value: number }).value]),
    ) as EventFormat['layout'],
  };
}
