import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);
const LOGIN_LINK = 'https://www.thewiseagent.com/secure/login_secure?accesstoken=tmp-T0k3n~a%2Fb';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Account → Get Current User (getUser)', () => {
	const parameters = { resource: 'account', operation: 'getCurrentUser' };

	it('decodes the documented body, a string holding a JSON array', async () => {
		const documented =
			'"[ {\\"First\\": \\"Ann\\", \\"Last\\": \\"Agent\\", \\"Email\\": \\"ann@x.com\\"} ]"';
		const scope = api().get(DATA_PATH).query({ requestType: 'getUser' }).reply(200, documented);

		const result = await runWiseAgentNode({ parameters });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { First: 'Ann', Last: 'Agent', Email: 'ann@x.com' }, pairedItem: { item: 0 } },
		]);
	});

	it('fails on an empty answer instead of emitting an empty user', async () => {
		api().get(DATA_PATH).query({ requestType: 'getUser' }).reply(200, '[]');

		const result = await runWiseAgentNode({ parameters });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: the current user could not be read from the response',
		});
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getUser' })
			.twice()
			.reply(200, { Error: 'No profile scope' });

		const failed = await runWiseAgentNode({ parameters });
		const continued = await runWiseAgentNode({ parameters, continueOnFail: true });

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: No profile scope',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: No profile scope' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Account → Get SSO Login Link (getLoginToken)', () => {
	const parameters = (page = '') => ({ resource: 'account', operation: 'getLoginLink', page });

	it('returns the link untouched with its 60 s lifetime', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getLoginToken' })
			.reply(200, LOGIN_LINK);

		const result = await runWiseAgentNode({ parameters: parameters() });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { url: LOGIN_LINK, expiresInSeconds: 60 }, pairedItem: { item: 0 } },
		]);
	});

	it('also reads the link when it comes as a JSON string', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getLoginToken' })
			.reply(200, JSON.stringify(LOGIN_LINK));

		const result = await runWiseAgentNode({ parameters: parameters() });

		expect(result.items[0].json.url).toBe(LOGIN_LINK);
	});

	it('appends the landing page as an encoded page parameter', async () => {
		api().get(DATA_PATH).query({ requestType: 'getLoginToken' }).reply(200, LOGIN_LINK);
		const page = 'https://thewiseagent.com/secure/client/summary?clientId=1822535';

		const result = await runWiseAgentNode({ parameters: parameters(page) });

		const url = String(result.items[0].json.url);
		expect(url).toBe(`${LOGIN_LINK}&page=${encodeURIComponent(page)}`);
		expect(new URL(url).searchParams.get('page')).toBe(page);
	});

	it('rejects a landing page that is not a full http(s) URL, without a request', async () => {
		const result = await runWiseAgentNode({ parameters: parameters('/secure/client/summary') });

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Landing Page: "/secure/client/summary" is not an http(s) URL (item 0)',
		});
	});

	it('does not put an unexpected body (which may hold a token) into the error', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getLoginToken' })
			.reply(200, 'accesstoken=secret-123');

		const result = await runWiseAgentNode({ parameters: parameters() });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: getLoginToken did not answer with a login link',
		});
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('secret-123');
	});

	it('with continueOnFail, pairs the error item with its input', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getLoginToken' })
			.reply(200, { error: 'invalid scope' });

		const result = await runWiseAgentNode({ parameters: parameters(), continueOnFail: true });

		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: invalid scope' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});
