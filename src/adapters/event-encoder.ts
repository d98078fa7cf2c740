/**
 * Run events → JSON lines, written into a reused byte buffer.
 *
 * A 10,000-node run logs 30,000 events, and the event log may cost at most 5% of such a run
 * (docs/performance.md, "The event log"): JSON.stringify per event costs more, and so does
 * writing the lines byte by byte in JavaScript. So the events every node emits
 * (`node.scheduled`, `node.started`, `node.options`, `node.succeeded`) are checked here and
 * recorded as numbers (and texts: the node id as a JSON string literal, options and non-integer
 * outputs as JSON) in the memory of a small WebAssembly kernel (assembly/event-format.ts), which
 * turns a batch of records into lines in one call. Every other event, and any event of an
 * unexpected shape, goes whole through `JSON.stringify`, after the records before it. Either
 * way a line is what `JSON.stringify(event) + "\n"` gives for events built in the engine's key
 * order (property-tested in test/adapters/event-encoder.test.ts).
 */
import type { RunEvent } from '../engine/events.js';
import { instantiateEventFormat, type EventFormat } from './event-format.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
/** The fragments between a hot event's values, in the kernel's order. */
const FRAGMENTS = [',"attempt":', ',"options":', ',"output":', ',"attempts":', ',"durationMs":'];
/** The hot event kinds, as the kernel numbers them. */
const KIND_TYPES = ['node.scheduled', 'node.started', 'node.options', 'node.succeeded'] as const;
const [SCHEDULED, STARTED, OPTIONS, SUCCEEDED] = [0, 1, 2, 3];
/** A record's fields (f64 each), as the kernel reads them. */
const [KIND, SEQ, TS, ATTEMPT, DURATION, OUTPUT, ID_AT, ID_LENGTH, TEXT_AT, TEXT_LENGTH] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
];
const RECORD_FIELDS = 10;
/** Ids and texts longer than this (UTF-16 units) take the JSON.stringify way. */
const TEXT_LIMIT = 16 * 1024;
/** The smallest output buffer: a record of short id and text must fit it (the kernel's RECORD_FIXED is 640). */
const MIN_BUFFER = 1024;
const SMALL_INT_LIMIT = 2 ** 31;
const QUOTE = 0x22;

/** Receives encoded bytes; must use them before returning (the buffer is reused). */
export type ByteSink = (bytes: Uint8Array) => void;

export class EventEncoder {
  private readonly fmt: EventFormat;
  /** The kernel's memory, as bytes, as f64 record fields, as 32-bit words and as a Buffer (for its UTF-8 write()). */
  private readonly bytes: Uint8Array;
  private readonly fields: Float64Array;
  private readonly words: Uint32Array;
  private readonly textBuf: Buffer;
  /** The output buffer is [start, end) of the memory; `off` is where the next line goes. */
  private readonly start: number;
  private readonly end: number;
  private off: number;
  /** Records not yet formatted, and where the next id or text goes. */
  private records = 0;
  private textOff: number;
  private runId: string | undefined;
  /** The `v` of this run's records; NaN (equal to nothing) when records are off for the run. */
  private v = NaN;

  constructor(
    private readonly sink: ByteSink,
    size = 1024 * 1024,
  ) {
    this.fmt = instantiateEventFormat();
    const { memory, layout } = this.fmt;
    this.bytes = new Uint8Array(memory);
    this.fields = new Float64Array(memory, layout.RECORDS, layout.RECORD_COUNT * RECORD_FIELDS);
    this.words = new Uint32Array(memory);
    this.textBuf = Buffer.from(memory);
    this.start = layout.OUT;
    const capacity = this.bytes.length - this.start;
    this.end = this.start + Math.min(Math.max(size, MIN_BUFFER), capacity);
    this.off = this.start;
    this.textOff = layout.TEXTS;
    let at = layout.FRAGMENTS;
    for (const f of FRAGMENTS) at += this.textBuf.write(f, at, 'latin1');
    this.fmt.reset();
  }

  /** Events encoded but not yet handed to the sink (a count that is 0 exactly when nothing is). */
  get pending(): number {
    return this.off - this.start + this.records;
  }

  /** Hands everything encoded so far to the sink. */
  flush(): void {
    this.drain();
    this.flushBytes();
  }

  /** Appends one event as one line. */
  encode(e: RunEvent): void {
    if (e.runId !== this.runId) this.startRun(e);
    switch (e.type) {
      case 'node.scheduled':
        if (keyCount(e) === 6 && this.record(e, SCHEDULED, undefined) >= 0) return this.commit();
        break;
      case 'node.started': {
        if (keyCount(e) !== 7 || !isSmallInt(e.attempt)) break;
        const r = this.record(e, STARTED, undefined);
        if (r < 0) break;
        this.fields[r + ATTEMPT] = e.attempt;
        return this.commit();
      }
      case 'node.options': {
        if (keyCount(e) !== 8 || !isSmallInt(e.attempt)) break;
        // JSON.stringify leaves out a value with no JSON form (undefined, a function): so does JSON.stringify(e).
        const options = json(e.options);
        const r = options === undefined ? -1 : this.record(e, OPTIONS, options);
        if (r < 0) break;
        this.fields[r + ATTEMPT] = e.attempt;
        return this.commit();
      }
      case 'node.succeeded': {
        if (keyCount(e) !== 9 || !isSmallInt(e.attempts) || !isSmallInt(e.durationMs)) break;
        const int = isSmallInt(e.output);
        const output = int ? undefined : json(e.output);
        const r = int || output !== undefined ? this.record(e, SUCCEEDED, output) : -1;
        if (r < 0) break;
        const f = this.fields;
        f[r + ATTEMPT] = e.attempts;
        f[r + DURATION] = e.durationMs;
        f[r + OUTPUT] = int ? (e.output as number) : 0;
        return this.commit();
      }
      default:
        break;
    }
    this.drain();
    this.text(JSON.stringify(e));
    this.bytes[this.off++] = 0x0a;
  }

  /** Writes this run's `{"v":<v>,"seq":` and each hot kind's `,"runId":…,"type":…,"nodeId":` into the kernel. */
  private startRun(e: RunEvent): void {
    this.drain();
    this.runId = e.runId;
    this.v = isSmallInt(e.v) ? e.v : NaN;
    const { OPEN, REST_AT, REST_MAX } = this.fmt.layout;
    this.words[OPEN >> 2] = this.textBuf.write(`{"v":${e.v},"seq":`, OPEN + 4, 'latin1');
    const runId = JSON.stringify(e.runId) as string | undefined;
    KIND_TYPES.forEach((type, kind) => {
      const rest = `,"runId":${runId},"type":"${type}","nodeId":`;
      if (runId === undefined || Buffer.byteLength(rest) > REST_MAX) this.v = NaN;
      else {
        const slot = this.fmt.slot(kind);
        this.words[slot >> 2] = this.textBuf.write(rest, slot + REST_AT);
      }
    });
  }

  /**
   * Records a hot event's common fields, its id and `text`; returns the record's first field,
   * or -1 (nothing recorded) when a field is not what a record holds.
   */
  private record(e: RunEvent & { nodeId: string }, kind: number, text: string | undefined): number {
    const id = e.nodeId;
    if (e.v !== this.v || !isSmallInt(e.seq) || !isUint(e.ts) || typeof id !== 'string') return -1;
    if (id.length > TEXT_LIMIT || (text !== undefined && text.length > TEXT_LIMIT)) return -1;
    const { TEXTS, TEXT_BYTES, RECORD_COUNT, RECORD_FIXED } = this.fmt.layout;
    // At most 6 bytes a unit (an escaped id), 3 for text: the record must also fit the output buffer.
    const most = 6 * id.length + 2 + (text === undefined ? 0 : 3 * text.length);
    if (RECORD_FIXED + most > this.end - this.start) return -1;
    if (this.textOff + most > TEXTS + TEXT_BYTES || this.records === RECORD_COUNT) this.drain();
    const r = this.records * RECORD_FIELDS;
    const f = this.fields;
    f[r + KIND] = kind;
    f[r + SEQ] = e.seq;
    f[r + TS] = e.ts;
    f[r + ID_AT] = this.textOff;
    this.textOff = this.string(id, this.textOff);
    f[r + ID_LENGTH] = this.textOff - f[r + ID_AT]!;
    if (text === undefined) f[r + TEXT_LENGTH] = 0;
    else {
      f[r + TEXT_AT] = this.textOff;
      const end = this.utf8(text, this.textOff);
      f[r + TEXT_LENGTH] = end - this.textOff;
      this.textOff = end;
    }
    return r;
  }

  private commit(): void {
    this.records++;
  }

  /** A JSON string literal at `o`: printable ASCII without `"` or `\` as is, the rest escaped by JSON.stringify. */
  private string(s: string, o: number): number {
    const bytes = this.bytes;
    const start = o;
    bytes[o++] = QUOTE;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === 0x5c)
        return start + this.textBuf.write(JSON.stringify(s), start);
      bytes[o++] = c;
    }
    bytes[o++] = QUOTE;
    return o;
  }

  /** UTF-8 text at `o`: short ASCII copied here (cheaper than a call to Buffer#write), the rest by Buffer#write. */
  private utf8(s: string, o: number): number {
    if (s.length > 64) return o + this.textBuf.write(s, o);
    const bytes = this.bytes;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return o - i + this.textBuf.write(s, o - i);
      bytes[o++] = c;
    }
    return o;
  }

  /** Formats the pending records into the output buffer, handing it to the sink whenever it fills. */
  private drain(): void {
    let done = 0;
    while (done < this.records) {
      done += this.fmt.format(done, this.records, this.off, this.end);
      this.off = this.words[this.fmt.layout.RESULT >> 2]!;
      if (done < this.records) this.flushBytes();
    }
    this.records = 0;
    this.textOff = this.fmt.layout.TEXTS;
  }

  private flushBytes(): void {
    if (this.off === this.start) return;
    const n = this.off;
    this.off = this.start;
    this.sink(this.bytes.subarray(this.start, n));
  }

  /** Raw UTF-8 text into the output buffer; text longer than the buffer goes to the sink directly. */
  private text(s: string): void {
    const most = s.length * 3 + 1;
    if (most > this.end - this.start) {
      this.flushBytes();
      this.sink(utf8(s));
      return;
    }
    if (this.off + most > this.end) this.flushBytes();
    this.off += this.textBuf.write(s, this.off);
  }
}

/**
 * Enumerable keys, counted without allocating. An inherited key (a polluted prototype) only
 * makes the count differ, which sends the event to JSON.stringify: never a wrong line.
 */
function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** A counter the fast form writes with 32-bit arithmetic. */
function isSmallInt(n: unknown): n is number {
  return typeof n === 'number' && n >= 0 && n < SMALL_INT_LIMIT && n === Math.floor(n);
}

/** JSON.stringify's text of a value, or undefined when it has none (undefined, a function, a symbol). */
function json(value: unknown): string | undefined {
  return JSON.stringify(value) as string | undefined;
}

function isUint(n: unknown): n is number {
  return typeof n === 'number' && n >= 0 && Number.isSafeInteger(n);
}
