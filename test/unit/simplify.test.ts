import { apiDateTimeToIso, apiDateToIsoDate } from '../../nodes/WiseAgent/helpers/apiDates';
import {
	decodeJsonStringFields,
	decodedList,
	flagOf,
	idOf,
	numberOf,
	textOf,
} from '../../nodes/WiseAgent/helpers/simplify';

describe('Simplify: JSON-in-string fields', () => {
	it('decodes JSON text, and empty text to []', () => {
		expect(
			decodeJsonStringFields({
				Categories: '[{"name":"Buyer"}]',
				CustomData: '',
				InsideTeamAssignment: '[{"InsideTeamId":1}]',
			}),
		).toEqual({
			Categories: ['Buyer'],
			CustomData: [],
			InsideTeamAssignment: [{ InsideTeamId: 1 }],
		});
	});

	it('keeps text it cannot parse exactly as sent, instead of replacing it with []', () => {
		const record = { Categories: 'Buyer; Seller', CustomData: '[{"Key":"a","Value":' };
		expect(decodeJsonStringFields(record)).toEqual(record);
	});
});

describe('Simplify: values of the compact shapes', () => {
	it('reads zone-less display dates on the account’s Arizona clock (UTC−7), …UTC fields as UTC', () => {
		expect(apiDateTimeToIso('7/20/2020 6:03:36 PM', 'arizona')).toBe('2020-07-21T01:03:36.000Z');
		expect(apiDateTimeToIso('2024-05-14T17:00:00', 'utc')).toBe('2024-05-14T17:00:00.000Z');
		expect(apiDateTimeToIso('2024-05-14 17:00', 'utc')).toBe('2024-05-14T17:00:00.000Z');
	});

	it('honours a zone the text names, whatever the field’s clock', () => {
		expect(apiDateTimeToIso('7/20/2020 7:00:00 AM UTC', 'arizona')).toBe(
			'2020-07-20T07:00:00.000Z',
		);
		expect(apiDateTimeToIso('2024-05-14T10:00:00-07:00', 'utc')).toBe('2024-05-14T17:00:00.000Z');
		expect(apiDateTimeToIso('2024-05-14T17:00:00Z', 'arizona')).toBe('2024-05-14T17:00:00.000Z');
	});

	it('gives null for no date: empty, null, unreadable, the 1/1/1900 placeholder', () => {
		for (const value of ['', null, undefined, 'soon', '1/1/1900 7:00:00 AM', 42]) {
			expect(apiDateTimeToIso(value, 'arizona')).toBeNull();
		}
	});

	it('reads calendar dates as YYYY-MM-DD, ignoring a time of day', () => {
		expect(apiDateToIsoDate('7/24/2020')).toBe('2020-07-24');
		expect(apiDateToIsoDate('05/01/2024')).toBe('2024-05-01');
		expect(apiDateToIsoDate('7/24/2020 12:00:00 AM')).toBe('2020-07-24');
		expect(apiDateToIsoDate('')).toBeNull();
		expect(apiDateToIsoDate('1/1/1900')).toBeNull();
	});

	it('turns the API’s text into numbers, flags, IDs and text, or null', () => {
		expect([
			numberOf('2,450'),
			numberOf('$725,000'),
			numberOf(3),
			numberOf(''),
			numberOf('x'),
		]).toEqual([2450, 725000, 3, null, null]);
		expect([flagOf('true'), flagOf('False'), flagOf(1), flagOf(false), flagOf('')]).toEqual([
			true,
			false,
			true,
			false,
			null,
		]);
		expect([idOf(1822535), idOf('V26855'), idOf('0'), idOf(0), idOf('')]).toEqual([
			'1822535',
			'V26855',
			null,
			null,
			null,
		]);
		expect([textOf('  Ann '), textOf(''), textOf(null), textOf({})]).toEqual([
			'Ann',
			null,
			null,
			null,
		]);
	});

	it('keeps JSON-in-string text that is not JSON as the one entry of its list', () => {
		expect(decodedList({ Categories: '[{"name":"Buyer"}]' }, 'Categories')).toEqual(['Buyer']);
		expect(decodedList({ Categories: 'Buyer; Seller' }, 'Categories')).toEqual(['Buyer; Seller']);
		expect(decodedList({}, 'Categories')).toEqual([]);
	});
});
