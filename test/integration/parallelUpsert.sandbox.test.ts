import nock from 'nock';

import type { Contact, Sandbox } from '../../sandbox';
import { mulberry32, startSandbox } from '../../sandbox';
import type { credentialData } from '../helpers/n8n';
import { runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * 500 Create or Update items with Parallel Requests 20 against the strict sandbox (no mocks):
 * items that share an email (in another case) or a phone (in another format) sit a few places
 * apart, so they would be in flight together, and would both create the contact, if they were
 * not run one after another. Not one duplicate may appear, and a second run updates every one.
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;

beforeAll(async () => {
	nock.restore();
	sandbox = await startSandbox({ contacts: 0, seed: 11, strict: true });
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});

interface Row {
	/** The contact this row means: rows with one group are one person. */
	group: string;
	first: string;
	fields: { email?: string; mobilePhone?: string };
}

const EMAIL_PAIRS_PER_BLOCK = 5;
const PHONE_PAIRS_PER_BLOCK = 1;
const SINGLES_PER_BLOCK = 13;
const BLOCKS = 20;

/**
 * 20 blocks of 25 rows, shuffled within the block: 5 pairs sharing an email (the second in
 * upper case), 1 pair sharing a phone without an email (the second written another way), 13
 * people of their own. 500 rows, 380 people.
 */
function rows(): Row[] {
	const random = mulberry32(5);
	const all: Row[] = [];
	for (let block = 0; block < BLOCKS; block++) {
		const groups: string[] = [];
		for (let pair = 0; pair < EMAIL_PAIRS_PER_BLOCK; pair++) {
			groups.push(`email${block * EMAIL_PAIRS_PER_BLOCK + pair}`);
			groups.push(`email${block * EMAIL_PAIRS_PER_BLOCK + pair}`);
		}
		for (let pair = 0; pair < PHONE_PAIRS_PER_BLOCK; pair++) {
			groups.push(`phone${block * PHONE_PAIRS_PER_BLOCK + pair}`);
			groups.push(`phone${block * PHONE_PAIRS_PER_BLOCK + pair}`);
		}
		for (let single = 0; single < SINGLES_PER_BLOCK; single++) {
			groups.push(`single${block * SINGLES_PER_BLOCK + single}`);
		}
		for (let index = groups.length - 1; index > 0; index--) {
			const other = Math.floor(random() * (index + 1));
			[groups[index], groups[other]] = [groups[other], groups[index]];
		}
		const seen = new Set<string>();
		for (const group of groups) {
			const second = seen.has(group);
			seen.add(group);
			const number = Number(group.replace(/\D/g, ''));
			const fields: Row['fields'] = group.startsWith('email')
				? { email: second ? `PAIR${number}@Example.COM` : `pair${number}@example.com` }
				: group.startsWith('phone')
					? { mobilePhone: second ? `602.555.${1000 + number}` : `(602) 555-${1000 + number}` }
					: { email: `single${number}@example.com` };
			all.push({ group, first: `${second ? 'Second' : 'First'} ${group}`, fields });
		}
	}
	return all;
}

const ROWS = rows();
const PEOPLE = new Set(ROWS.map((row) => row.group)).size;

const upsertAll = (lastNames: (index: number) => string) =>
	runWiseAgentNode({
		credentials,
		parameters: {
			resource: 'contact',
			operation: 'upsert',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			source: 'API',
			email: '={{ $json.fields.email }}',
			mobilePhone: '={{ $json.fields.mobilePhone }}',
			parallelRequests: 20,
		},
		items: ROWS.map((row, index) => ({ ...row, last: lastNames(index) })),
	});

/** The sandbox's contacts per person: by email (any case), or by phone digits. */
function contactsByPerson(): Map<string, Contact[]> {
	const byKey = new Map<string, Contact[]>();
	for (const contact of sandbox.store.data.contacts.values()) {
		const key = contact.CEmail
			? contact.CEmail.toLowerCase()
			: contact.MobilePhone.replace(/\D/g, '');
		byKey.set(key, [...(byKey.get(key) ?? []), contact]);
	}
	return byKey;
}

/** Each person's row that comes last in input order: its values must be the ones kept. */
function lastRowOfEachGroup(): Map<string, number> {
	const last = new Map<string, number>();
	ROWS.forEach((row, index) => last.set(row.group, index));
	return last;
}

function keyOf(row: Row): string {
	return row.fields.email
		? row.fields.email.toLowerCase()
		: row.fields.mobilePhone!.replace(/\D/g, '');
}

function expectOneContactPerPerson(lastName: (index: number) => string) {
	const byPerson = contactsByPerson();
	const duplicates = [...byPerson].filter(([, contacts]) => contacts.length > 1);
	expect(duplicates.map(([key, contacts]) => `${key} ×${contacts.length}`)).toEqual([]);
	expect(sandbox.store.data.contacts.size).toBe(PEOPLE);
	// Every item's values were applied, in input order: the person holds its last row's.
	for (const index of lastRowOfEachGroup().values()) {
		const row = ROWS[index];
		expect([row.group, byPerson.get(keyOf(row))?.[0]]).toEqual([
			row.group,
			expect.objectContaining({ CFirst: row.first, CLast: lastName(index) }),
		]);
	}
}

/** The data requests as the sandbox receives them (arrival times). */
function watchDataRequests() {
	const registry = sandbox.faultRegistry;
	const forRequest = registry.forRequest.bind(registry);
	const watch = { arrivals: [] as number[], restore: () => {} };
	registry.forRequest = (target, method, requestType) => {
		if (target === 'api') watch.arrivals.push(performance.now());
		return forRequest(target, method, requestType);
	};
	watch.restore = () => (registry.forRequest = forRequest);
	return watch;
}

/** The most requests that arrived within `windowMs` of each other. */
function mostWithin(arrivals: number[], windowMs: number): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

describe('Create or Update, 500 items with Parallel Requests 20, against the sandbox', () => {
	it('the rows are as described: 100 email pairs, 20 phone pairs, 260 singles, pairs close together', () => {
		expect(ROWS).toHaveLength(500);
		expect(PEOPLE).toBe(380);
		const positions = new Map<string, number[]>();
		ROWS.forEach((row, index) =>
			positions.set(row.group, [...(positions.get(row.group) ?? []), index]),
		);
		const gaps = [...positions.values()].filter((at) => at.length === 2).map(([a, b]) => b - a);
		expect(gaps).toHaveLength(120);
		// Within the 20 requests in flight: without serialization they would overlap.
		expect(gaps.filter((gap) => gap < 20).length).toBeGreaterThan(100);
	});

	it('creates each person once: the second row of a pair updates the contact the first created', async () => {
		const lastName = (index: number) => `Run1-${index}`;
		// Each request takes 20 ms at the sandbox: requests arriving within 20 ms of each other
		// were in flight together.
		const latency = sandbox.faults.add({ kind: 'latency', latencyMs: 20 });
		const watch = watchDataRequests();
		const { items, error } = await upsertAll(lastName).finally(() => {
			watch.restore();
			sandbox.faults.remove(latency);
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(500);
		const seen = new Set<string>();
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			const group = ROWS[index].group;
			expect([group, item.json.action]).toEqual([group, seen.has(group) ? 'updated' : 'created']);
			seen.add(group);
		});
		expectOneContactPerPerson(lastName);
		const counters = sandbox.counters().byKey;
		expect(counters['POST webcontact']).toBe(PEOPLE);
		expect(counters['POST updateContact']).toBe(500 - PEOPLE);
		// Read back in one list (a count and 4 pages of 100), not one request per row.
		expect(counters['GET getContactsCount']).toBe(1);
		expect(counters['GET getSingleContact']).toBeUndefined();
		expect(counters['GET getContacts']).toBe(500 + 4);
		// Each row's contact as the sandbox has it after the run.
		items.forEach((item) => {
			const held = sandbox.store.data.contacts.get(
				Number((item.json.contact as { id: string }).id),
			);
			expect(item.json.contact).toMatchObject({ lastName: held?.CLast });
		});
		// It did run 20 at a time, never more.
		const atOnce = mostWithin(watch.arrivals, 20);
		expect(atOnce).toBeGreaterThanOrEqual(10);
		expect(atOnce).toBeLessThanOrEqual(20);
	});

	it('a second run over the same 500 rows updates every contact, every update applied in input order', async () => {
		sandbox.resetCounters();
		const lastName = (index: number) => `Run2-${index}`;
		const { items, error } = await upsertAll(lastName);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.action)).toEqual(ROWS.map(() => 'updated'));
		expectOneContactPerPerson(lastName);
		const counters = sandbox.counters().byKey;
		expect(counters['POST webcontact']).toBeUndefined();
		expect(counters['POST updateContact']).toBe(500);
	});

	it('with 10% of the requests answered 429, still one contact per person', async () => {
		sandbox.reset(11, 0);
		credentials = sandboxCredentials(sandbox);
		// Every tenth data request is answered 429 (the sandbox's own answer, short Retry-After).
		const fault = sandbox.faults.add({
			kind: 'status',
			status: 429,
			retryAfter: '0.05',
			every: 10,
		});
		try {
			const lastName = (index: number) => `Run3-${index}`;
			const { items, error } = await upsertAll(lastName);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(500);
			expectOneContactPerPerson(lastName);
			const rateLimited = sandbox.faults.list().find((f) => f.id === fault)!.hits;
			expect(rateLimited).toBeGreaterThan(60);
			// Each 429 was sent again: 1,000 requests (a lookup and a write per row), the read-back
			// of the 380 contacts in one list (a count and 4 pages), plus the 429s.
			expect(sandbox.counters().total).toBe(1000 + 1 + 4 + rateLimited);
			expect(sandbox.counters().byKey['GET getSingleContact']).toBeUndefined();
		} finally {
			sandbox.faults.remove(fault);
		}
	}, 120_000);
});
