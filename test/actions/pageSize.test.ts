import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runWiseAgentNode } from '../helpers/n8n';
import {
	expectInputError,
	expectRejectedBeforeSending,
	locator,
	mockRequest,
	setUpNock,
} from '../helpers/mockApi';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * Options → Page Size on every Get Many that pages: sent as `page_size`, checked before any
 * request, and read against the sandbox at more than the documented default.
 */
setUpNock();

const PAGED = [
	{
		name: 'contacts',
		parameters: { resource: 'contact', operation: 'getAll' },
		requestType: 'getContacts',
		defaultPageSize: 100,
		short: [{ ClientID: 1 }],
	},
	{
		name: 'vendors',
		parameters: { resource: 'vendor', operation: 'getAll' },
		requestType: 'getVendors',
		defaultPageSize: 100,
		short: [{ ClientID: 'V1' }],
	},
	{
		name: 'notes',
		parameters: { resource: 'note', operation: 'getAll', contactId: locator('42') },
		requestType: 'getContactNotes',
		defaultPageSize: 100,
		short: { Notes: [{ NoteID: 1 }] },
	},
	{
		name: 'tasks',
		parameters: { resource: 'task', operation: 'getAll' },
		requestType: 'tasks',
		defaultPageSize: 100,
		short: { Page: 1, TotalCount: 1, Data: [{ TaskID: '1' }] },
	},
	{
		name: 'calls',
		parameters: { resource: 'call', operation: 'getAll', contactId: locator('42') },
		requestType: 'calls',
		defaultPageSize: 100,
		short: { Data: [{ CallId: '1' }] },
	},
	{
		name: 'properties',
		parameters: { resource: 'property', operation: 'getAll' },
		requestType: 'getProperties',
		defaultPageSize: 50,
		short: [{ PropertyID: 1 }],
	},
];
const cases = PAGED.map((list) => [list.name, list] as const);

describe('Page Size is sent as page_size', () => {
	it.each(cases)('%s: Return All with Page Size 250 asks for page_size=250', async (name, list) => {
		if (name === 'contacts') mockRequest('GET', 'getContactsCount', { count: 1 });
		const { request } = mockRequest('GET', list.requestType, list.short, { page: 1 });
		const result = await runWiseAgentNode({
			parameters: { ...list.parameters, returnAll: true, options: { pageSize: 250 } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(request.query).toMatchObject({ page: '1', page_size: '250' });
	});

	it.each(cases)('%s: without the option, the documented default', async (name, list) => {
		if (name === 'contacts') mockRequest('GET', 'getContactsCount', { count: 1 });
		const { request } = mockRequest('GET', list.requestType, list.short, { page: 1 });
		await runWiseAgentNode({ parameters: { ...list.parameters, returnAll: true } });
		expect(request.query?.page_size).toBe(String(list.defaultPageSize));
	});

	it.each(cases)('%s: a Limit below the Page Size asks for just the limit', async (_name, list) => {
		const { request } = mockRequest('GET', list.requestType, list.short, { page: 1 });
		await runWiseAgentNode({
			parameters: { ...list.parameters, limit: 40, options: { pageSize: 500 } },
		});
		expect(request.query).toMatchObject({ page: '1', page_size: '40' });
	});
});

describe('Page Size is checked before any request', () => {
	it.each(
		cases.flatMap(([name, list]) =>
			[0, 1001, 2.5, -3, '12abc', ''].map((pageSize) => [name, pageSize, list] as const),
		),
	)(
		'%s: Page Size %j is rejected, naming the field and the item',
		async (_name, pageSize, list) => {
			await expectRejectedBeforeSending(
				{ parameters: { ...list.parameters, returnAll: true, options: { pageSize } } },
				'Page Size',
			);
		},
	);

	it('an expression per item: the item with a bad Page Size is named', async () => {
		mockRequest('GET', 'tasks', { TotalCount: 1, Data: [{ TaskID: '1' }] }, { page: 1 });
		const result = await runWiseAgentNode({
			parameters: {
				resource: 'task',
				operation: 'getAll',
				returnAll: true,
				options: { pageSize: '={{ $json.size }}' },
			},
			items: [{ size: 100 }, { size: 5000 }],
		});
		expectInputError(result, 'Page Size', 1);
		expect(result.error?.message).toBe(
			'Page Size: 5000 is not a whole number from 1 to 1,000 (item 1)',
		);
	});
});

describe('Page Size against the sandbox (no maximum page_size: it slices any size)', () => {
	const CONTACTS = 10_000;
	let sandbox: Sandbox;

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		sandbox = await startSandbox({ contacts: CONTACTS, seed: 21, strict: true });
	});
	afterAll(async () => {
		nock.disableNetConnect();
		await sandbox.stop();
	});
	beforeEach(() => sandbox.resetCounters());

	it.each([100, 500])(
		`Return All of ${CONTACTS.toLocaleString('en-US')} contacts with Page Size %i returns each contact exactly once`,
		async (pageSize) => {
			const { items, error } = await runWiseAgentNode({
				parameters: {
					resource: 'contact',
					operation: 'getAll',
					returnAll: true,
					simplify: false,
					options: { pageSize },
				},
				credentials: sandboxCredentials(sandbox),
			});
			expect(error).toBeUndefined();
			const ids = items.map((item) => item.json.ClientID);
			expect(ids).toHaveLength(CONTACTS);
			expect(new Set(ids).size).toBe(CONTACTS);
			expect(new Set(ids)).toEqual(new Set(sandbox.store.data.contacts.keys()));
			expect(sandbox.counters().byKey).toMatchObject({
				'GET getContactsCount': 1,
				'GET getContacts': CONTACTS / pageSize,
			});
		},
		60_000,
	);

	it('Return All of the tasks with Page Size 7: every task once, ceil(tasks / 7) pages', async () => {
		const tasks = sandbox.store.data.tasks.size;
		const { items, error } = await runWiseAgentNode({
			parameters: {
				resource: 'task',
				operation: 'getAll',
				returnAll: true,
				options: { pageSize: 7 },
			},
			credentials: sandboxCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		const ids = items.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(tasks);
		expect(ids).toHaveLength(tasks);
		expect(sandbox.counters().byKey['GET tasks']).toBe(Math.ceil(tasks / 7));
	});

	it('Return All of the properties with Page Size 1,000: every active property; page 2 tells the end from a cap', async () => {
		const active = [...sandbox.store.data.properties.values()].filter((p) => !p.archived).length;
		const { items, error } = await runWiseAgentNode({
			parameters: {
				resource: 'property',
				operation: 'getAll',
				returnAll: true,
				options: { pageSize: 1_000 },
			},
			credentials: sandboxCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.id)).size).toBe(active);
		expect(items).toHaveLength(active);
		expect(active).toBeGreaterThan(50);
		expect(active).toBeLessThan(1_000);
		// Page 1 held fewer than asked for but more than the documented 50: an empty page 2 shows
		// that was the end of the list, not Wise Agent capping page_size.
		expect(sandbox.counters().byKey['GET getProperties']).toBe(2);
	});
});
