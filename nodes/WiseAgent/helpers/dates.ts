/**
 * Date conversion for the API. Wise Agent reads `dtupdated`, calendar dates, call list times and
 * planner events as 24-hour Arizona time (UTC−7 all year, no daylight saving), `DateUpdatedUTC`
 * as UTC, task due dates as MM/DD/YYYY. n8n's date picker yields a wall time in the workflow's
 * time zone; expressions may yield ISO strings with an offset, JS Dates or Luxon DateTimes.
 *
 * Accepted text (nothing else, so no guessing): ISO 8601 `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.sss]]`
 * (T or a space) with an optional `Z` / `±HH:mm` / `±HHmm` / `±HH` offset, and the documented US
 * forms `MM/DD/YYYY` and `MM/DD/YYYY HH:mm[:ss]` (also with AM/PM, the form Wise Agent answers
 * with). Only real calendar dates (no 02/30), years MIN_YEAR–MAX_YEAR. Numbers are not dates:
 * `5`, `0` or `1e20` would be milliseconds to JavaScript, which is never what a user meant.
 */

const ARIZONA_OFFSET_MINUTES = -7 * 60;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export interface ParsedDate {
	instant: Date;
	/** False for a date without a time of day (`2024-05-14`, `05/14/2024`). */
	hasTime: boolean;
}

export type DateParseResult = ParsedDate | { problem: string };

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const US_DATE_TIME =
	/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP])\.?M\.?)?)?$/i;

/** Parses a date parameter (picker value, expression result) into an instant, or says why not. */
export function parseDateInput(value: unknown, timeZone: string): DateParseResult {
	if (value instanceof Date) {
		if (isNaN(value.getTime())) return { problem: 'is an invalid date' };
		return inRange(value.getUTCFullYear()) ?? { instant: value, hasTime: true };
	}
	if (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		const iso = (value as { toISO(): string | null }).toISO();
		if (typeof iso !== 'string') return { problem: 'is an invalid date' };
		return parseDateText(iso, timeZone);
	}
	if (typeof value === 'number') {
		return { problem: `is the number ${String(value)}, not a date` };
	}
	if (typeof value !== 'string') return { problem: `expects a date, got ${kindOf(value)}` };
	return parseDateText(value, timeZone);
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : typeof value;
}

function inRange(year: number): { problem: string } | undefined {
	return year < MIN_YEAR || year > MAX_YEAR
		? { problem: `has the year ${year}; dates from ${MIN_YEAR} to ${MAX_YEAR} are accepted` }
		: undefined;
}

function parseDateText(raw: string, timeZone: string): DateParseResult {
	const text = raw.trim();
	const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
	const notADate = { problem: `"${shown}" is not a date Wise Agent can read` };
	let wall: WallTime;
	let hasTime: boolean;
	let offset: string | undefined;
	const iso = ISO_DATE_TIME.exec(text);
	const us = iso ? null : US_DATE_TIME.exec(text);
	if (iso) {
		hasTime = iso[4] !== undefined;
		wall = {
			year: Number(iso[1]),
			month: Number(iso[2]),
			day: Number(iso[3]),
			hour: Number(iso[4] ?? 0),
			minute: Number(iso[5] ?? 0),
			second: Number(iso[6] ?? 0),
			millisecond: Number((iso[7] ?? '0').padEnd(3, '0').slice(0, 3)),
		};
		offset = iso[8];
	} else if (us) {
		hasTime = us[4] !== undefined;
		let hour = Number(us[4] ?? 0);
		if (us[7]) {
			if (hour < 1 || hour > 12) return notADate;
			hour = (hour % 12) + (us[7].toUpperCase() === 'P' ? 12 : 0);
		}
		wall = {
			year: Number(us[3]),
			month: Number(us[1]),
			day: Number(us[2]),
			hour,
			minute: Number(us[5] ?? 0),
			second: Number(us[6] ?? 0),
			millisecond: 0,
		};
	} else {
		return notADate;
	}
	const yearProblem = inRange(wall.year);
	if (yearProblem) return yearProblem;
	if (!isRealWallTime(wall)) return { problem: `"${shown}" is not a real calendar date and time` };
	if (offset === undefined) return { instant: wallTimeInZoneToInstant(wall, timeZone), hasTime };
	const offsetMinutes = parseOffsetMinutes(offset);
	if (offsetMinutes === undefined) return notADate;
	return { instant: new Date(utcOf(wall) - offsetMinutes * 60_000), hasTime };
}

function isRealWallTime(wall: WallTime): boolean {
	if (wall.month < 1 || wall.month > 12 || wall.day < 1) return false;
	if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return false;
	const february = isLeapYear(wall.year) ? 29 : 28;
	const days = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][wall.month - 1];
	return wall.day <= days;
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Minutes east of UTC of `Z`, `+05:30`, `-0700`, `+02`; undefined for impossible offsets. */
function parseOffsetMinutes(offset: string): number | undefined {
	if (/^z$/i.test(offset)) return 0;
	const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
	if (!match) return undefined;
	const hours = Number(match[2]);
	const minutes = Number(match[3] ?? 0);
	if (hours > 14 || minutes > 59) return undefined;
	return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Milliseconds of `wall` read as UTC (setUTCFullYear: Date.UTC maps years 0–99 to 1900–1999). */
function utcOf(wall: WallTime): number {
	const date = new Date(0);
	date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
	date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
	return date.getTime();
}

/**
 * An instant from a date value; undefined when it is not one of the accepted forms (see
 * parseDateInput, which also says why).
 */
export function toInstant(value: unknown, timeZone: string): Date | undefined {
	const parsed = parseDateInput(value, timeZone);
	return 'instant' in parsed ? parsed.instant : undefined;
}

/** The instant at which clocks in `timeZone` show `wall` (DST gaps resolve forward, as Luxon does). */
function wallTimeInZoneToInstant(wall: WallTime, timeZone: string): Date {
	const asUtc = utcOf(wall);
	let guess = asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60_000;
	// A second pass settles instants near an offset change.
	guess = asUtc - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
	return new Date(guess);
}

/** Minutes east of UTC that `timeZone` observes at `instant`. */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
	const formatter = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	});
	const fields: Record<string, number> = {};
	for (const part of formatter.formatToParts(instant)) {
		if (part.type !== 'literal') fields[part.type] = Number(part.value);
	}
	const shown = Date.UTC(
		fields.year,
		fields.month - 1,
		fields.day,
		fields.hour,
		fields.minute,
		fields.second,
	);
	return Math.round((shown - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function shifted(instant: Date, offsetMinutes: number): Date {
	return new Date(instant.getTime() + offsetMinutes * 60_000);
}

/** `MM/DD/YYYY HH:mm` in Arizona time, for `dtupdated`, `startDate`, `endDate`. */
export function formatArizonaDateTime(instant: Date): string {
	return formatUsDateTime(shifted(instant, ARIZONA_OFFSET_MINUTES));
}

/** `MM/DD/YYYY HH:mm` in UTC, for `DateUpdatedUTC`. */
export function formatUtcDateTime(instant: Date): string {
	return formatUsDateTime(instant);
}

function formatUsDateTime(shiftedInstant: Date): string {
	return `${formatUsDateOf(shiftedInstant)} ${pad(shiftedInstant.getUTCHours())}:${pad(shiftedInstant.getUTCMinutes())}`;
}

function formatUsDateOf(shiftedInstant: Date): string {
	return `${pad(shiftedInstant.getUTCMonth() + 1)}/${pad(shiftedInstant.getUTCDate())}/${shiftedInstant.getUTCFullYear()}`;
}

/** The calendar date the user picked, as `MM/DD/YYYY` (task due dates, note dates). */
export function formatUsDateInZone(instant: Date, timeZone: string): string {
	return formatUsDateOf(shifted(instant, zoneOffsetMinutes(instant, timeZone)));
}

/** The calendar date the user picked, as `YYYY-MM-DD`. */
export function formatIsoDateInZone(instant: Date, timeZone: string): string {
	const local = shifted(instant, zoneOffsetMinutes(instant, timeZone));
	return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:mm` in the given zone. */
export function formatIsoDateTimeInZone(instant: Date, timeZone: string): string {
	const local = shifted(instant, zoneOffsetMinutes(instant, timeZone));
	return `${formatIsoDateInZone(instant, timeZone)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** `YYYY-MM-DD HH:mm` in Arizona time (call list NextContactDate). */
export function formatArizonaIsoDateTime(instant: Date): string {
	const local = shifted(instant, ARIZONA_OFFSET_MINUTES);
	return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** addPlannerEvent's parts of an instant in Arizona time: `yyyy-mm-dd`, 12-hour `hh:mm`, AM/PM. */
export function arizonaPlannerParts(instant: Date): {
	date: string;
	time: string;
	amPm: 'AM' | 'PM';
} {
	const [date, clock] = formatArizonaIsoDateTime(instant).split(' ');
	const [hours, minutes] = clock.split(':').map(Number);
	const hour12 = hours % 12 === 0 ? 12 : hours % 12;
	return { date, time: `${pad(hour12)}:${pad(minutes)}`, amPm: hours < 12 ? 'AM' : 'PM' };
}
