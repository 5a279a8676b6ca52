/**
 * Date helpers. Wise Agent speaks two clocks: `dtupdated`, `DtUpdated` and most display dates
 * are 24-hour Arizona time (UTC−7 all year, Arizona does not observe daylight saving time);
 * `DateUpdatedUTC` is UTC.
 */

export const ARIZONA_OFFSET_MS = -7 * 60 * 60 * 1000;

const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses the two documented input formats, `MM/DD/YYYY HH:mm` and `YYYY-MM-DD HH:mm` (time optional,
 * seconds tolerated), read in the given clock. Returns epoch ms or undefined when the text is not one
 * of those formats or not a real calendar date.
 */
export function parseDocDate(text: string, clock: 'arizona' | 'utc'): number | undefined {
	const value = text.trim();
	let year: number, month: number, day: number, rest: string[];
	let m = MDY.exec(value);
	if (m) {
		[month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
		rest = m.slice(4);
	} else {
		m = YMD.exec(value);
		if (!m) return undefined;
		[year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
		rest = m.slice(4);
	}
	const hour = Number(rest[0] ?? 0);
	const minute = Number(rest[1] ?? 0);
	const second = Number(rest[2] ?? 0);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
		return undefined;
	}
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	if (new Date(wall).getUTCDate() !== day) return undefined;
	return clock === 'arizona' ? wall - ARIZONA_OFFSET_MS : wall;
}

function wallClock(ms: number, clock: 'arizona' | 'utc'): Date {
	return new Date(clock === 'arizona' ? ms + ARIZONA_OFFSET_MS : ms);
}

/** `5/14/2024 10:00:00 AM` — the .NET-style display the docs print for NoteDate, StartDate, DateCreated... */
export function formatDisplay(ms: number, clock: 'arizona' | 'utc' = 'arizona'): string {
	const d = wallClock(ms, clock);
	const hours = d.getUTCHours();
	const h12 = hours % 12 === 0 ? 12 : hours % 12;
	const mm = String(d.getUTCMinutes()).padStart(2, '0');
	const ss = String(d.getUTCSeconds()).padStart(2, '0');
	return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${mm}:${ss} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** `5/14/2024` in the given clock (task due dates, property DateListed, note `date` filter). */
export function formatDisplayDate(ms: number, clock: 'arizona' | 'utc' = 'arizona'): string {
	const d = wallClock(ms, clock);
	return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** Arizona calendar day key `YYYY-MM-DD`, used to match the getContactNotes `date` filter. */
export function arizonaDayKey(ms: number): string {
	return wallClock(ms, 'arizona').toISOString().slice(0, 10);
}

export function isoUtc(ms: number): string {
	return new Date(ms).toISOString();
}
