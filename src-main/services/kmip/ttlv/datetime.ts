/**
 * KMIP DateTime is POSIX seconds and DateTimeExtended POSIX microseconds, both signed 64-bit.
 * They stay bigints in the tree; these helpers convert to Date and to the ISO-8601 text the XML
 * and JSON encodings use, with integer calendar arithmetic so nothing is rounded.
 */

const SECONDS_PER_DAY = 86_400n;
const MICROS_PER_SECOND = 1_000_000n;

// Days between 1970-01-01 and a proleptic Gregorian date, after H. Hinnant's civil-date algorithm.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

const EARLIEST = BigInt(daysFromCivil(0, 1, 1)) * SECONDS_PER_DAY;
const LATEST = BigInt(daysFromCivil(10_000, 1, 1)) * SECONDS_PER_DAY - 1n;

const two = (n: number): string => String(n).padStart(2, '0');

/** "2008-03-14T11:56:40+00:00", or undefined outside the years 0000 to 9999 that ISO-8601 text can hold. */
export function isoFromSeconds(seconds: bigint, microseconds?: number): string | undefined {
  if (seconds < EARLIEST || seconds > LATEST) return undefined;
  const days = seconds >= 0n ? seconds / SECONDS_PER_DAY : -((-seconds + SECONDS_PER_DAY - 1n) / SECONDS_PER_DAY);
  const secondOfDay = Number(seconds - days * SECONDS_PER_DAY);
  const [year, month, day] = civilFromDays(Number(days));
  const time = `${two(Math.floor(secondOfDay / 3600))}:${two(Math.floor(secondOfDay / 60) % 60)}:${two(secondOfDay % 60)}`;
  const fraction = microseconds === undefined ? '' : `.${String(microseconds).padStart(6, '0')}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${time}${fraction}+00:00`;
}

/** ISO-8601 text with a zone, as POSIX microseconds; undefined when it is not a real instant. */
export function microsecondsFromIso(text: string): bigint | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetSeconds = 0;
  if (zone !== 'Z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offsetSeconds = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds =
    BigInt(daysFromCivil(year, month, day)) * SECONDS_PER_DAY +
    BigInt(hour * 3600 + minute * 60 + second - offsetSeconds);
  return seconds * MICROS_PER_SECOND + BigInt(fraction.padEnd(6, '0'));
}

export function dateTimeFromDate(date: Date): bigint {
  return BigInt(Math.floor(date.getTime() / 1000));
}

/** The instant as a Date; KMIP times beyond a Date's ±8.64e15 ms range give an Invalid Date. */
export function dateFromDateTime(seconds: bigint): Date {
  const ms = Number(seconds) * 1000;
  return new Date(Math.abs(ms) <= 8.64e15 ? ms : Number.NaN);
}
