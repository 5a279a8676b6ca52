import http from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { mulberry32 } from '../../sandbox';
import { PAGE_CONCURRENCY } from '../../nodes/WiseAgent/transport/request';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { DATA_PATH, SERVER_URL, credentialData, runWiseAgentNode } from '../helpers/n8n';

/**
 * wiseAgentApiRequestAllItems through every Get Many that pages (contacts, vendors, notes, tasks,
 * calls, properties), against a local server that answers pages after a (seeded) random delay and
 * counts the requests in flight. Contacts have a known total (getContactsCount), tasks learn it
 * from page 1 (TotalCount); the others end on a short page.
 */

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

interface ListCase {
	name: string;
	parameters: Record<string, unknown>;
	requestType: string;
	/** How the operation learns the total, if at all. */
	total?: 'count' | 'TotalCount';
	body: (records: Array<{ ID: number }>, page: number, total: number) => unknown;
}

// Simplify off: these cases are about paging, and read each record's ID as sent.
const LISTS: ListCase[] = [
	{
		name: 'contacts',
		parameters: { resource: 'contact', operation: 'getAll', simplify: false },
		requestType: 'getContacts',
		total: 'count',
		body: (records) => records,
	},
	{
		name: 'vendors',
		parameters: { resource: 'vendor', operation: 'getAll', simplify: false },
		requestType: 'getVendors',
		body: (records) => records,
	},
	{
		name: 'notes',
		parameters: {
			resource: 'note',
			operation: 'getAll',
			contactId: locator('42'),
			simplify: false,
		},
		requestType: 'getContactNotes',
		body: (records) => ({ Notes: records }),
	},
	{
		name: 'tasks',
		parameters: { resource: 'task', operation: 'getAll', simplify: false },
		requestType: 'tasks',
		total: 'TotalCount',
		body: (records, page, total) => ({ Page: page, TotalCount: total, Data: records }),
	},
	{
		name: 'calls',
		parameters: {
			resource: 'call',
			operation: 'getAll',
			contactId: locator('42'),
			simplify: false,
		},
		requestType: 'calls',
		body: (records) => ({ Data: records }),
	},
	{
		name: 'properties',
		parameters: { resource: 'property', operation: 'getAll', simplify: false },
		requestType: 'getProperties',
		body: (records) => records,
	},
];
const byName = (name: string) => LISTS.find((list) => list.name === name)!;

interface PageRequest {
	page: number;
	pageSize: number;
}

interface PagedServer {
	url: string;
	/** Page requests of the list, in arrival order. */
	pages: PageRequest[];
	counts: number;
	maxInFlight: number;
	close(): Promise<void>;
}

interface ServerSpec {
	list: ListCase;
	records: number;
	/** Answer delay per page request (ms). */
	delayMs?: (page: number) => number;
	/** The most records the server puts in a page, whatever page_size asks for. */
	maxPageSize?: number;
	/** HTTP status to answer a page with instead of its records; `arrival` counts from 1. */
	failPage?: (page: number, arrival: number) => number | undefined;
}

async function startPagedServer(spec: ServerSpec): Promise<PagedServer> {
	let inFlight = 0;
	const arrivals = new Map<number, number>();
	const state: Omit<PagedServer, 'url' | 'close'> = { pages: [], counts: 0, maxInFlight: 0 };
	const server = http.createServer((req, res) => {
		req.resume();
		inFlight++;
		state.maxInFlight = Math.max(state.maxInFlight, inFlight);
		const query = new URL(req.url ?? '', 'http://127.0.0.1').searchParams;
		const answer = (status: number, body: unknown, delayMs = 0): void => {
			setTimeout(() => {
				inFlight--;
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(body));
			}, delayMs);
		};
		if (query.get('requestType') === 'getContactsCount') {
			state.counts++;
			return answer(200, { count: spec.records });
		}
		if (query.get('requestType') !== spec.list.requestType) {
			return answer(200, { Error: `unexpected ${query.get('requestType')}` });
		}
		const page = Number(query.get('page'));
		const pageSize = Number(query.get('page_size'));
		state.pages.push({ page, pageSize });
		const delay = spec.delayMs?.(page) ?? 0;
		const arrival = (arrivals.get(page) ?? 0) + 1;
		arrivals.set(page, arrival);
		const failure = spec.failPage?.(page, arrival);
		if (failure !== undefined) return answer(failure, { error: `page ${page} failed` }, delay);
		const size = Math.min(pageSize, spec.maxPageSize ?? Infinity);
		const from = (page - 1) * size;
		const ids = Array.from(
			{ length: Math.max(0, Math.min(size, spec.records - from)) },
			(_, index) => ({ ID: from + index + 1 }),
		);
		answer(200, spec.list.body(ids, page, spec.records), delay);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return Object.assign(state, {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	});
}

async function readList(
	spec: ServerSpec,
	parameters: Record<string, unknown>,
): Promise<{ ids: unknown[]; server: PagedServer; error?: Error }> {
	const server = await startPagedServer(spec);
	try {
		const { items, error } = await runWiseAgentNode({
			parameters: { ...spec.list.parameters, ...parameters },
			credentials: credentialData({ serverUrl: server.url }),
		});
		return { ids: items.map((item) => item.json.ID), server, error };
	} finally {
		await server.close();
	}
}

const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, index) => from + index);
const pageNumbers = (server: PagedServer) => server.pages.map((request) => request.page);
const randomDelays = (seed: number) => {
	const random = mulberry32(seed);
	return () => 2 + Math.floor(random() * 25);
};

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('every paged Get Many reads pages in parallel, in page order', () => {
	it.each(LISTS.map((list) => [list.name, list] as const))(
		'%s: Return All of 40 pages and a short one keeps page order, with exactly PAGE_CONCURRENCY pages in flight at most',
		async (_name, list) => {
			const pageSize = 10;
			const records = 40 * pageSize + 3;
			const { ids, server, error } = await readList(
				{ list, records, delayMs: randomDelays(list.name.length) },
				{ returnAll: true, options: { pageSize } },
			);
			expect(error).toBeUndefined();
			expect(ids).toEqual(range(1, records));
			// The bound holds, and is reached: pages are fetched PAGE_CONCURRENCY at a time.
			expect(server.maxInFlight).toBe(PAGE_CONCURRENCY);
			const requested = pageNumbers(server);
			expect(new Set(requested).size).toBe(requested.length);
			expect(requested).toEqual(expect.arrayContaining(range(1, 41)));
			if (list.total) {
				// A known total: exactly the pages that hold it.
				expect([...requested].sort((a, b) => a - b)).toEqual(range(1, 41));
			} else {
				// No total: read ahead at most one window past the short page 41.
				expect(Math.max(...requested)).toBeLessThanOrEqual(41 + PAGE_CONCURRENCY - 1);
			}
			expect(server.pages.every((request) => request.pageSize === pageSize)).toBe(true);
		},
	);

	it('keeps page order when nock answers pages after random delays', async () => {
		const random = mulberry32(7);
		const pageSize = 20;
		const scope = nock(SERVER_URL)
			.get(DATA_PATH)
			.query({ requestType: 'getContactsCount' })
			.reply(200, { count: 30 * pageSize });
		for (const page of range(1, 30)) {
			scope
				.get(DATA_PATH)
				.query({ requestType: 'getContacts', page: String(page), page_size: String(pageSize) })
				.delay(Math.floor(random() * 40))
				.reply(
					200,
					range((page - 1) * pageSize + 1, page * pageSize).map((ID) => ({ ID })),
				);
		}
		const { items, error } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				simplify: false,
				options: { pageSize },
			},
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items.map((item) => item.json.ID)).toEqual(range(1, 30 * pageSize));
	});

	it('notes under nock delays: page order kept, pages read past the short one dropped', async () => {
		const random = mulberry32(11);
		const scope = nock(SERVER_URL);
		for (const page of range(1, 20)) {
			const records = page < 12 ? 100 : page === 12 ? 42 : 0;
			scope
				.get(DATA_PATH)
				.query({
					requestType: 'getContactNotes',
					ClientID: '42',
					page: String(page),
					page_size: '100',
				})
				.optionally()
				.delay(Math.floor(random() * 40))
				.reply(200, {
					Notes: Array.from({ length: records }, (_, index) => ({
						ID: (page - 1) * 100 + index + 1,
					})),
				});
		}
		const { items, error } = await runWiseAgentNode({
			parameters: { ...byName('notes').parameters, returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.ID)).toEqual(range(1, 1142));
	});
});

describe('the end of a list without a total', () => {
	const notes = byName('notes');

	it('a list within one page costs one request', async () => {
		const { ids, server } = await readList({ list: notes, records: 30 }, { returnAll: true });
		expect(ids).toEqual(range(1, 30));
		expect(pageNumbers(server)).toEqual([1]);
	});

	it('a short page stops the paging: no page requested beyond one window past it', async () => {
		const { ids, server } = await readList(
			{ list: notes, records: 5 * 100 + 1, delayMs: randomDelays(3) },
			{ returnAll: true },
		);
		expect(ids).toEqual(range(1, 501));
		const requested = pageNumbers(server);
		expect(requested).toEqual(expect.arrayContaining(range(1, 6)));
		expect(Math.max(...requested)).toBeLessThanOrEqual(6 + PAGE_CONCURRENCY - 1);
	});

	it('a full last page: the empty page after it ends the list', async () => {
		const { ids, server } = await readList({ list: notes, records: 300 }, { returnAll: true });
		expect(ids).toEqual(range(1, 300));
		expect(pageNumbers(server)).toEqual(expect.arrayContaining([1, 2, 3, 4]));
		expect(Math.max(...pageNumbers(server))).toBeLessThanOrEqual(4 + PAGE_CONCURRENCY - 1);
	});

	it('a page read ahead past the end may fail: the list is still returned', async () => {
		const { ids, error } = await readList(
			{ list: notes, records: 150, failPage: (page) => (page >= 3 ? 500 : undefined) },
			{ returnAll: true },
		);
		expect(error).toBeUndefined();
		expect(ids).toEqual(range(1, 150));
	});

	it('a page within the list that fails fails the read, and paging stops there', async () => {
		const { error, server } = await readList(
			{ list: notes, records: 10_000, failPage: (page) => (page === 3 ? 500 : undefined) },
			{ returnAll: true },
		);
		expect(error?.message).toBe('Wise Agent: page 3 failed');
		// Pages sent before the failure came back are read; none after.
		expect(server.pages.length).toBeLessThanOrEqual(3 + PAGE_CONCURRENCY);
	});

	describe('a page whose retries are used up by passing failures', () => {
		const savedPolicy = { ...retryPolicy };
		beforeEach(() => Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 }));
		afterEach(() => Object.assign(retryPolicy, savedPolicy));
		const attempts = retryPolicy.maxRetries + 1;

		it.each(['notes', 'contacts'])(
			'%s: is asked for once more, and the read completes',
			async (name) => {
				const { ids, error, server } = await readList(
					{
						list: byName(name),
						records: 1_000,
						failPage: (page, arrival) => (page === 3 && arrival <= attempts ? 503 : undefined),
					},
					{ returnAll: true },
				);
				expect(error).toBeUndefined();
				expect(ids).toEqual(range(1, 1_000));
				expect(pageNumbers(server).filter((page) => page === 3)).toHaveLength(attempts + 1);
			},
		);

		it('fails the read when the second round fails too', async () => {
			const { error, server } = await readList(
				{
					list: byName('notes'),
					records: 1_000,
					failPage: (page) => (page === 3 ? 503 : undefined),
				},
				{ returnAll: true },
			);
			expect(error?.message).toBe('Wise Agent: page 3 failed');
			expect(pageNumbers(server).filter((page) => page === 3)).toHaveLength(2 * attempts);
		});
	});

	it('Limit: never a page beyond the ones the limit can use', async () => {
		const { ids, server } = await readList(
			{ list: notes, records: 10_000, delayMs: randomDelays(5) },
			{ limit: 250 },
		);
		expect(ids).toEqual(range(1, 250));
		expect([...pageNumbers(server)].sort((a, b) => a - b)).toEqual([1, 2, 3]);
	});
});

describe('a known total', () => {
	it('tasks: Limit with TotalCount asks for exactly the pages the limit needs', async () => {
		const { ids, server } = await readList(
			{ list: byName('tasks'), records: 1_000 },
			{ limit: 250 },
		);
		expect(ids).toEqual(range(1, 250));
		expect(server.pages).toEqual([
			{ page: 1, pageSize: 100 },
			{ page: 2, pageSize: 100 },
			{ page: 3, pageSize: 100 },
		]);
	});

	it('tasks: after page 1, the pages TotalCount names are fetched PAGE_CONCURRENCY at a time', async () => {
		const { ids, server } = await readList(
			{ list: byName('tasks'), records: 2_000, delayMs: () => 20 },
			{ returnAll: true },
		);
		expect(ids).toEqual(range(1, 2_000));
		expect(server.pages[0].page).toBe(1);
		expect([...pageNumbers(server)].sort((a, b) => a - b)).toEqual(range(1, 20));
		expect(server.maxInFlight).toBe(PAGE_CONCURRENCY);
	});

	it('contacts: Return All counts, then asks for exactly ceil(count / Page Size) pages', async () => {
		const { ids, server } = await readList(
			{ list: byName('contacts'), records: 1_234 },
			{ returnAll: true, options: { pageSize: 500 } },
		);
		expect(ids).toEqual(range(1, 1_234));
		expect(server.counts).toBe(1);
		expect(server.pages).toHaveLength(3);
		expect(server.pages.every((request) => request.pageSize === 500)).toBe(true);
	});

	it('contacts: a count of 0 sends no page request', async () => {
		const { ids, server } = await readList(
			{ list: byName('contacts'), records: 0 },
			{ returnAll: true },
		);
		expect(ids).toEqual([]);
		expect(server.pages).toEqual([]);
	});
});

describe('a page size the API does not honour', () => {
	it.each(['contacts', 'tasks', 'notes', 'properties'])(
		'%s: a capped page 1 (250 of 1,000 asked for) goes on at 250 per page and returns every record once',
		async (name) => {
			const { ids, server, error } = await readList(
				{ list: byName(name), records: 1_100, maxPageSize: 250 },
				{ returnAll: true, options: { pageSize: 1_000 } },
			);
			expect(error).toBeUndefined();
			expect(ids).toEqual(range(1, 1_100));
			expect(server.pages[0]).toEqual({ page: 1, pageSize: 1_000 });
			const after = server.pages.filter((request) => request.pageSize === 250);
			expect(after.map((request) => request.page).sort((a, b) => a - b)).toEqual(
				expect.arrayContaining([2, 3, 4, 5]),
			);
		},
	);

	it('a short page 1 within the documented default is the end of the list, not a cap', async () => {
		const { ids, server } = await readList(
			{ list: byName('notes'), records: 60 },
			{ returnAll: true, options: { pageSize: 1_000 } },
		);
		expect(ids).toEqual(range(1, 60));
		expect(pageNumbers(server)).toEqual([1]);
	});

	it('a list that just fits a large page costs one more request to tell it from a cap', async () => {
		const { ids, server } = await readList(
			{ list: byName('notes'), records: 150 },
			{ returnAll: true, options: { pageSize: 500 } },
		);
		expect(ids).toEqual(range(1, 150));
		expect(server.pages).toEqual([
			{ page: 1, pageSize: 500 },
			{ page: 2, pageSize: 150 },
		]);
	});
});
