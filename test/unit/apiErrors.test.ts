import { findApiErrorMessage } from '../../nodes/WiseAgent/helpers/apiErrors';

describe('findApiErrorMessage', () => {
	it.each([
		[{ Error: 'Missing ClientID' }, 'Missing ClientID'],
		[{ Error: 'Invalid Field Foo - 123 not updated' }, 'Invalid Field Foo - 123 not updated'],
		[{ error: 'SearchID not found' }, 'SearchID not found'],
		[{ error: 'propertyID was not found' }, 'propertyID was not found'],
		[
			{ error: 'invalid_grant', error_description: 'The token has expired' },
			'invalid_grant: The token has expired',
		],
		[{ status: 'error', data: { message: 'Property not found' } }, 'Property not found'],
		[
			{ status: 'error', data: '{message": "Address and AddressNum must be provided' },
			'Address and AddressNum must be provided',
		],
		[
			{
				success: false,
				message: "Duplicate Key 'BuyersLink' cannot be inserted for ClientID 1187985",
			},
			"Duplicate Key 'BuyersLink' cannot be inserted for ClientID 1187985",
		],
		[
			{ success: 'false', message: 'There was an error while inserting the data' },
			'There was an error while inserting the data',
		],
		[[{ Error: 'Missing Categories CSV' }], 'Missing Categories CSV'],
		[{ success: false }, 'The API reported a failure'],
		[{ status: 'error' }, 'The API reported an error'],
	])('finds the message in %j', (body, message) => {
		expect(findApiErrorMessage(body)).toBe(message);
	});

	it.each([
		[{ success: 'true' }],
		[[{ success: 'true' }]],
		[{ Success: '123 updated' }],
		[{ status: 'success', data: { propertyId: '1234' } }],
		[{ success: true, ClientCustomID: 115468 }],
		[[{ ClientID: 1, CFirst: 'Ann' }, { ClientID: 2 }]],
		['https://example.com/login'],
		[{ count: 3 }],
		[{ Error: '' }],
		[null],
	])('treats %j as success', (body) => {
		expect(findApiErrorMessage(body)).toBeUndefined();
	});
});

describe('error shapes that no repair can parse', () => {
	it.each([
		['{"status": "error", "data": broken', 'The API reported an error'],
		['{"Error": "Missing ClientID", oops', 'Missing ClientID'],
		['[{"success": "false", "message": "No such category"', 'No such category'],
	])('still fail: %s', (text, message) => {
		expect(findApiErrorMessage(text)).toBe(message);
	});

	it.each(['https://example.com/login?accesstoken=x', '{"data": [ truncated', 'plain text'])(
		'leave other text alone: %s',
		(text) => {
			expect(findApiErrorMessage(text)).toBeUndefined();
		},
	);
});
