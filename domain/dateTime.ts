/**
 * RFC 3339 date-times, read by hand rather than by `new Date(text)`: V8 turns an impossible date into
 * another one ("2026-02-31" becomes March 3) or into an Invalid Date that fails much later, far from the
 * input that caused it. Here every field is checked against the calendar, and a text that is not one
 * instant is refused with the field it got wrong.
 *
 * https://www.rfc-editor.org/rfc/rfc3339#section-5.6 (full-date "T" full-time; "T" and "Z" may be
 * lower case; the offset is "Z" or ±hh:mm).
 */

/** Why a text is not an RFC 3339 date-time (or date); the message names the field. */
export class DateTimeSyntaxError extends Error {
  override readonly name = "DateTimeSyntaxError";
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Days in a month of the proleptic Gregorian calendar (RFC 3339 appendix C). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkDate(year: number, month: number, day: number): void {
  if (month < 1 || month > 12) throw new DateTimeSyntaxError(`month ${pad(month)} does not exist`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days)
    throw new DateTimeSyntaxError(
      `${year}-${pad(month)} has ${days} days, so day ${pad(day)} does not exist`,
    );
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The UTC instant of a calendar-checked date and time (`Date.UTC` would map years below 100 to 19xx). */
function utc(year: number, month: number, day: number, h: number, m: number, s: number, ms: number) {
  const date = new Date(Date.UTC(2000, month - 1, day, h, m, s, ms));
  date.setUTCFullYear(year);
  return date;
}

/**
 * An RFC 3339 date-time with its offset, as a Date. Seconds are required (RFC 3339's `partial-time`);
 * fractions beyond milliseconds are truncated, since a Date holds milliseconds. A leap second (:60) is
 * refused: it has no instant of its own in a Date.
 */
export function parseRfc3339(text: string): Date {
  const match = DATE_TIME.exec(text);
  if (!match)
    throw new DateTimeSyntaxError(
      "not an RFC 3339 date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)",
    );
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  checkDate(year, month, day);
  if (hour > 23) throw new DateTimeSyntaxError(`hour ${pad(hour)} does not exist (00-23)`);
  if (minute > 59) throw new DateTimeSyntaxError(`minute ${pad(minute)} does not exist (00-59)`);
  if (second === 60) throw new DateTimeSyntaxError("leap seconds (:60) cannot be represented");
  if (second > 59) throw new DateTimeSyntaxError(`second ${pad(second)} does not exist (00-59)`);
  const ms = match[7] ? Number(match[7].slice(0, 3).padEnd(3, "0")) : 0;
  let offsetMinutes = 0;
  if (!match[8]) {
    const [oh, om] = [Number(match[10]), Number(match[11])];
    if (oh > 23 || om > 59)
      throw new DateTimeSyntaxError(`offset ${match[9]}${match[10]}:${match[11]} does not exist`);
    offsetMinutes = (match[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const local = utc(year, month, day, hour, minute, second, ms);
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

/** An RFC 3339 full-date (YYYY-MM-DD), as midnight UTC of that day. */
export function parseRfc3339Date(text: string): Date {
  const match = DATE.exec(text);
  if (!match) throw new DateTimeSyntaxError("not a date (YYYY-MM-DD)");
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  checkDate(year, month, day);
  return utc(year, month, day, 0, 0, 0, 0);
}
