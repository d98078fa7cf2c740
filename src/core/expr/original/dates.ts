/**
 * Dates of the original expression language: `parseDate` accepted RFC 3339 (with or without
 * nanoseconds), RFC 822, RFC 1123, `2006-01-02`, `2006-01-02 15:04:05` and
 * `2006-01-02T15:04:05`; numbers are Unix seconds. Times are JS Dates, always read in UTC
 * (the original used the server's local zone for epochs — not deterministic).
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MON = `(${MONTHS.join('|')})`;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const RFC822 = new RegExp(`^(\\d{2}) ${MON} (\\d{2}) (\\d{2}):(\\d{2}) ([A-Z]{1,5}|[+-]\\d{4})$`);
const RFC1123 = new RegExp(
  `^${DAYS}, (\\d{2}) ${MON} (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) ([A-Z]{1,5}|[+-]\\d{4})$`,
);
const PLAIN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/** A UTC instant from fields, or undefined when a field is out of range (Go rejects 2024-02-30). */
function utc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMin: number,
) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(t);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return new Date(t - offsetMin * 60_000);
}

function zoneOffset(zone: string): number {
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[^0-9]/g, '');
    return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return 0; // Z, UTC, GMT; Go gives other abbreviations a zero offset too.
}

/** Parses a date string in one of the original's formats; undefined when none matches. */
export function parseDateString(text: string): Date | undefined {
  let m = RFC3339.exec(text);
  if (m) {
    const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
    return utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms, zoneOffset(m[8]!));
  }
  m = RFC1123.exec(text);
  if (m) {
    return utc(+m[3]!, MONTHS.indexOf(m[2]!) + 1, +m[1]!, +m[4]!, +m[5]!, +m[6]!, 0, zoneOffset(m[7]!));
  }
  m = RFC822.exec(text);
  if (m) {
    const yy = +m[3]!;
    return utc(
      yy >= 69 ? 1900 + yy : 2000 + yy,
      MONTHS.indexOf(m[2]!) + 1,
      +m[1]!,
      +m[4]!,
      +m[5]!,
      0,
      0,
      zoneOffset(m[6]!),
    );
  }
  m = PLAIN.exec(text);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, 0);
  return undefined;
}
