import {
	arizonaPlannerParts,
	formatArizonaDateTime,
	formatArizonaIsoDateTime,
	formatIsoDateInZone,
	formatIsoDateTimeInZone,
	formatUsDateInZone,
	formatUtcDateTime,
	parseDateInput,
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

describe('toInstant: only real dates in the accepted forms', () => {
	it.each<[string, unknown]>([
		['a bare number text ("5" is not 2001-05-01)', '5'],
		['an impossible written date ("Feb 30 2024" is not 1 March)', 'Feb 30 2024'],
		['an impossible US date', '02/30/2024'],
		['an impossible ISO date', '2024-02-30'],
		['29 February outside a leap year', '2023-02-29'],
		['a number of milliseconds', 1e20],
		['zero', 0],
		['year 0001 (not 1901)', '0001-01-01'],
		['year 1899', '1899-12-31'],
		['year 2101', '2101-01-01T00:00:00'],
		['an hour 24', '2024-05-14T24:00:00'],
		['an offset of +15:00', '2024-05-14T10:00:00+15:00'],
		['JS date text', 'Tue May 14 2024 10:00:00 GMT+0000'],
		['RFC 2822', 'Tue, 14 May 2024 10:00:00 GMT'],
		['null', null],
		['a list', ['2024-05-14']],
		['an invalid Date', new Date(NaN)],
		['an invalid Luxon-like value', { toISO: () => null }],
		['13 PM', '05/14/2024 13:00 PM'],
	])('rejects %s', (_label, value) => {
		expect(toInstant(value, 'UTC')).toBeUndefined();
	});

	it.each<[string, string, string]>([
		['ISO with a Z', '2024-05-14T10:00:00Z', '2024-05-14T10:00:00.000Z'],
		['ISO with milliseconds', '2024-05-14T10:00:00.250Z', '2024-05-14T10:00:00.250Z'],
		['ISO with ±HHmm', '2024-05-14T10:00:00-0700', '2024-05-14T17:00:00.000Z'],
		['ISO with ±HH', '2024-05-14T10:00+02', '2024-05-14T08:00:00.000Z'],
		['ISO with a space', '2024-05-14 10:00', '2024-05-14T10:00:00.000Z'],
		['29 February of a leap year', '2024-02-29', '2024-02-29T00:00:00.000Z'],
		['US with seconds', '5/14/2024 10:00:30', '2024-05-14T10:00:30.000Z'],
		['US with PM (as Wise Agent answers)', '5/14/2024 1:05:00 PM', '2024-05-14T13:05:00.000Z'],
		['US 12 AM is midnight', '5/14/2024 12:30 AM', '2024-05-14T00:30:00.000Z'],
		['the first accepted year', '1900-01-01', '1900-01-01T00:00:00.000Z'],
	])('reads %s', (_label, text, iso) => {
		expect(toInstant(text, 'UTC')?.toISOString()).toBe(iso);
	});

	it('says whether a time was given, and why a value is refused', () => {
		expect(parseDateInput('2024-05-14', 'UTC')).toMatchObject({ hasTime: false });
		expect(parseDateInput('05/14/2024', 'UTC')).toMatchObject({ hasTime: false });
		expect(parseDateInput('2024-05-14T00:00:00', 'UTC')).toMatchObject({ hasTime: true });
		expect(parseDateInput('0001-01-01', 'UTC')).toEqual({
			problem: 'has the year 1; dates from 1900 to 2100 are accepted',
		});
		expect(parseDateInput(5, 'UTC')).toEqual({ problem: 'is the number 5, not a date' });
	});
});

describe('Arizona formats for call list times and planner events', () => {
	it('formats NextContactDate as YYYY-MM-DD HH:mm Arizona time', () => {
		expect(formatArizonaIsoDateTime(new Date('2024-07-01T13:30:00Z'))).toBe('2024-07-01 06:30');
		expect(formatArizonaIsoDateTime(new Date('2024-03-01T03:00:00Z'))).toBe('2024-02-29 20:00');
	});

	it('splits a planner time into date, 12-hour time and AM/PM in Arizona', () => {
		expect(arizonaPlannerParts(new Date('2024-07-15T19:00:00Z'))).toEqual({
			date: '2024-07-15',
			time: '12:00',
			amPm: 'PM',
		});
		expect(arizonaPlannerParts(new Date('2024-07-16T06:59:00Z'))).toEqual({
			date: '2024-07-15',
			time: '11:59',
			amPm: 'PM',
		});
		expect(arizonaPlannerParts(new Date('2024-07-15T07:05:00Z'))).toEqual({
			date: '2024-07-15',
			time: '12:05',
			amPm: 'AM',
		});
	});
});
