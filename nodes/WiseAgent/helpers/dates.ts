/**
 * Date conversion for the API. Wise Agent reads `dtupdated` and calendar dates as 24-hour
 * Arizona time (UTC−7 all year, no daylight saving), `DateUpdatedUTC` as UTC, task due dates
 * as MM/DD/YYYY. n8n's date picker yields a wall time in the workflow's time zone; expressions
 * may yield ISO strings with an offset.
 */

const ARIZONA_OFFSET_MINUTES = -7 * 60;

/**
 * Parses a date value from n8n into an instant. A string without an offset is read as a wall
 * time in `timeZone` (the workflow's zone); returns undefined when the value is not a date.
 */
export function toInstant(value: unknown, timeZone: string): Date | undefined {
	if (value instanceof Date) return isNaN(value.getTime()) ? undefined : value;
	if (value && typeof value === 'object' && 'toISO' in value) {
		return toInstant((value as { toISO(): string }).toISO(), timeZone);
	}
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	if (typeof value === 'number') return new Date(value);
	const text = value.trim();
	if (text === '') return undefined;

	if (LOOKS_LIKE_WALL_TIME.test(text)) {
		const wall = parseWallTime(text);
		if (!wall) return undefined; // e.g. 02/31/2024: Date() would roll it over to March
		if (!hasExplicitOffset(text)) return wallTimeInZoneToInstant(wall, timeZone);
	}
	const instant = new Date(text);
	return isNaN(instant.getTime()) ? undefined : instant;
}

const LOOKS_LIKE_WALL_TIME = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4})/;

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function hasExplicitOffset(text: string): boolean {
	return /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
}

/** `YYYY-MM-DD[T| ]HH:mm[:ss[.sss]]` or `MM/DD/YYYY[ HH:mm[:ss]]`. */
function parseWallTime(text: string): WallTime | undefined {
	const iso =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(
			text,
		);
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
	let parts: number[] | undefined;
	if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]].map((p) => Number(p ?? 0));
	else if (us) parts = [us[3], us[1], us[2], us[4], us[5], us[6]].map((p) => Number(p ?? 0));
	if (!parts) return undefined;
	const [year, month, day, hour, minute, second] = parts;
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
		return undefined;
	}
	const check = new Date(Date.UTC(year, month - 1, day));
	if (check.getUTCMonth() !== month - 1) return undefined; // e.g. 02/31
	return { year, month, day, hour, minute, second };
}

/** The instant at which clocks in `timeZone` show `wall` (DST gaps resolve forward, as Luxon does). */
function wallTimeInZoneToInstant(wall: WallTime, timeZone: string): Date {
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
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

/** `YYYY-MM-DD HH:mm` in the given zone (call list NextContactDate). */
export function formatIsoDateTimeInZone(instant: Date, timeZone: string): string {
	const local = shifted(instant, zoneOffsetMinutes(instant, timeZone));
	return `${formatIsoDateInZone(instant, timeZone)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
