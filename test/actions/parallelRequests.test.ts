import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';

import { resources } from '../../nodes/WiseAgent/actions/resources';
import { mulberry32 } from '../../sandbox';
import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';
import { expectRejectedBeforeSending, setUpNock } from '../helpers/mockApi';
import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../helpers/n8n';

/**
 * Parallel Requests (router.ts): up to N items in flight, output in input order with pairedItem,
 * Continue On Fail per item, the first failure in input order thrown otherwise, one 429 back-off
 * for all, and items that share a record (serialKey) one after another.
 */
setUpNock();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Exchange {
	method: string;
	query: Record<string, string>;
	form: Record<string, string>;
	startedAt: number;
	endedAt?: number;
}

type Answer = {
	delayMs?: number;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
};

/**
 * Every data API request answered by `answer` after its delay, counting the requests in flight
 * (the node's requests are in flight from arrival until their answer is sent).
 */
function fakeApi(answer: (exchange: Exchange) => Answer | Promise<Answer>) {
	const state = { inFlight: 0, maxInFlight: 0, exchanges: [] as Exchange[] };
	for (const method of ['GET', 'POST'] as const) {
		nock(SERVER_URL)
			.persist()
			.intercept(DATA_PATH, method)
			.query(true)
			.reply(async (uri: string, body: unknown) => {
				const exchange: Exchange = {
					method,
					query: Object.fromEntries(new URL(uri, SERVER_URL).searchParams),
					form: Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : '')),
					startedAt: Date.now(),
				};
				state.exchanges.push(exchange);
				state.inFlight++;
				state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
				try {
					const reply = await answer(exchange);
					if (reply.delayMs) await sleep(reply.delayMs);
					return [reply.status ?? 200, JSON.stringify(reply.body ?? {}), reply.headers ?? {}];
				} finally {
					exchange.endedAt = Date.now();
					state.inFlight--;
				}
			});
	}
	return state;
}

/** Contact → Get of the ClientID in each item's `id`. */
const getContacts = (extra: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	simplify: false,
	...extra,
});
const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: 1000 + index }));
const itemOf = (exchange: Exchange) => Number(exchange.query.clientID) - 1000;
const contactAnswer = (exchange: Exchange, delayMs: number): Answer => ({
	delayMs,
	body: [
		{ ClientID: Number(exchange.query.clientID), CFirst: `Contact ${exchange.query.clientID}` },
	],
});

describe('Parallel Requests: the field', () => {
	const properties = new WiseAgent().description.properties;

	it.each(Object.entries(resources))(
		'%s: shown for every operation that runs item by item, after all their fields; never for a batch operation',
		(resourceName, resource) => {
			const perItem = Object.values(resource.operations)
				.filter((operation) => !operation.executeBatch)
				.map((operation) => String(operation.option.value));
			const ofResource = properties.filter((property) =>
				property.displayOptions?.show?.resource?.includes(resourceName),
			);
			const field = ofResource.filter((property) => property.name === 'parallelRequests');
			expect(field).toHaveLength(1);
			expect(field[0].displayOptions?.show?.operation).toEqual(perItem);
			expect(ofResource[ofResource.length - 1]).toBe(field[0]);
			expect(field[0]).toMatchObject<Partial<INodeProperties>>({
				displayName: 'Parallel Requests',
				type: 'number',
				default: 5,
				noDataExpression: true,
				typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
			});
		},
	);
});

describe('Parallel Requests: running items', () => {
	it('keeps the input order and each pairedItem, however the answers overtake each other', async () => {
		const random = mulberry32(7);
		const delays = Array.from({ length: 15 }, () => Math.round(random() * 40));
		const api = fakeApi((exchange) => contactAnswer(exchange, delays[itemOf(exchange)]));

		const { items, error } = await runWiseAgentNode({
			parameters: getContacts({ parallelRequests: 5 }),
			items: ids(15),
		});

		expect(error).toBeUndefined();
		expect(items).toEqual(
			ids(15).map(({ id }, index) => ({
				json: { ClientID: id, CFirst: `Contact ${id}` },
				pairedItem: { item: index },
			})),
		);
		// The answers did come back out of order (the run was parallel).
		const finishOrder = [...api.exchanges]
			.sort((a, b) => a.endedAt! - b.endedAt!)
			.map((exchange) => itemOf(exchange));
		expect(finishOrder).not.toEqual([...finishOrder].sort((a, b) => a - b));
		expect(api.maxInFlight).toBeGreaterThan(1);
		expect(api.maxInFlight).toBeLessThanOrEqual(5);
	});

	it.each([
		[1, 1],
		[3, 3],
		['the default', 5],
		[20, 20],
	])(
		'Parallel Requests %s: never more requests in flight than that, and that many at once',
		async (setting, expected) => {
			const api = fakeApi((exchange) => contactAnswer(exchange, 40));
			const parameters =
				typeof setting === 'number' ? getContacts({ parallelRequests: setting }) : getContacts();
			const { items, error } = await runWiseAgentNode({ parameters, items: ids(30) });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(30);
			expect(api.exchanges).toHaveLength(30);
			expect(api.maxInFlight).toBe(expected);
		},
	);

	it('1 runs the items one after another, as before: each starts when the previous one ended, and a failure ends the run', async () => {
		const api = fakeApi((exchange) =>
			itemOf(exchange) === 2
				? { delayMs: 5, body: { Error: 'item 2 refused' } }
				: contactAnswer(exchange, 5),
		);
		const { items, error } = await runWiseAgentNode({
			parameters: getContacts({ parallelRequests: 1 }),
			items: ids(6),
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Wise Agent: item 2 refused');
		expect(items).toEqual([]);
		expect(api.exchanges.map(itemOf)).toEqual([0, 1, 2]);
		for (let index = 1; index < api.exchanges.length; index++) {
			expect(api.exchanges[index].startedAt).toBeGreaterThanOrEqual(
				api.exchanges[index - 1].endedAt!,
			);
		}
	});

	it('Continue On Fail: each failed item becomes an error item in its own place', async () => {
		const failing = new Set([3, 7]);
		const api = fakeApi((exchange) =>
			failing.has(itemOf(exchange))
				? { delayMs: 5, body: { Error: `item ${itemOf(exchange)} refused` } }
				: contactAnswer(exchange, 20 - itemOf(exchange)),
		);
		const { items, error } = await runWiseAgentNode({
			parameters: getContacts({ parallelRequests: 4 }),
			items: ids(10),
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (failing.has(index)) {
				expect(item.json).toMatchObject({ error: `Wise Agent: item ${index} refused` });
			} else {
				expect(item.json).toEqual({ ClientID: 1000 + index, CFirst: `Contact ${1000 + index}` });
			}
		});
		expect(api.maxInFlight).toBe(4);
	});

	it('without Continue On Fail: throws the first failure in input order, and starts no item once a failure is known', async () => {
		// Items 0-4 start together. Item 4 fails first, item 3 later; 0-2 are still under way.
		const api = fakeApi((exchange) => {
			const item = itemOf(exchange);
			if (item === 4) return { body: { Error: 'item 4 refused' } };
			if (item === 3) return { delayMs: 30, body: { Error: 'item 3 refused' } };
			return contactAnswer(exchange, 60);
		});
		const { items, error } = await runWiseAgentNode({
			parameters: getContacts({ parallelRequests: 5 }),
			items: ids(20),
		});

		expect(error?.message).toBe('Wise Agent: item 3 refused');
		expect(error?.context?.itemIndex).toBe(3);
		expect(items).toEqual([]);
		// The items in flight were let finish; none after them was started.
		expect(api.exchanges.map(itemOf).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
		expect(api.exchanges.every((exchange) => exchange.endedAt !== undefined)).toBe(true);
	});

	it('a 429 with Retry-After seen by one request holds back every other request of the run', async () => {
		let rateLimitedAt: number | undefined;
		const api = fakeApi(async (exchange) => {
			if (itemOf(exchange) === 0 && rateLimitedAt === undefined) {
				// Answered once items 1-4 are in flight too.
				await sleep(20);
				rateLimitedAt = Date.now();
				return { status: 429, headers: { 'Retry-After': '1' }, body: { error: 'slow down' } };
			}
			return contactAnswer(exchange, 50);
		});
		const { items, error } = await runWiseAgentNode({
			parameters: getContacts({ parallelRequests: 5 }),
			items: ids(10),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.ClientID)).toEqual(ids(10).map(({ id }) => id));
		// Items 1-4 were sent alongside item 0; every request after the 429 waited out its second.
		expect(api.maxInFlight).toBe(5);
		const later = api.exchanges.filter((exchange) => exchange.startedAt > rateLimitedAt!);
		expect(later.map(itemOf).sort((a, b) => a - b)).toEqual([0, 5, 6, 7, 8, 9]);
		for (const exchange of later) {
			expect(exchange.startedAt - rateLimitedAt!).toBeGreaterThanOrEqual(990);
		}
	});

	it.each([0, 21, 2.5, -1, 'five'])(
		'Parallel Requests %p is an input error, before any request',
		async (value) => {
			const { error } = await expectRejectedBeforeSending(
				{ parameters: getContacts({ parallelRequests: value }), items: ids(3) },
				'Parallel Requests',
				0,
			);
			expect(error?.message).toMatch(/is not a whole number from 1 to 20/);
		},
	);
});

describe('Parallel Requests: items on the same record run one after another', () => {
	/** Per key: the most requests in flight at once, and the order the items' writes arrived in. */
	function perKey(exchanges: Exchange[], keysOf: (exchange: Exchange) => string[]) {
		const result = new Map<string, { maxInFlight: number; writes: string[] }>();
		const events = exchanges.flatMap((exchange) => [
			{ at: exchange.startedAt, step: 1, exchange },
			{ at: exchange.endedAt!, step: -1, exchange },
		]);
		// Ends before starts at the same millisecond: a request sent on an answer does not overlap it.
		events.sort((a, b) => a.at - b.at || a.step - b.step);
		const inFlight = new Map<string, number>();
		for (const { step, exchange } of events) {
			for (const key of keysOf(exchange)) {
				const entry = result.get(key) ?? { maxInFlight: 0, writes: [] };
				const now = (inFlight.get(key) ?? 0) + step;
				inFlight.set(key, now);
				entry.maxInFlight = Math.max(entry.maxInFlight, now);
				if (step === 1 && exchange.method === 'POST') entry.writes.push(exchange.form.CFirst);
				result.set(key, entry);
			}
		}
		return result;
	}

	it('Create or Update: items with the same email (any case) or phone (any format) never overlap, and run in input order', async () => {
		// A small stateful account: lookups see the contacts created so far.
		const contacts: Array<{ ClientID: number; CEmail: string; MobilePhone: string }> = [];
		const digits = (text: string) => text.replace(/\D/g, '');
		const clientKeys = new Map<string, string[]>();
		const keysOf = (exchange: Exchange): string[] => {
			const { query, form } = exchange;
			if (query.requestType === 'getContacts') {
				return query.email ? [`email:${query.email.toLowerCase()}`] : [`phone:${query.phone}`];
			}
			if (query.requestType === 'updateContact') return clientKeys.get(form.clientID) ?? [];
			// Read back once every item has written (checked below): reads may overlap.
			if (query.requestType === 'getSingleContact') return [];
			return [
				...(form.CEmail ? [`email:${form.CEmail.toLowerCase()}`] : []),
				...(form.MobilePhone ? [`phone:${digits(form.MobilePhone)}`] : []),
			];
		};
		const api = fakeApi((exchange) => {
			const { query, form } = exchange;
			if (query.requestType === 'getContacts') {
				const found = contacts.filter((contact) =>
					query.email
						? contact.CEmail.toLowerCase() === query.email.toLowerCase()
						: digits(contact.MobilePhone) === query.phone,
				);
				return { delayMs: 15, body: found };
			}
			if (query.requestType === 'webcontact') {
				const contact = {
					ClientID: 500 + contacts.length,
					CEmail: form.CEmail ?? '',
					MobilePhone: form.MobilePhone ?? '',
				};
				contacts.push(contact);
				clientKeys.set(String(contact.ClientID), keysOf(exchange));
				return { delayMs: 15, body: { success: 'true', data: { ClientID: contact.ClientID } } };
			}
			if (query.requestType === 'getSingleContact') {
				const found = contacts.find((contact) => String(contact.ClientID) === query.clientID);
				return { delayMs: 15, body: found ? [found] : [] };
			}
			return { delayMs: 15, body: { Success: `${form.clientID} updated` } };
		});

		const people = [
			{ first: 'Ann', email: 'ann@example.com' },
			{ first: 'Bob', email: 'bob@example.com' },
			{ first: 'Ann2', email: ' ANN@Example.com' },
			{ first: 'Cy', mobilePhone: '(480) 555-0101' },
			{ first: 'Dee', email: 'dee@example.com' },
			{ first: 'Cy2', mobilePhone: '480.555.0101' },
			{ first: 'Ann3', email: 'Ann@example.COM' },
			{ first: 'Eve', email: 'eve@example.com' },
		];
		const { items, error } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'upsert',
				firstName: '={{ $json.first }}',
				lastName: 'Lee',
				source: 'API',
				email: '={{ $json.fields.email }}',
				mobilePhone: '={{ $json.fields.mobilePhone }}',
				parallelRequests: 5,
			},
			items: people.map(({ first, ...fields }) => ({ first, fields })),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.action, item.pairedItem])).toEqual(
			['created', 'created', 'updated', 'created', 'created', 'updated', 'updated', 'created'].map(
				(action, index) => [action, { item: index }],
			),
		);
		// One contact per person: the later items found the contact the earlier one created.
		expect(contacts).toHaveLength(5);
		const keys = perKey(api.exchanges, keysOf);
		expect(keys.get('email:ann@example.com')).toEqual({
			maxInFlight: 1,
			writes: ['Ann', 'Ann2', 'Ann3'],
		});
		expect(keys.get('phone:4805550101')).toEqual({ maxInFlight: 1, writes: ['Cy', 'Cy2'] });
		const readBacks = api.exchanges.filter((e) => e.query.requestType === 'getSingleContact');
		const lastWriteEnded = Math.max(
			...api.exchanges
				.filter((e) => ['webcontact', 'updateContact'].includes(e.query.requestType))
				.map((e) => e.endedAt!),
		);
		expect(readBacks).toHaveLength(8);
		for (const readBack of readBacks)
			expect(readBack.startedAt).toBeGreaterThanOrEqual(lastWriteEnded);
		// The other people did run alongside them.
		expect(api.maxInFlight).toBeGreaterThanOrEqual(4);
	});

	it('Contact Update: two updates of one contact (42, 042) apply in input order, others run alongside', async () => {
		const api = fakeApi((exchange) => ({
			delayMs: 20,
			body: { Success: `${exchange.form.clientID} updated` },
		}));
		const updates = [
			{ id: '42', first: 'A' },
			{ id: '43', first: 'B' },
			{ id: '042', first: 'C' },
			{ id: '42', first: 'D' },
			{ id: '44', first: 'E' },
		];
		const { items, error } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { firstName: '={{ $json.first }}' },
			},
			items: updates,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.ClientID, item.pairedItem])).toEqual(
			updates.map(({ id }, index) => [id, { item: index }]),
		);
		const keys = perKey(api.exchanges, (exchange) => [String(Number(exchange.form.clientID))]);
		expect(keys.get('42')).toEqual({ maxInFlight: 1, writes: ['A', 'C', 'D'] });
		expect(api.maxInFlight).toBe(3);
	});

	it('items are read as they are reached: the first request goes out before the later items are read', async () => {
		const update = resources.contact.operations.update;
		const keysRead: number[] = [];
		const serialKey = jest.spyOn(update, 'serialKey');
		serialKey.mockImplementation(function (this: never, itemIndex: number) {
			keysRead.push(itemIndex);
			return [`contact:${itemIndex}`];
		});
		let readAtFirstRequest: number | undefined;
		fakeApi((exchange) => {
			readAtFirstRequest ??= keysRead.length;
			return { delayMs: 5, body: { Success: `${exchange.form.clientID} updated` } };
		});
		try {
			const { error } = await runWiseAgentNode({
				parameters: {
					resource: 'contact',
					operation: 'update',
					contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { firstName: 'X' },
					parallelRequests: 5,
				},
				items: Array.from({ length: 100 }, (_, index) => ({ id: String(1000 + index) })),
			});
			expect(error).toBeUndefined();
			// Before: all 100 were read before any request.
			expect(readAtFirstRequest).toBeLessThanOrEqual(5);
			expect(keysRead).toEqual(Array.from({ length: 100 }, (_, index) => index));
		} finally {
			serialKey.mockRestore();
		}
	});
});
