import nock from 'nock';

import { startSandbox } from '../../sandbox';
import { PAGE_CONCURRENCY } from '../../nodes/WiseAgent/transport/request';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { startFlakyServer } from '../helpers/flakyServer';
import {
	ACCESS_TOKEN,
	CLIENT_SECRET,
	DATA_PATH,
	REFRESH_TOKEN,
	SERVER_URL,
	credentialData,
	runWiseAgentNode,
} from '../helpers/n8n';

// Simplify off: these cases are about the transport, and compare records as sent.
const getContact = (id = '42') => ({
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value: id },
	simplify: false,
});

const addCustomField = {
	resource: 'contact',
	operation: 'addCustomField',
	contactId: { __rl: true, mode: 'id', value: '42' },
	key: 'BuyersLink',
	value: 'https://example.com',
};

const api = () => nock(SERVER_URL);
const savedPolicy = { ...retryPolicy };

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
beforeEach(() => Object.assign(retryPolicy, { baseDelayMs: 5, maxDelayMs: 50 }));
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

function secretsIn(value: unknown): string[] {
	const text = JSON.stringify(value, (_key, v: unknown) =>
		v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v,
	);
	return [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, 'new-access-token'].filter((secret) =>
		text.includes(secret),
	);
}

describe('request shape', () => {
	it('sends GET parameters in the query string with Accept and the bearer token', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '42' })
			.matchHeader('accept', 'application/json')
			.matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
			.reply(200, [{ ClientID: 42 }]);
		const { items, error } = await runWiseAgentNode({ parameters: getContact() });
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { ClientID: 42 }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends writes form-urlencoded with requestType in the query string', async () => {
		let contentType: string | undefined;
		const scope = api()
			.post(DATA_PATH, (body) => {
				return (
					body.ClientID === '42' &&
					body.Key === 'BuyersLink' &&
					body.Value === 'https://example.com'
				);
			})
			.query({ requestType: 'addClientCustom' })
			.reply(function () {
				contentType = String(this.req.headers['content-type']);
				return [200, { success: true, ClientCustomID: 115468 }];
			});
		const { items } = await runWiseAgentNode({ parameters: addCustomField });
		expect(contentType).toContain('application/x-www-form-urlencoded');
		expect(items[0].json).toEqual({ success: true, ClientCustomID: 115468, ClientID: '42' });
		expect(scope.isDone()).toBe(true);
	});

	it('uses the credential’s Server URL (trailing slash tolerated)', async () => {
		const scope = nock('http://127.0.0.1:4455')
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 42 }]);
		const { error } = await runWiseAgentNode({
			parameters: getContact(),
			credentials: credentialData({ serverUrl: 'http://127.0.0.1:4455/' }),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('lenient parsing through the node', () => {
	it('decodes a body that is a JSON string holding JSON', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, JSON.stringify(JSON.stringify([{ ClientID: 42, CFirst: 'Ann' }])), {
				'Content-Type': 'application/json',
			});
		const { items } = await runWiseAgentNode({ parameters: getContact() });
		expect(items.map((item) => item.json)).toEqual([{ ClientID: 42, CFirst: 'Ann' }]);
	});

	it('survives raw control characters inside strings', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, '[{"ClientID":42,"Title":"a\tb\nc"}]', { 'Content-Type': 'application/json' });
		const { items } = await runWiseAgentNode({ parameters: getContact() });
		expect(items[0].json).toEqual({ ClientID: 42, Title: 'a\tb\nc' });
	});
});

describe('errors sent with HTTP 200', () => {
	it.each([
		[{ Error: 'Missing ClientID' }, 'Missing ClientID'],
		[{ error: 'SearchID not found' }, 'SearchID not found'],
		[{ status: 'error', data: { message: 'Property not found' } }, 'Property not found'],
		[
			{ success: false, message: "Duplicate Key 'BuyersLink' cannot be inserted for ClientID 42" },
			"Duplicate Key 'BuyersLink' cannot be inserted for ClientID 42",
		],
	])('%j fails the item with the API message', async (body, message) => {
		api().post(DATA_PATH).query({ requestType: 'addClientCustom' }).reply(200, body);
		const { error, items } = await runWiseAgentNode({ parameters: addCustomField });
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(`Wise Agent: ${message}`);
		expect(error?.httpCode).toBe('200');
	});

	it('with continueOnFail the error becomes the item, paired to its input', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '1' })
			.reply(200, [{ ClientID: 1 }]);
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '2' })
			.reply(200, { Error: 'Invalid ClientID' });
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '3' })
			.reply(200, [{ ClientID: 3 }]);
		const { items, error } = await runWiseAgentNode({
			parameters: {
				...getContact(),
				contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			items: [{ id: '1' }, { id: '2' }, { id: '3' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { ClientID: 1 }, pairedItem: { item: 0 } },
			{
				json: expect.objectContaining({ error: 'Wise Agent: Invalid ClientID' }),
				pairedItem: { item: 1 },
			},
			{ json: { ClientID: 3 }, pairedItem: { item: 2 } },
		]);
	});
});

describe('retries', () => {
	it('retries a GET on 429, honouring Retry-After, then succeeds', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query(true)
			.reply(429, 'slow down', { 'Retry-After': '0' })
			.get(DATA_PATH)
			.query(true)
			.reply(503)
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 42 }]);
		const { items, error } = await runWiseAgentNode({ parameters: getContact() });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ ClientID: 42 });
		expect(scope.isDone()).toBe(true);
	});

	it('retries a GET after a dropped connection', async () => {
		const server = await startFlakyServer(['drop', { status: 200, body: [{ ClientID: 42 }] }]);
		try {
			const { items, error } = await runWiseAgentNode({
				parameters: getContact(),
				credentials: credentialData({ serverUrl: server.url }),
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({ ClientID: 42 });
			expect(server.requests).toHaveLength(2);
		} finally {
			await server.close();
		}
	});

	it('retries a GET when the connection is refused, then reports the network error', async () => {
		const server = await startFlakyServer([]);
		const url = server.url;
		await server.close(); // nothing listens there now
		Object.assign(retryPolicy, { maxRetries: 2 });
		const { error } = await runWiseAgentNode({
			parameters: getContact(),
			credentials: credentialData({ serverUrl: url }),
		});
		// n8n replaces messages that name a network error code with its own wording.
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/refused the connection/);
	});

	it('gives up after the configured number of retries with a clear error', async () => {
		Object.assign(retryPolicy, { maxRetries: 2 });
		const scope = api().get(DATA_PATH).query(true).times(3).reply(502, 'Bad Gateway');
		const { error } = await runWiseAgentNode({ parameters: getContact() });
		expect(scope.isDone()).toBe(true);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.description).toContain('(HTTP 502) after 3 attempts');
	});

	it('stops waiting out 429 once the rate-limit time budget would be exceeded', async () => {
		Object.assign(retryPolicy, { rateLimitMaxWaitMs: 100, maxDelayMs: 5000 });
		const scope = api().get(DATA_PATH).query(true).reply(429, '', { 'Retry-After': '1' });
		const { error } = await runWiseAgentNode({ parameters: getContact() });
		expect(scope.isDone()).toBe(true);
		expect(error?.description).toContain('HTTP 429');
	});

	it('retries a write on 429 (the API refused it before acting)', async () => {
		const scope = api()
			.post(DATA_PATH)
			.query(true)
			.reply(429, '', { 'Retry-After': '0' })
			.post(DATA_PATH)
			.query(true)
			.reply(200, { success: true, ClientCustomID: 1 });
		const { error } = await runWiseAgentNode({ parameters: addCustomField });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('does not retry a write after HTTP 503 (it may have been applied)', async () => {
		api().post(DATA_PATH).query(true).reply(503);
		const extra = api().post(DATA_PATH).query(true).reply(200, { success: true });
		const { error } = await runWiseAgentNode({ parameters: addCustomField });
		expect(error?.name).toBe('NodeApiError');
		expect(extra.isDone()).toBe(false);
	});

	it('does not retry a write after a dropped connection (it may have been applied)', async () => {
		const server = await startFlakyServer(['drop', { status: 200, body: { success: true } }]);
		try {
			const { error } = await runWiseAgentNode({
				parameters: addCustomField,
				credentials: credentialData({ serverUrl: server.url }),
			});
			expect(error?.message).toMatch(/closed unexpectedly/);
			expect(server.requests).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	it('does not retry a plain 500', async () => {
		api().get(DATA_PATH).query(true).reply(500, { error: 'Internal failure' });
		const extra = api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 42 }]);
		const { error } = await runWiseAgentNode({ parameters: getContact() });
		expect(error?.message).toBe('Wise Agent: Internal failure');
		expect(extra.isDone()).toBe(false);
	});
});

describe('rate limits', () => {
	const getAllContacts = {
		resource: 'contact',
		operation: 'getAll',
		returnAll: true,
		simplify: false,
	};
	const contacts = (from: number) =>
		Array.from({ length: 100 }, (_, index) => ({ ClientID: from + index }));

	it('waits out a 429 window longer than the retry count allows: bounded by time, not by answers', async () => {
		const limited = api()
			.get(DATA_PATH)
			.query(true)
			.times(8)
			.reply(429, { error: 'Too Many Requests' }, { 'Retry-After': '0.01' });
		const ok = api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 42 }]);
		const { items, error } = await runWiseAgentNode({ parameters: getContact() });
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { ClientID: 42 }, pairedItem: { item: 0 } }]);
		expect(limited.isDone() && ok.isDone()).toBe(true);
		expect(retryPolicy.maxRetries).toBeLessThan(8);
	});

	it('waits out 503 with Retry-After on a read the same way', async () => {
		const unavailable = api()
			.get(DATA_PATH)
			.query(true)
			.times(7)
			.reply(503, 'Maintenance', { 'Retry-After': '0.01' });
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 42 }]);
		const { items, error } = await runWiseAgentNode({ parameters: getContact() });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ ClientID: 42 });
		expect(unavailable.isDone()).toBe(true);
	});

	it('still never replays a write after 503, Retry-After or not (it may have been applied)', async () => {
		api().post(DATA_PATH).query(true).reply(503, '', { 'Retry-After': '0' });
		const extra = api().post(DATA_PATH).query(true).reply(200, { success: true });
		const { error } = await runWiseAgentNode({ parameters: addCustomField });
		expect(error?.description).toContain('HTTP 503');
		expect(extra.isDone()).toBe(false);
	});

	it('one 429 holds back every request of the run until the moment Retry-After named', async () => {
		// getContactsCount, then PAGE_CONCURRENCY + 3 pages, PAGE_CONCURRENCY at a time: the first
		// page answer is a 429 (Retry-After 1), the ones fetched alongside answer 200 later, then
		// the remaining pages and the retry.
		const page = (from: number, delayMs = 0) => ({ status: 200, body: contacts(from), delayMs });
		const pages = PAGE_CONCURRENCY + 3;
		const server = await startFlakyServer([
			{ status: 200, body: { count: pages * 100 } },
			{ status: 429, body: { error: 'Too Many Requests' }, headers: { 'Retry-After': '1' } },
			...Array.from({ length: PAGE_CONCURRENCY - 1 }, (_, index) => page((index + 1) * 100, 150)),
			...Array.from({ length: 3 }, (_, index) => page((PAGE_CONCURRENCY + index) * 100)),
			page(0),
		]);
		Object.assign(retryPolicy, { maxDelayMs: 5_000 });
		try {
			const { items, error } = await runWiseAgentNode({
				parameters: getAllContacts,
				credentials: credentialData({ serverUrl: server.url }),
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(pages * 100);
			const limitedAt = server.requests[1].at;
			const afterLimit = server.requests
				.slice(1 + PAGE_CONCURRENCY)
				.map((request) => request.at - limitedAt);
			console.log(`requests after the 429, ms after it: ${afterLimit.join(', ')}`);
			expect(server.requests).toHaveLength(1 + pages + 1);
			// Sent after the 429 had arrived, so none of them before Retry-After was over.
			for (const offset of afterLimit) expect(offset).toBeGreaterThanOrEqual(1_000);
		} finally {
			await server.close();
		}
	});
});

describe('OAuth2 token refresh through n8n', () => {
	it('refreshes on 401 invalid_grant with a Basic header and replays the request', async () => {
		// Refused twice: signed by the node with the run's token, then sent by n8n's helper.
		const refused = api()
			.get(DATA_PATH)
			.query(true)
			.matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
			.times(2)
			.reply(401, { error: 'invalid_grant', error_description: 'The token has expired' });
		const expectedBasic = `Basic ${Buffer.from(`test-client-id:${CLIENT_SECRET}`).toString('base64')}`;
		const token = api()
			.post('/WiseAuth/token', { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN })
			.matchHeader('authorization', expectedBasic)
			.matchHeader('content-type', /application\/x-www-form-urlencoded/)
			.reply(200, {
				access_token: 'new-access-token',
				refresh_token: 'new-refresh-token',
				expires_at: '2031-01-01T00:00:00.000Z',
			});
		const replay = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '42' })
			.matchHeader('authorization', 'Bearer new-access-token')
			.reply(200, [{ ClientID: 42 }]);

		const { items, error, credentialsHelper } = await runWiseAgentNode({
			parameters: getContact(),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ ClientID: 42 });
		expect(refused.isDone() && token.isDone() && replay.isDone()).toBe(true);
		expect(credentialsHelper.updates).toHaveLength(1);
		expect(credentialsHelper.updates[0].oauthTokenData).toMatchObject({
			access_token: 'new-access-token',
			refresh_token: 'new-refresh-token',
			expires_at: '2031-01-01T00:00:00.000Z',
		});
	});

	it('PKCE credentials refresh with client_id in the form body and no secret', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.times(2)
			.reply(401, { error: 'invalid_grant', error_description: 'The token has expired' });
		const token = api()
			.post(
				'/WiseAuth/token',
				(body) =>
					body.grant_type === 'refresh_token' &&
					body.client_id === 'test-client-id' &&
					!('client_secret' in body),
			)
			.reply(200, {
				access_token: 'new-access-token',
				refresh_token: 'r2',
				expires_at: '2031-01-01T00:00:00.000Z',
			});
		api()
			.get(DATA_PATH)
			.query(true)
			.matchHeader('authorization', 'Bearer new-access-token')
			.reply(200, [{ ClientID: 42 }]);
		const { error } = await runWiseAgentNode({
			parameters: getContact(),
			credentials: credentialData({ grantType: 'pkce', clientSecret: '' }),
		});
		expect(error).toBeUndefined();
		expect(token.isDone()).toBe(true);
	});

	it('a wrong client secret on refresh says to reconnect the credential or fix its secret', async () => {
		const sandbox = await startSandbox({ contacts: 3 });
		try {
			const issued = sandbox.issueToken();
			sandbox.expireAccessTokens();
			const credentials = credentialData({
				serverUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: 'not-the-client-secret',
				oauthTokenData: {
					access_token: issued.accessToken,
					refresh_token: issued.refreshToken,
					expires_at: issued.expiresAt,
				},
			});
			const stopped = await runWiseAgentNode({ parameters: getContact('1000'), credentials });
			expect(stopped.error?.name).toBe('NodeApiError');
			expect(stopped.error?.message).toMatch(
				/^Wise Agent: the credential "Wise Agent account" needs to be reconnected, or its client secret fixed: .*invalid_client/,
			);
			expect(stopped.error?.message).not.toMatch(/EAUTH|network/i);
			expect(stopped.error?.description).toMatch(/client ID and secret/);
			expect(sandbox.counters().byKey['POST /WiseAuth/token']).toBe(1);

			const continued = await runWiseAgentNode({
				parameters: getContact('1000'),
				credentials,
				continueOnFail: true,
			});
			expect(continued.items).toEqual([
				{
					json: expect.objectContaining({ error: stopped.error?.message }),
					pairedItem: { item: 0 },
				},
			]);
		} finally {
			await sandbox.stop();
		}
	});

	it('a revoked refresh token asks the user to reconnect, without leaking secrets', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.times(2)
			.reply(401, { error: 'invalid_grant', error_description: 'The token has expired' });
		api()
			.post('/WiseAuth/token')
			.reply(400, { error: 'invalid_grant', error_description: 'The refresh token was revoked' });
		const { error, run } = await runWiseAgentNode({ parameters: getContact() });
		expect(error?.message).toMatch(/needs to be reconnected/);
		expect(secretsIn(error)).toEqual([]);
		expect(secretsIn(run)).toEqual([]);
	});
});

describe('secrets', () => {
	it.each([
		['an HTTP error', () => api().get(DATA_PATH).query(true).reply(403, 'Forbidden')],
		['an error body', () => api().get(DATA_PATH).query(true).reply(200, { Error: 'Nope' })],
		[
			'a 401 that cannot be refreshed',
			() => {
				api()
					.get(DATA_PATH)
					.query(true)
					.reply(401, { error: 'invalid_grant', error_description: 'The token has expired' });
				api().post('/WiseAuth/token').reply(500, 'token service down');
			},
		],
	])('never appear in %s', async (_label, mock) => {
		Object.assign(retryPolicy, { maxRetries: 1 });
		mock();
		const { error, run } = await runWiseAgentNode({ parameters: getContact() });
		expect(error).toBeDefined();
		expect(secretsIn(error)).toEqual([]);
		expect(secretsIn(run)).toEqual([]);
	});

	it('never appear after network failures', async () => {
		const server = await startFlakyServer(['drop', 'drop']);
		Object.assign(retryPolicy, { maxRetries: 1 });
		try {
			const { error, run } = await runWiseAgentNode({
				parameters: getContact(),
				credentials: credentialData({ serverUrl: server.url }),
			});
			expect(error?.message).toMatch(/closed unexpectedly/);
			expect(server.requests).toHaveLength(2);
			expect(secretsIn(error)).toEqual([]);
			expect(secretsIn(run)).toEqual([]);
		} finally {
			await server.close();
		}
	});
});
