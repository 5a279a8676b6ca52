import { NodeApiError } from 'n8n-workflow';

import {
	REDACTED,
	findApiErrorMessage,
	scrubError,
	secretRedactor,
} from '../../nodes/WiseAgent/helpers/apiErrors';

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

describe('secretRedactor', () => {
	const secret = 'S3c+r/e=t&x%y';
	const redact = secretRedactor({
		secrets: [secret, '', 'abc', undefined],
		basic: { clientId: 'client', clientSecret: secret },
	});
	const b64 = (text: string) => Buffer.from(text).toString('base64');

	it.each([
		['raw', secret],
		['URL-encoded', encodeURIComponent(secret)],
		[
			'URL-encoded, lower-case hex',
			encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		],
		['form-encoded', new URLSearchParams({ v: secret }).toString().slice(2)],
		['URL-encoded twice', encodeURIComponent(encodeURIComponent(secret))],
		['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
		['HTML-escaped', secret.replace('&', '&amp;')],
		['base64', b64(secret)],
		['base64url', Buffer.from(secret).toString('base64url')],
		['Basic client:secret', b64(`client:${secret}`)],
		['Basic, URL-encoded parts', b64(`client:${encodeURIComponent(secret)}`)],
	])('removes the %s form', (_label, form) => {
		const cleaned = redact(`before ${form} after`);
		// base64 padding may stay behind; what it pads is gone.
		expect(cleaned).toMatch(new RegExp(`^before \\[redacted\\]=* after$`));
		expect(cleaned).not.toContain(form.replace(/=+$/, ''));
	});

	it('leaves text without secrets alone, and ignores empty or very short ones', () => {
		expect(redact('abc is not redacted, nor is an empty string')).toBe(
			'abc is not redacted, nor is an empty string',
		);
	});
});

describe('scrubError', () => {
	const node = {
		id: '1',
		name: 'Wise Agent',
		type: 'n8n-nodes-wiseagent.wiseAgent',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { note: 'tok-123456' },
	};
	const redact = secretRedactor({ secrets: ['tok-123456'] });

	it('cleans message, stack, description, messages, errorResponse, context and the cause chain', () => {
		const cause = new Error('inner tok-123456');
		Object.defineProperty(cause, 'hidden', { value: { deep: ['tok-123456'] }, enumerable: false });
		const error = new NodeApiError(
			node,
			{ message: 'tok-123456', nested: { text: 'tok-123456' } },
			{
				message: 'Wise Agent: tok-123456',
				description: 'said tok-123456',
			},
		);
		error.context.data = { echo: 'tok-123456' };
		(error as unknown as { cause: unknown }).cause = cause;
		scrubError(error, redact);
		const everything = JSON.stringify({
			message: error.message,
			stack: error.stack,
			description: error.description,
			messages: error.messages,
			errorResponse: error.errorResponse,
			context: error.context,
			cause: {
				message: cause.message,
				stack: cause.stack,
				hidden: (cause as never as { hidden: unknown }).hidden,
			},
		});
		expect(everything).not.toContain('tok-123456');
		expect(error.message).toBe(`Wise Agent: ${REDACTED}`);
	});

	it('does not touch the workflow node the error points at', () => {
		const error = new NodeApiError(node, { message: 'x' }, { message: 'x' });
		scrubError(error, redact);
		expect(node.parameters.note).toBe('tok-123456');
	});
});
