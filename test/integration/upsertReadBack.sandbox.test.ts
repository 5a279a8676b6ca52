import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { credentialData } from '../helpers/n8n';
import { runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * Create or Update reads its contacts back after the run's writes: in one list (a count and
 * the pages of contacts updated since the first write) when that costs fewer requests, one by
 * one otherwise. Either way each item holds the contact exactly as Wise Agent has it; when the
 * list cannot bring a contact (another clock, a busy account) that contact is read alone.
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;

beforeAll(async () => {
	nock.restore();
	sandbox = await startSandbox({ contacts: 0, seed: 3, strict: true });
});
beforeEach(() => {
	sandbox.reset(3, 0);
	sandbox.settings.clockOffsetMs = 0;
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});

const people = (count: number, tag: string) =>
	Array.from({ length: count }, (_, index) => ({
		first: `Read${index}`,
		email: `read.${tag}.${index}@example.com`,
	}));

const upsert = (items: Array<{ first: string; email: string }>) =>
	runWiseAgentNode({
		credentials,
		parameters: {
			resource: 'contact',
			operation: 'upsert',
			matchBy: 'email',
			firstName: '={{ $json.first }}',
			lastName: 'Back',
			source: 'API',
			email: '={{ $json.email }}',
			simplify: false,
			parallelRequests: 10,
		},
		items,
	});

/** Contact → Get of each ClientID, Simplify off: getSingleContact's record, decoded. */
async function getEach(ids: string[]) {
	const { items, error } = await runWiseAgentNode({
		credentials,
		parameters: {
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			simplify: false,
		},
		items: ids.map((id) => ({ id })),
	});
	expect(error).toBeUndefined();
	return items.map((item) => item.json);
}

const idsOf = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => String((item.json.contact as { ClientID: number }).ClientID));

it('30 new contacts: read back in one list, each item holding exactly what getSingleContact returns', async () => {
	const { items, error } = await upsert(people(30, 'list'));
	expect(error).toBeUndefined();
	const counters = sandbox.counters().byKey;
	expect(counters['GET getContactsCount']).toBe(1);
	// 30 lookups and one page of the list.
	expect(counters['GET getContacts']).toBe(31);
	expect(counters['GET getSingleContact']).toBeUndefined();
	const single = await getEach(idsOf(items));
	expect(items.map((item) => item.json.contact)).toEqual(single);
	expect(items.map((item) => item.json.action)).toEqual(Array(30).fill('created'));
});

it('fewer than 10 contacts: each read alone, the same output', async () => {
	const { items, error } = await upsert(people(9, 'few'));
	expect(error).toBeUndefined();
	const counters = sandbox.counters().byKey;
	expect(counters['GET getContactsCount']).toBeUndefined();
	expect(counters['GET getSingleContact']).toBe(9);
	expect(items.map((item) => item.json.contact)).toEqual(await getEach(idsOf(items)));
});

it("Wise Agent's clock 10 minutes behind n8n's: the list brings none, every contact is read alone", async () => {
	sandbox.settings.clockOffsetMs = -10 * 60_000;
	const { items, error } = await upsert(people(20, 'late'));
	expect(error).toBeUndefined();
	const counters = sandbox.counters().byKey;
	expect(counters['GET getContactsCount']).toBe(1);
	expect(counters['GET getSingleContact']).toBe(20);
	expect(items.map((item) => item.json.contact)).toEqual(await getEach(idsOf(items)));
});

it('an account where many more contacts changed meanwhile: no list, every contact read alone', async () => {
	const busy = await upsert(people(250, 'busy'));
	expect(busy.error).toBeUndefined();
	sandbox.resetCounters();
	// 250 changed in the window, 12 written now: listing 262 would cost more than 12 reads.
	const { items, error } = await upsert(people(12, 'now'));
	expect(error).toBeUndefined();
	const counters = sandbox.counters().byKey;
	expect(counters['GET getContactsCount']).toBe(1);
	expect(counters['GET getSingleContact']).toBe(12);
	expect(items.map((item) => item.json.contact)).toEqual(await getEach(idsOf(items)));
});

it('the list failing (HTTP 500 on the count) costs nothing but the reads one by one', async () => {
	const fault = sandbox.faults.add({
		kind: 'status',
		status: 500,
		requestType: 'getContactsCount',
	});
	try {
		const { items, error } = await upsert(people(15, 'failing'));
		expect(error).toBeUndefined();
		expect(sandbox.counters().byKey['GET getSingleContact']).toBe(15);
		expect(items.map((item) => item.json.action)).toEqual(Array(15).fill('created'));
	} finally {
		sandbox.faults.remove(fault);
	}
});
