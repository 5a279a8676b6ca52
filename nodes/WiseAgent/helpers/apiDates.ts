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
