/**
 * Run events → JSON lines, written straight into a reused byte buffer.
 *
 * A 10,000-node run logs 30,000 events; building each line as a JS string, joining the lines
 * and converting the result to UTF-8 costs more than the 5% of the run the event log may take
 * (docs/performance.md, "The event log"). So the events every node emits (`node.scheduled`,
 * `node.started`, `node.options`, `node.succeeded`) are encoded byte by byte from constant
 * fragments (options and non-integer outputs by JSON.stringify, inside the line); every
 * other event, and any event of an unexpected shape, goes through `JSON.stringify` (whose
 * native code also beats JS for `run.started`'s plan of every node in a process that has
 * just started). Either way a line is what `JSON.stringify(event) + "\n"` gives for
 * events built in the engine's key order (property-tested in test/adapters/event-encoder.test.ts).
 */
import type { RunEvent } from '../engine/events.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const OPEN_SEQ = utf8('{"v":1,"seq":');
const TS = utf8(',"ts":');
const ATTEMPT = utf8(',"attempt":');
const OUTPUT = utf8(',"output":');
const OPTIONS = utf8(',"options":');
const ATTEMPTS = utf8(',"attempts":');
const DURATION = utf8(',"durationMs":');
const CLOSE_LINE = utf8('}\n');
const NEWLINE = utf8('\n');
/** Room for one hot event's fixed fragments and numbers; ids and outputs are measured on top. */
const HOT_EVENT_BYTES = 256;
const SMALL_INT_LIMIT = 2 ** 31;
const QUOTE = 0x22;

/** Receives encoded bytes; must use them before returning (the buffer is reused). */
export type ByteSink = (bytes: Uint8Array) => void;

export class EventEncoder {
  private readonly buf: Buffer;
  private off = 0;
  /** `,"runId":"…","type":"<type>","nodeId":` for the hot types, per run id. */
  private runId: string | undefined;
  private heads: Record<'scheduled' | 'started' | 'options' | 'succeeded', Buffer> | undefined;
  /** Consecutive events mostly share their millisecond: its digits are kept. */
  private lastTs = -1;
  private lastTsBytes: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly sink: ByteSink,
    size = 1024 * 1024,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 4 * HOT_EVENT_BYTES));
  }

  /** Bytes encoded but not yet handed to the sink. */
  get pending(): number {
    return this.off;
  }

  /** Hands everything encoded so far to the sink. */
  flush(): void {
    if (this.off === 0) return;
    const n = this.off;
    this.off = 0;
    this.sink(this.buf.subarray(0, n));
  }

  /** Appends one event as one line. */
  encode(e: RunEvent): void {
    if (e.runId !== this.runId) this.startRun(e.runId);
    const h = this.heads!;
    switch (e.type) {
      case 'node.scheduled':
        if (keyCount(e) === 6 && this.hotHead(e, h.scheduled)) return this.end();
        break;
      case 'node.started':
        if (keyCount(e) === 7 && isSmallInt(e.attempt) && this.hotHead(e, h.started)) {
          this.bytes(ATTEMPT);
          this.int(e.attempt);
          return this.end();
        }
        break;
      case 'node.options': {
        // JSON.stringify leaves out a value with no JSON form (undefined, a function): so does JSON.stringify(e).
        const options = keyCount(e) === 8 && isSmallInt(e.attempt) ? json(e.options) : undefined;
        if (options !== undefined && this.hotHead(e, h.options)) {
          this.bytes(ATTEMPT);
          this.int(e.attempt);
          this.bytes(OPTIONS);
          this.text(options);
          return this.end();
        }
        break;
      }
      case 'node.succeeded': {
        const ok = keyCount(e) === 9 && isSmallInt(e.attempts) && isSmallInt(e.durationMs);
        const output = !ok || isSmallInt(e.output) ? undefined : json(e.output);
        if (ok && (output !== undefined || isSmallInt(e.output)) && this.hotHead(e, h.succeeded)) {
          this.bytes(OUTPUT);
          if (output === undefined) this.int(e.output as number);
          else this.text(output);
          this.bytes(ATTEMPTS);
          this.int(e.attempts);
          this.bytes(DURATION);
          this.int(e.durationMs);
          return this.end();
        }
        break;
      }
      default:
        break;
    }
    this.line(JSON.stringify(e));
  }

  private startRun(runId: string): void {
    this.runId = runId;
    const head = (type: string) => utf8(`,"runId":${JSON.stringify(runId)},"type":"${type}","nodeId":`);
    this.heads = {
      scheduled: head('node.scheduled'),
      started: head('node.started'),
      options: head('node.options'),
      succeeded: head('node.succeeded'),
    };
  }

  /**
   * `{"v":1,"seq":…,"ts":…,"runId":…,"type":…,"nodeId":…` of a hot event; false (nothing
   * written) when a common field is not what the fast form writes.
   */
  private hotHead(e: RunEvent & { nodeId: string }, head: Buffer): boolean {
    if (e.v !== 1 || !isSmallInt(e.seq) || !isUint(e.ts) || typeof e.nodeId !== 'string') return false;
    const most = 2 * HOT_EVENT_BYTES + head.length + 3 * e.nodeId.length;
    if (most > this.buf.length) return false;
    this.room(most);
    this.bytes(OPEN_SEQ);
    this.int(e.seq);
    this.bytes(TS);
    if (e.ts === this.lastTs) this.bytes(this.lastTsBytes);
    else {
      const start = this.off;
      this.int(e.ts);
      this.lastTs = e.ts;
      this.lastTsBytes = Uint8Array.prototype.slice.call(this.buf, start, this.off); // a copy: the buffer is reused
    }
    this.bytes(head);
    this.string(e.nodeId);
    return true;
  }

  private end(): void {
    this.bytes(CLOSE_LINE);
    if (this.off > this.buf.length - HOT_EVENT_BYTES) this.flush();
  }

  /** One whole line from a string. */
  private line(json: string): void {
    this.text(json);
    this.bytes(NEWLINE);
    if (this.off > this.buf.length - HOT_EVENT_BYTES) this.flush();
  }

  /**
   * Raw UTF-8 text (at most 3 bytes a UTF-16 unit), leaving room for a hot event's fixed tail
   * after it; text longer than the buffer goes to the sink directly.
   */
  private text(s: string): void {
    const most = s.length * 3 + HOT_EVENT_BYTES;
    if (most > this.buf.length) {
      this.flush();
      this.sink(utf8(s));
      return;
    }
    this.room(most);
    this.off += this.buf.write(s, this.off);
  }

  /** A JSON string literal: printable ASCII without `"` or `\` is copied as is, the rest escaped by JSON.stringify. */
  private string(s: string): void {
    const buf = this.buf;
    let o = this.off;
    buf[o++] = QUOTE;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === 0x5c) {
        this.text(JSON.stringify(s));
        return;
      }
      buf[o++] = c;
    }
    buf[o++] = QUOTE;
    this.off = o;
  }

  /** A non-negative safe integer in decimal (the caller checked): a timestamp is two 32-bit halves. */
  private int(n: number): void {
    if (n < SMALL_INT_LIMIT) return this.digits(n, 1);
    let hi = Math.floor(n / 1e9);
    let lo = n - hi * 1e9; // exact: both terms are integers below 2^53
    if (lo < 0) {
      hi -= 1;
      lo += 1e9;
    } else if (lo >= 1e9) {
      hi += 1;
      lo -= 1e9;
    }
    this.digits(hi, 1);
    this.digits(lo, 9);
  }

  /** `n` (below 2^31) in decimal, left-padded with zeros to `width`. */
  private digits(n: number, width: number): void {
    let len = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) len++;
    if (len < width) len = width;
    const buf = this.buf;
    const start = this.off;
    let p = start + len;
    this.off = p;
    while (p > start) {
      const q = (n / 10) | 0;
      buf[--p] = 0x30 + n - q * 10;
      n = q;
    }
  }

  private bytes(b: Uint8Array): void {
    this.buf.set(b, this.off);
    this.off += b.length;
  }

  private room(n: number): void {
    if (this.off + n > this.buf.length) this.flush();
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
