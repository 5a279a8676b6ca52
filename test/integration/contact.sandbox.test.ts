import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { credentialData, runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * The Contact operations against the Wise Agent sandbox (which implements the vendor docs),
 * through n8n-core's executor: no mocks at all. Where node and sandbox disagree, the docs decide.
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;
const savedPolicy = { ...retryPolicy };

beforeAll(async () => {
	nock.restore(); // real sockets to 127.0.0.1
	sandbox = await startSandbox({ contacts: 30, seed: 11, strict: true });
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	sandbox.faults.clear();
	sandbox.resetCounters();
});

const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runWiseAgentNode({ parameters, credentials, ...extra });

describe('Contact against the sandbox', () => {
	it('creates, finds, updates and reads back a contact', async () => {
		const created = await run({
			resource: 'contact',
			operation: 'create',
			firstName: 'Integra',
			lastName: 'Tion',
			source: 'API',
			additionalFields: {
				email: 'integra.tion@example.com',
				mobilePhone: '4805550199',
				categories: ['Buyer'],
			},
		});
		expect(created.error).toBeUndefined();
		const clientId = String(created.items[0].json.ClientID);
		expect(created.items[0].json.NewContact).toBe(true);

		const again = await run({
			resource: 'contact',
			operation: 'upsert',
			firstName: 'Integra',
			lastName: 'Tion',
			source: 'API',
			email: 'integra.tion@example.com',
			additionalFields: {
				city: 'Tempe',
				categories: ['Seller'],
			},
		});
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({
			action: 'updated',
			matchedBy: 'email',
			contact: { id: clientId, address: { city: 'Tempe' } },
		});

		const read = await run({
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: clientId },
		});
		expect(read.error).toBeUndefined();
		expect(read.items[0].json).toMatchObject({
			id: clientId,
			firstName: 'Integra',
			lastName: 'Tion',
			address: { city: 'Tempe' },
			email: 'integra.tion@example.com',
			url: `https://thewiseagent.com/secure/client/summary?clientId=${clientId}`,
		});
		expect(read.items[0].json.categories).toEqual(expect.arrayContaining(['Buyer', 'Seller']));
		expect(Object.keys(read.items[0].json).length).toBeLessThanOrEqual(15);
		// The sandbox's DateUpdatedUTC of the contact, as an ISO instant.
		const stored = sandbox.store.data.contacts.get(Number(clientId))!;
		expect(read.items[0].json.updatedAt).toBe(new Date(stored.updatedMs).toISOString());
	});

	it('Return All reads every contact with the count plus the exact number of pages', async () => {
		const total = sandbox.store.data.contacts.size;
		const { items, error } = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(total);
		const counters = sandbox.counters();
		expect(counters.byKey['GET getContactsCount']).toBe(1);
		expect(counters.byKey['GET getContacts']).toBe(Math.ceil(total / 100));
	});

	it('filters by updated-since in Arizona time and in UTC alike', async () => {
		const since = new Date(Date.now() - 60_000).toISOString();
		const utc = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: since },
		});
		const az = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: since, updatedSinceParameter: 'dtupdated' },
		});
		expect(utc.error).toBeUndefined();
		expect(az.error).toBeUndefined();
		// The first test changed one contact a moment ago; the seeded ones are older.
		expect(utc.items.length).toBeGreaterThan(0);
		expect(utc.items.length).toBeLessThan(sandbox.store.data.contacts.size);
		expect(az.items.map((i) => i.json.id).sort()).toEqual(utc.items.map((i) => i.json.id).sort());
		expect(utc.items.every((i) => typeof i.json.id === 'string')).toBe(true);
	});

	it('survives a 429 with Retry-After and a dropped connection on reads', async () => {
		Object.assign(retryPolicy, { baseDelayMs: 5 });
		sandbox.faults.add({
			kind: 'status',
			status: 429,
			retryAfter: 0,
			requestType: 'getContactsCount',
			count: 1,
		});
		sandbox.faults.add({ kind: 'drop', requestType: 'getContacts', count: 1 });
		const { items, error } = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(sandbox.store.data.contacts.size);
	});

	it('refreshes an expired token through n8n and carries on', async () => {
		sandbox.expireAccessTokens();
		const { items, error, credentialsHelper } = await run({
			resource: 'contact',
			operation: 'count',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.count).toBe(sandbox.store.data.contacts.size);
		expect(credentialsHelper.updates).toHaveLength(1);
		credentials.oauthTokenData = credentialsHelper.updates[0].oauthTokenData;
	});

	it('reports the API’s own message for a duplicate custom field key', async () => {
		const contactId = {
			__rl: true,
			mode: 'id',
			value: String([...sandbox.store.data.contacts.keys()][0]),
		};
		const parameters = {
			resource: 'contact',
			operation: 'addCustomField',
			contactId,
			key: 'Dup',
			value: '1',
		};
		expect((await run(parameters)).error).toBeUndefined();
		const { error } = await run(parameters);
		expect(error?.message).toMatch(/^Wise Agent: Duplicate Key 'Dup' cannot be inserted/);
	});
});
