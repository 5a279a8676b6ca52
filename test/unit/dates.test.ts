import {
	formatArizonaDateTime,
	formatIsoDateInZone,
	formatIsoDateTimeInZone,
	formatUsDateInZone,
	formatUtcDateTime,
	toInstant,
} from '../../nodes/WiseAgent/helpers/dates';

describe('toInstant', () => {
	it('reads a picker value (no offset) as a wall time in the workflow zone — summer', () => {
		expect(toInstant('2024-07-01T09:30:00', 'America/New_York')?.toISOString()).toBe(
			'2024-07-01T13:30:00.000Z',
		);
	});

	it('reads a picker value in winter with the winter offset', () => {
		expect(toInstant('2024-01-15T09:30:00', 'America/New_York')?.toISOString()).toBe(
			'2024-01-15T14:30:00.000Z',
		);
	});

	it('honours an explicit offset or Z', () => {
		expect(toInstant('2024-07-01T09:30:00Z', 'America/New_York')?.toISOString()).toBe(
			'2024-07-01T09:30:00.000Z',
		);
		expect(toInstant('2024-07-01T09:30:00+02:00', 'UTC')?.toISOString()).toBe(
			'2024-07-01T07:30:00.000Z',
		);
	});

	it('reads US dates and date-only values', () => {
		expect(toInstant('07/04/2024 13:05', 'UTC')?.toISOString()).toBe('2024-07-04T13:05:00.000Z');
		expect(toInstant('2024-07-04', 'Europe/Berlin')?.toISOString()).toBe(
			'2024-07-03T22:00:00.000Z',
		);
	});

	it('rejects impossible dates and non-dates', () => {
		expect(toInstant('02/31/2024', 'UTC')).toBeUndefined();
		expect(toInstant('2024-13-01', 'UTC')).toBeUndefined();
		expect(toInstant('next tuesday', 'UTC')).toBeUndefined();
		expect(toInstant('', 'UTC')).toBeUndefined();
		expect(toInstant({}, 'UTC')).toBeUndefined();
	});

	it('accepts Luxon-like objects from expressions', () => {
		const luxonLike = { toISO: () => '2024-07-01T09:30:00.000-04:00' };
		expect(toInstant(luxonLike, 'UTC')?.toISOString()).toBe('2024-07-01T13:30:00.000Z');
	});
});

describe('API formats', () => {
	const instant = new Date('2024-07-01T13:30:00Z');

	it('formats Arizona time as UTC−7 all year (no daylight saving)', () => {
		expect(formatArizonaDateTime(instant)).toBe('07/01/2024 06:30');
		expect(formatArizonaDateTime(new Date('2024-01-15T14:30:00Z'))).toBe('01/15/2024 07:30');
	});

	it('crosses midnight backwards in Arizona', () => {
		expect(formatArizonaDateTime(new Date('2024-03-01T03:00:00Z'))).toBe('02/29/2024 20:00');
	});

	it('formats UTC', () => {
		expect(formatUtcDateTime(instant)).toBe('07/01/2024 13:30');
	});

	it('formats calendar dates in the workflow zone', () => {
		const lateEvening = new Date('2024-07-02T02:30:00Z'); // 22:30 on July 1st in New York
		expect(formatUsDateInZone(lateEvening, 'America/New_York')).toBe('07/01/2024');
		expect(formatIsoDateInZone(lateEvening, 'America/New_York')).toBe('2024-07-01');
		expect(formatIsoDateTimeInZone(lateEvening, 'America/New_York')).toBe('2024-07-01 22:30');
	});
});
