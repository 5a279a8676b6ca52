import { runWiseAgentNode } from '../../helpers/n8n';
import {
	expectApiError,
	expectErrorItem,
	expectRejectedBeforeSending,
	jsonOf,
	locator,
	mockRequest,
	setUpNock,
} from '../../helpers/mockApi';

setUpNock();

const category = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'category',
	operation,
	...parameters,
});

/** Add/Remove Contacts fed from the input items: `{ category, id, more }`. */
const membership = (operation: string, batchItems: boolean) =>
	category(operation, {
		category: '={{ $json.category }}',
		contactId: locator('={{ $json.id }}'),
		additionalContactIds: '={{ $json.more ?? "" }}',
		options: { batchItems },
	});

describe('category: create, get many, get contact count', () => {
	it('creates several categories as one CSV; one item per created category', async () => {
		const { scope, request } = mockRequest('POST', 'addCategories', {
			success: true,
			categories: [
				{ catName: 'New Lead', catID: '1' },
				{ catName: 'Prospect', catID: '2' },
			],
		});
		const result = await runWiseAgentNode({
			parameters: category('create', { names: 'New Lead, Prospect' }),
		});
		expect(request.body).toEqual({ categories: 'New Lead,Prospect' });
		expect(result.items).toEqual([
			{ json: { catName: 'New Lead', catID: '1' }, pairedItem: { item: 0 } },
			{ json: { catName: 'Prospect', catID: '2' }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('create: {"Error":"Missing Categories CSV"} → NodeApiError; empty names → input error', async () => {
		mockRequest('POST', 'addCategories', { Error: 'Missing Categories CSV' });
		expectApiError(
			await runWiseAgentNode({ parameters: category('create', { names: 'X' }) }),
			'Missing Categories CSV',
		);
		await expectRejectedBeforeSending(
			{
				parameters: category('create', { names: '={{ " , " }}' }),
			},
			'Category Names',
		);
	});

	it('get many reads CategoryInfo (or a bare array) and applies the limit', async () => {
		const all = [
			{ name: 'A', id: 1, clientCount: 6 },
			{ name: 'B', id: 2, clientCount: 0 },
			{ name: 'C', id: 3, clientCount: 1 },
		];
		const { request } = mockRequest('GET', 'getAllCategoriesWithCount', { CategoryInfo: all });
		const limited = await runWiseAgentNode({ parameters: category('getAll', { limit: 2 }) });
		expect(request.query).toEqual({ requestType: 'getAllCategoriesWithCount' });
		expect(jsonOf(limited)).toEqual(all.slice(0, 2));

		mockRequest('GET', 'getAllCategoriesWithCount', all);
		const everything = await runWiseAgentNode({
			parameters: category('getAll', { returnAll: true }),
		});
		expect(everything.items).toHaveLength(3);
		expect(everything.items[2].pairedItem).toEqual({ item: 0 });
	});

	it('get contact count', async () => {
		const { request } = mockRequest(
			'GET',
			'getCategoryClientCount',
			'"[{"success": "true", "categorycount": 7}]"',
		);
		const result = await runWiseAgentNode({
			parameters: category('getContactCount', { category: 'Buyer' }),
		});
		expect(request.query).toEqual({ requestType: 'getCategoryClientCount', category: 'Buyer' });
		expect(result.items).toEqual([
			{ json: { category: 'Buyer', count: 7 }, pairedItem: { item: 0 } },
		]);

		mockRequest('GET', 'getCategoryClientCount', [{ success: 'true', categorycount: 0 }]);
		const empty = await runWiseAgentNode({
			parameters: category('getContactCount', { category: 'Empty' }),
		});
		expect(jsonOf(empty)).toEqual([{ category: 'Empty', count: 0 }]);

		mockRequest('GET', 'getCategoryClientCount', [{ success: 'true' }]);
		const unknown = await runWiseAgentNode({
			parameters: category('getContactCount', { category: 'Buyer' }),
		});
		expect(unknown.error?.message).toBe('Wise Agent: no contact count came back for "Buyer"');
	});

	it('get contact count: [{"success":"false"}] with continueOnFail → error item', async () => {
		mockRequest('GET', 'getCategoryClientCount', [
			{ success: 'false', message: 'No such category' },
		]);
		expectErrorItem(
			await runWiseAgentNode({
				parameters: category('getContactCount', { category: 'Nope' }),
				continueOnFail: true,
			}),
			'No such category',
		);
	});
});

describe('category: add / remove contacts', () => {
	it('without batching: one call per item, with the picked contact and the extra ids', async () => {
		const first = mockRequest('POST', 'addClientsToCategory', '"[{"success": "true"}]"');
		const result = await runWiseAgentNode({
			parameters: membership('addContacts', false),
			items: [{ category: 'Buyer', id: '42', more: 'V7, 43' }],
		});
		expect(first.request.body).toEqual({ category: 'Buyer', clientids: '42,V7,43' });
		expect(result.items).toEqual([
			{
				json: {
					success: true,
					category: 'Buyer',
					clientIds: ['42', 'V7', '43'],
					contactCount: 3,
					requests: 1,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('batching: N items → one call per category, paired with every item of the group', async () => {
		const buyer = mockRequest('POST', 'removeClientsFromCategory', [{ success: 'true' }]);
		const seller = mockRequest('POST', 'removeClientsFromCategory', [{ success: 'true' }]);
		const result = await runWiseAgentNode({
			parameters: membership('removeContacts', true),
			items: [
				{ category: 'Buyer', id: '1' },
				{ category: 'Seller', id: '2' },
				{ category: 'Buyer', id: '3', more: '1' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(buyer.request.body).toEqual({ category: 'Buyer', clientids: '1,3' });
		expect(seller.request.body).toEqual({ category: 'Seller', clientids: '2' });
		expect(result.items.map((item) => [item.json.category, item.pairedItem])).toEqual([
			['Buyer', [{ item: 0 }, { item: 2 }]],
			['Seller', { item: 1 }],
		]);
		expect(buyer.scope.isDone() && seller.scope.isDone()).toBe(true);
	});

	it('batching chunks at 500 ids per call', async () => {
		const calls = [
			mockRequest('POST', 'addClientsToCategory', [{ success: 'true' }]),
			mockRequest('POST', 'addClientsToCategory', [{ success: 'true' }]),
		];
		const items = Array.from({ length: 501 }, (_, i) => ({ category: 'Buyer', id: String(i + 1) }));
		const result = await runWiseAgentNode({ parameters: membership('addContacts', true), items });
		expect(calls[0].request.body?.clientids.split(',')).toHaveLength(500);
		expect(calls[1].request.body?.clientids).toBe('501');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ contactCount: 501, requests: 2 });
		expect(result.items[0].pairedItem).toHaveLength(501);
	});

	it('validates every item before sending anything', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: membership('addContacts', true),
				items: [
					{ category: 'Buyer', id: '1' },
					{ category: 'Buyer', id: '2', more: '3, Bob' },
				],
			},
			'Additional Contact IDs',
			1,
		);
	});

	it('continueOnFail: a bad item becomes its own error item; a failed group pairs all its items', async () => {
		mockRequest('POST', 'addClientsToCategory', [
			{ success: 'false', message: 'Category missing' },
		]);
		const seller = mockRequest('POST', 'addClientsToCategory', [{ success: 'true' }]);
		const result = await runWiseAgentNode({
			parameters: membership('addContacts', true),
			items: [
				{ category: 'Buyer', id: '1' },
				{ category: 'Seller', id: 'x' },
				{ category: 'Buyer', id: '3' },
				{ category: 'Seller', id: '4' },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(seller.request.body).toEqual({ category: 'Seller', clientids: '4' });
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: Category missing' }),
				pairedItem: [{ item: 0 }, { item: 2 }],
			},
			{
				json: expect.objectContaining({ error: expect.stringMatching(/^Contact: .*\(item 1\)$/) }),
				pairedItem: { item: 1 },
			},
			{
				json: expect.objectContaining({ success: true, category: 'Seller' }),
				pairedItem: { item: 3 },
			},
		]);
	});

	it('API error without continueOnFail → NodeApiError with the message', async () => {
		mockRequest('POST', 'removeClientsFromCategory', { Error: 'Missing ClientIDs' });
		expectApiError(
			await runWiseAgentNode({
				parameters: membership('removeContacts', false),
				items: [{ category: 'Buyer', id: '1' }],
			}),
			'Missing ClientIDs',
		);
	});
});
