/**
 * The formatting kernel of the event encoder (src/adapters/event-encoder.ts), in AssemblyScript,
 * compiled by `npm run wasm` into src/adapters/event-format.wasm.ts (a drift test keeps the two
 * in step). The encoder checks each hot event and records its values here as it comes; this
 * module turns a batch of records into JSON lines in one call — the fixed parts
 * (`{"v":…,"seq":…,"ts":…,"runId":…,"type":…,"nodeId":`, fragments between values), integers in
 * decimal, and the texts the encoder wrote (node ids as JSON string literals, options and
 * outputs as JSON). It allocates nothing and cannot fail.
 *
 * Memory (one fixed size: never grows, so the encoder's views of it stay valid):
 *   OPEN       u32 length, then `{"v":<v>,"seq":` (written by the encoder per run)
 *   slot(kind) one 512-byte slot per hot event kind: @0 u32 length of REST, @8 f64 ts of the
 *              cached text (-1: none), @16 u32 length of the cached text, @24 the cached
 *              `,"ts":<digits>`, @REST_AT REST = `,"runId":<json>,"type":"<type>","nodeId":`
 *              (at most REST_MAX bytes, written by the encoder per run)
 *   FRAGMENTS  `,"attempt":` `,"options":` `,"output":` `,"attempts":` `,"durationMs":`, in
 *              this order (written by the encoder once)
 *   RESULT     u32: where the last format() stopped writing
 *   RECORDS    RECORD_COUNT records of 10 f64: kind, seq, ts, attempt(s), durationMs, integer
 *              output, id address, id length, text address, text length (0: no text)
 *   TEXTS      TEXT_BYTES of ids and texts, written by the encoder
 *   OUT        the output buffer, up to the end of memory
 */

export const OPEN: u32 = 0;
const SLOTS: u32 = 64;
const SLOT: u32 = 512;
const KIND_COUNT: u32 = 4;
export const REST_AT: u32 = 64;
export const REST_MAX: u32 = SLOT - REST_AT;
export const FRAGMENTS: u32 = SLOTS + KIND_COUNT * SLOT;
export const RESULT: u32 = FRAGMENTS + 64;
export const RECORDS: u32 = 4096;
export const RECORD_COUNT: u32 = 1024;
const RECORD: u32 = 80;
export const TEXTS: u32 = RECORDS + RECORD_COUNT * RECORD;
export const TEXT_BYTES: u32 = 256 * 1024;
export const OUT: u32 = TEXTS + TEXT_BYTES;
/** The most a record writes besides its id and text. */
export const RECORD_FIXED: u32 = 640;

const SCHEDULED: u32 = 0;
const STARTED: u32 = 1;
const OPTIONS: u32 = 2;
const ATTEMPT: u32 = FRAGMENTS; // ,"attempt":   11 bytes
const OPTIONS_KEY: u32 = ATTEMPT + 11; // ,"options":   11
const OUTPUT: u32 = OPTIONS_KEY + 11; // ,"output":    10
const ATTEMPTS: u32 = OUTPUT + 10; // ,"attempts":  12
const DURATION: u32 = ATTEMPTS + 12; // ,"durationMs": 14

/** The slot of a hot event kind (0 to 3). */
export function slot(kind: u32): u32 {
  return SLOTS + kind * SLOT;
}

/** Empties every kind's cached ts text, which starts with `,"ts":`. */
export function reset(): void {
  for (let kind: u32 = 0; kind < KIND_COUNT; kind++) {
    const s = slot(kind);
    store<f64>(s, -1, 8);
    store<u8>(s, 0x2c, 24); // ,
    store<u8>(s, 0x22, 25); // "
    store<u8>(s, 0x74, 26); // t
    store<u8>(s, 0x73, 27); // s
    store<u8>(s, 0x22, 28); // "
    store<u8>(s, 0x3a, 29); // :
  }
}

function copy(o: u32, src: u32, len: u32): u32 {
  memory.copy(o, src, len);
  return o + len;
}

/** Writes `n` (below 2^32) in decimal at `o`. */
function digits(o: u32, n: u32): u32 {
  let len: u32 = 1;
  for (let x = n; x >= 10; x /= 10) len++;
  let p = o + len;
  do {
    const q = n / 10;
    store<u8>(--p, 48 + (n - q * 10));
    n = q;
  } while (n > 0);
  return o + len;
}

/** Writes `n` (a non-negative safe integer: the encoder checked) in decimal at `o`. */
function uint(o: u32, n: f64): u32 {
  if (n < 4294967296.0) return digits(o, <u32>n);
  const hi = Math.floor(n / 1e9);
  let lo = <u32>(n - hi * 1e9);
  o = digits(o, <u32>hi);
  let p = o + 9;
  for (let i = 0; i < 9; i++) {
    const q = lo / 10;
    store<u8>(--p, 48 + (lo - q * 10));
    lo = q;
  }
  return o + 9;
}

/**
 * Formats records `first` to `count - 1` from `o` on, stopping before a record that might not
 * fit below `end`; returns how many it wrote and leaves the offset after them in RESULT.
 */
export function format(first: u32, count: u32, o: u32, end: u32): u32 {
  let k = first;
  for (; k < count; k++) {
    const r = RECORDS + k * RECORD;
    const idLength = <u32>load<f64>(r, 56);
    const textLength = <u32>load<f64>(r, 72);
    if (o + RECORD_FIXED + idLength + textLength > end) break;
    const kind = <u32>load<f64>(r);
    o = copy(o, OPEN + 4, load<u32>(OPEN));
    o = uint(o, load<f64>(r, 8));
    // Events come in bursts within one millisecond: a kind's `,"ts":<digits>` is kept.
    const s = slot(kind);
    const ts = load<f64>(r, 16);
    if (ts != load<f64>(s, 8)) {
      store<u32>(s, uint(s + 30, ts) - (s + 24), 16);
      store<f64>(s, ts, 8);
    }
    o = copy(o, s + 24, load<u32>(s, 16));
    o = copy(o, s + REST_AT, load<u32>(s));
    o = copy(o, <u32>load<f64>(r, 48), idLength);
    if (kind == SCHEDULED) {
      // nothing more
    } else if (kind == STARTED || kind == OPTIONS) {
      o = copy(o, ATTEMPT, 11);
      o = uint(o, load<f64>(r, 24));
      if (kind == OPTIONS) {
        o = copy(o, OPTIONS_KEY, 11);
        o = copy(o, <u32>load<f64>(r, 64), textLength);
      }
    } else {
      o = copy(o, OUTPUT, 10);
      if (textLength > 0) o = copy(o, <u32>load<f64>(r, 64), textLength);
      else o = uint(o, load<f64>(r, 40));
      o = copy(o, ATTEMPTS, 12);
      o = uint(o, load<f64>(r, 24));
      o = copy(o, DURATION, 14);
      o = uint(o, load<f64>(r, 32));
    }
    store<u8>(o, 0x7d); // }
    store<u8>(o, 0x0a, 1);
    o += 2;
  }
  store<u32>(RESULT, o);
  return k - first;
}
