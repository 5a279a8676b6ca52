import nock from 'nock';

import { startSandbox, type Sandbox } from '../../sandbox';
import { startChaosProxy } from '../helpers/chaosProxy';
import { setUpNock } from '../helpers/mockApi';
import { ACCESS_TOKEN, DATA_PATH, SERVER_URL, runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * n8n resolves a credential (database read, decryption, the credential's expressions) on every
 * getCredentials and every httpRequestWithAuthentication; in a bulk run that was most of n8n's
 * CPU. A run now reads its credential once and signs its requests with the access token itself;
 * a refused token still goes through n8n's OAuth2 helper (refresh, stored, replayed).
 */
setUpNock();

const getContacts = {
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	simplify: false,
	parallelRequests: 10,
};
const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: 1000 + index }));

it('a run of 100 items reads the credential once and signs every request with its access token', async () => {
	const authorizations: string[] = [];
	nock(SERVER_URL)
		.get(DATA_PATH)
		.query(true)
		.times(100)
		.reply(function (uri) {
			authorizations.push(String(this.req.headers.authorization));
			const clientId = new URL(uri, SERVER_URL).searchParams.get('clientID');
			return [200, JSON.stringify([{ ClientID: Number(clientId) }])];
		});
	const { items, error, credentialsHelper } = await runWiseAgentNode({
		parameters: getContacts,
		items: ids(100),
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.ClientID)).toEqual(ids(100).map((item) => item.id));
	expect(authorizations).toEqual(Array(100).fill(`Bearer ${ACCESS_TOKEN}`));
	// Before: two reads per request (the node's and n8n's helper's), 200 here.
	expect(credentialsHelper.reads).toBe(1);
});

describe('against the sandbox, the access token expiring during the run', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		sandbox = await startSandbox({ contacts: 300 });
	});
	afterAll(async () => {
		nock.enableNetConnect();
		await sandbox.stop();
	});

	it('every item succeeds, n8n refreshes and stores the token, later requests use the new one', async () => {
		const proxy = await startChaosProxy({
			upstream: sandbox.baseUrl,
			seed: 7,
			serverErrorRate: 0,
			dropRate: 0,
			expireTokenEvery: 60,
			rateLimitWindow: { startsAtRequest: 1_000_000, durationMs: 0, retryAfterSeconds: 0 },
		});
		try {
			const contacts = [...sandbox.store.data.contacts.keys()].slice(0, 300);
			const { items, error, credentialsHelper } = await runWiseAgentNode({
				parameters: getContacts,
				items: contacts.map((id) => ({ id })),
				// the sandbox's token, every request through the proxy that expires it
				credentials: { ...sandboxCredentials(sandbox), serverUrl: proxy.url },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => String(item.json.ClientID))).toEqual(contacts.map(String));
			const { expiredTokens, unauthorized, tokenRequests, dataRequests } = proxy.stats;
			console.log(
				`300 items: ${dataRequests} data requests, ${expiredTokens} expiries, ${unauthorized}×401, ${tokenRequests} refreshes, ${credentialsHelper.reads} credential reads`,
			);
			expect(expiredTokens).toBeGreaterThanOrEqual(4);
			// Each refused request is sent once more by n8n's helper (which refreshes) and at most
			// the 10 in flight meet one expiry: nothing keeps using a refused token.
			expect(unauthorized).toBeLessThanOrEqual(expiredTokens * 2 * 10);
			expect(dataRequests).toBe(300 + unauthorized);
			expect(tokenRequests).toBeGreaterThanOrEqual(expiredTokens);
			expect(credentialsHelper.updates.length).toBe(tokenRequests);
			// Read again after each refresh, not per request.
			expect(credentialsHelper.reads).toBeLessThan(300);
		} finally {
			await proxy.close();
		}
	});
});
