import { parseJsonField, parseResponseBody } from '../../nodes/WiseAgent/helpers/parse';

describe('parseResponseBody', () => {
	it('parses plain JSON', () => {
		expect(parseResponseBody('{"count":154102}')).toEqual({ count: 154102 });
	});

	it('decodes JSON sent inside a JSON string (documented for getUser, getPrograms…)', () => {
		const body = JSON.stringify('[ {"First":"Ann","Last":"Lee","Email":"ann@example.com"} ]');
		expect(parseResponseBody(body)).toEqual([
			{ First: 'Ann', Last: 'Lee', Email: 'ann@example.com' },
		]);
	});

	it('decodes twice-encoded JSON', () => {
		const body = JSON.stringify(JSON.stringify([{ success: 'true' }]));
		expect(parseResponseBody(body)).toEqual([{ success: 'true' }]);
	});

	it('accepts raw control characters inside strings', () => {
		const body = '[{"Note":"line one\nline two\tend","NoteID":7}]';
		expect(parseResponseBody(body)).toEqual([{ Note: 'line one\nline two\tend', NoteID: 7 }]);
	});

	it('keeps whitespace outside strings working while escaping inside them', () => {
		expect(parseResponseBody('{\n  "a": "x\u0001y"\n}')).toEqual({ a: 'x\u0001y' });
	});

	it('reads the docs’ CSV-quoted error body', () => {
		expect(parseResponseBody('"{""error"": ""SearchID not found""}"')).toEqual({
			error: 'SearchID not found',
		});
	});

	it('reads typographic quotes as in the docs’ examples', () => {
		expect(parseResponseBody('{“data”: [{“Id”: “123”}]}')).toEqual({ data: [{ Id: '123' }] });
	});

	it('returns non-JSON text as it is (getLoginToken returns a URL)', () => {
		const url = 'https://www.thewiseagent.com/secure/login_secure?accesstoken=abc';
		expect(parseResponseBody(url)).toBe(url);
		expect(parseResponseBody(`  ${url}\n`)).toBe(url);
	});

	it('strips a byte-order mark and handles empty bodies', () => {
		expect(parseResponseBody('\uFEFF{"a":1}')).toEqual({ a: 1 });
		expect(parseResponseBody('')).toBe('');
	});

	it('passes already-parsed values through, decoding a string that holds JSON', () => {
		expect(parseResponseBody({ a: 1 })).toEqual({ a: 1 });
		expect(parseResponseBody(['x'])).toEqual(['x']);
	});
});

describe('parseJsonField', () => {
	it('decodes a JSON-in-string field', () => {
		expect(parseJsonField('[{"name":"Buyer"}]')).toEqual([{ name: 'Buyer' }]);
	});

	it('returns undefined for empty or broken values', () => {
		expect(parseJsonField('')).toBeUndefined();
		expect(parseJsonField('[{"TeamMember":"Team')).toBeUndefined();
	});
});

describe('bodies printed the way the docs print them', () => {
	it('reads JSON inside bare quotes', () => {
		expect(parseResponseBody('"[{"success": "true"}]"')).toEqual([{ success: 'true' }]);
		expect(parseResponseBody('"{"Success":"123 updated"}"')).toEqual({ Success: '123 updated' });
	});

	it('reads the property error whose object opens inside the quote', () => {
		expect(
			parseResponseBody('{"status": "error","data": "{message": "Property Not Found."}}'),
		).toEqual({
			status: 'error',
			data: { message: 'Property Not Found.' },
		});
	});
});
