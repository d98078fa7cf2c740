/**
 * Go's durations, as the original thaiyyal engine read and printed them: `time.ParseDuration`,
 * its `parseDuration` (a Go duration or integer milliseconds) and `time.Duration.String()`.
 * Shared by the importer (src/core/import) and the original node types. Pure.
 */

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Go's `time.ParseDuration`, in milliseconds (may be negative); undefined when invalid.
 * @example goParseDuration('1h30m') // 5400000
 * @example goParseDuration('1.5s') // 1500
 */
export function goParseDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  const part = /^(\d*(?:\.\d*)?)([a-zµμ]+)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    const unit = GO_UNITS[m[2]!];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/**
 * The original's `parseDuration`: a Go duration, or an integer string meaning milliseconds.
 * Undefined when neither (callers build the original's message with {@link durationError}).
 * @example parseOriginalDuration('250') // 250
 */
export function parseOriginalDuration(s: string): number | undefined {
  const go = goParseDuration(s);
  if (go !== undefined) return go;
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** The original's parse error for a duration. */
export function durationError(s: string): string {
  return `invalid duration format: ${s} (use formats like '5s', '10m', '1h')`;
}

function fracString(value: number, unitNs: number): string {
  const whole = Math.floor(value / unitNs);
  const frac = value % unitNs;
  if (frac === 0) return String(whole);
  const digits = String(unitNs).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/**
 * Go's `time.Duration.String()` of a duration in ms.
 * @example goDurationString(90_000) // '1m30s'
 * @example goDurationString(1500) // '1.5s'
 * @example goDurationString(0) // '0s'
 */
export function goDurationString(ms: number): string {
  let ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  const neg = ns < 0;
  ns = Math.abs(ns);
  let out: string;
  if (ns < 1e9) {
    if (ns < 1e3) out = `${ns}ns`;
    else if (ns < 1e6) out = `${fracString(ns, 1e3)}µs`;
    else out = `${fracString(ns, 1e6)}ms`;
  } else {
    const totalSeconds = Math.floor(ns / 1e9);
    const h = Math.floor(totalSeconds / 3600);
    const m = Math.floor((totalSeconds % 3600) / 60);
    const secNs = ns - (h * 3600 + m * 60) * 1e9;
    out = `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${fracString(secNs, 1e9)}s`;
  }
  return neg ? `-${out}` : out;
}
