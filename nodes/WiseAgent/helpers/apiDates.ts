/**
 * Reads the date-times Wise Agent puts in records: `7/20/2020 7:00:00 AM`, `7/20/2020 7:00:00 AM UTC`,
 * `2024-05-14T17:00:00`, `2024-05-14T17:00:00Z`. Returns milliseconds: the instant when the text
 * carries a zone (`Z`, an offset, `UTC`), otherwise the wall time read as if it were UTC, which
 * orders values of one field correctly without knowing their zone.
 */
export function parseApiDateTime(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const iso =
		/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
			text,
		);
	if (iso) {
		const [, y, mo, d, h, mi, s, ms, zone] = iso;
		const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s ?? 0), +(ms ?? '0').padEnd(3, '0'));
		return zone ? wall - offsetMinutes(zone) * 60_000 : wall;
	}
	const us =
		/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\s*(UTC|GMT|Z)?$/i.exec(
			text,
		);
	if (us) {
		const [, mo, d, y, h = '0', mi = '0', s = '0', meridiem] = us;
		let hour = +h;
		if (meridiem) hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
		return Date.UTC(+y, +mo - 1, +d, hour, +mi, +s);
	}
	return undefined;
}

function offsetMinutes(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** Which clock a record field's zone-less date-times are on. */
export type ApiClock = 'utc' | 'arizona';

/** Arizona is UTC−7 all year (no daylight saving). */
const ARIZONA_OFFSET_MS = 7 * 60 * 60_000;

/** Years up to this one are Wise Agent's "no date" placeholders (`1/1/1900 7:00:00 AM`). */
const PLACEHOLDER_YEAR_MAX = 1900;

/**
 * A record's date-time as ISO 8601 UTC (`2024-05-14T17:00:00.000Z`), or null when it is empty,
 * unreadable or the 1/1/1900 placeholder. A time that names its zone (`Z`, an offset, `UTC`) is
 * read in it; one that does not is read on `clock`: the `…UTC` fields are UTC, the display dates
 * (`DtUpdated`, `NoteDate`, `DateCreated`, `StartDate`…) are the account's Arizona time.
 */
export function apiDateTimeToIso(value: unknown, clock: ApiClock): string | null {
	const ms = parseApiDateTime(value);
	if (ms === undefined) return null;
	const zoned = /(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)$/i.test(String(value).trim());
	const instant = new Date(zoned || clock === 'utc' ? ms : ms + ARIZONA_OFFSET_MS);
	return instant.getUTCFullYear() <= PLACEHOLDER_YEAR_MAX ? null : instant.toISOString();
}

/** A record's calendar date (`7/20/2020`, `07/20/2020 12:00:00 AM`, `2020-07-20`) as `2020-07-20`, or null. */
export function apiDateToIsoDate(value: unknown): string | null {
	const ms = parseApiDateTime(value);
	if (ms === undefined) return null;
	const date = new Date(ms);
	return date.getUTCFullYear() <= PLACEHOLDER_YEAR_MAX ? null : date.toISOString().slice(0, 10);
}
