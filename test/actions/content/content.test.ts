import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

const BUYER_01 = {
	Id: '123',
	Name: 'Buyer 01',
	Category: 'Buyer',
	Subject: '5 Musts When Buying a New Home',
};
const BUYER_02 = {
	Id: '124',
	Name: 'Buyer 02',
	Category: 'Buyer',
	Subject: 'How To Get the Lowest Rate Possible',
};
const SELLER_01 = {
	Id: '125',
	Name: 'Seller 01',
	Category: 'Seller',
	Subject: 'Maximize the Selling Potential',
};
const HTML = '<h1>5 Things You Should Do Today</h1>';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const run = (operation: string, extra: INodeParameters = {}, continueOnFail = false) =>
	runWiseAgentNode({ parameters: { resource: 'content', operation, ...extra }, continueOnFail });

describe('Content → Get Many (Content)', () => {
	it('lists all content from the data wrapper', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'Content' })
			.reply(200, { data: [BUYER_01, BUYER_02, SELLER_01] });

		const result = await run('getAll', { returnAll: true });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual(
			[BUYER_01, BUYER_02, SELLER_01].map((json) => ({ json, pairedItem: { item: 0 } })),
		);
	});

	it('sends the Category filter and applies the limit client-side', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'Content', Category: 'Buyer' })
			.reply(200, { data: [BUYER_01, BUYER_02] });

		const result = await run('getAll', { category: 'Buyer', limit: 1 });

		expect(scope.isDone()).toBe(true);
		expect(result.items.map((item) => item.json)).toEqual([BUYER_01]);
	});
});

describe('Content → Get (Content with ContentId)', () => {
	it('returns the single record with its Html', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'Content', ContentId: '123' })
			.reply(200, { data: [{ ...BUYER_01, Html: HTML }] });

		const result = await run('get', { contentId: '123' });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([{ json: { ...BUYER_01, Html: HTML }, pairedItem: { item: 0 } }]);
	});

	it('reports an empty data list as not found; with continueOnFail as a paired error item', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'Content', ContentId: '9' })
			.twice()
			.reply(200, { data: [] });

		const failed = await run('get', { contentId: '9' });
		const continued = await run('get', { contentId: '9' }, true);

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: content 9 was not found',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: content 9 was not found' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('rejects a non-numeric ID without a request', async () => {
		const result = await run('get', { contentId: 'Buyer 01' });

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Content: "Buyer 01" is not a numeric ID (item 0)',
		});
	});
});

describe('Content → Create (content POST)', () => {
	it('posts Name, Category, Subject and Html', async () => {
		const scope = api()
			.post(DATA_PATH, { Name: 'Buyer 01', Category: 'Buyer', Subject: 'Hello', Html: HTML })
			.query({ requestType: 'content' })
			.reply(200, { success: true, ContentId: 126 });

		const result = await run('create', {
			name: 'Buyer 01',
			html: HTML,
			additionalFields: { category: 'Buyer', subject: 'Hello' },
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { success: true, ContentId: 126 }, pairedItem: { item: 0 } },
		]);
	});

	it.each([
		[
			{ name: 'x'.repeat(101), html: HTML },
			'Name: is 101 characters long; at most 100 are accepted (item 0)',
		],
		[
			{ name: 'Ok', html: HTML, additionalFields: { category: 'c'.repeat(51) } },
			'Category: is 51 characters long; at most 50 are accepted (item 0)',
		],
		[
			{ name: 'Ok', html: HTML, additionalFields: { subject: 's'.repeat(101) } },
			'Subject: is 101 characters long; at most 100 are accepted (item 0)',
		],
		[{ name: 'Ok', html: '={{ "  " }}' }, 'HTML: is required (item 0)'],
	])('rejects %# without a request', async (fields, message) => {
		const result = await run('create', fields as INodeParameters);

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
	});

	it('accepts the limits exactly', async () => {
		const name = 'n'.repeat(100);
		const scope = api()
			.post(DATA_PATH, { Name: name, Category: 'c'.repeat(50), Html: HTML }) // blank Subject left out
			.query({ requestType: 'content' })
			.reply(200, { success: true });

		const result = await run('create', {
			name,
			html: HTML,
			additionalFields: { category: 'c'.repeat(50) },
		});

		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('fails with the API message of a 200 error body', async () => {
		api()
			.post(DATA_PATH)
			.query({ requestType: 'content' })
			.reply(200, { Error: 'Name is required' });

		const result = await run('create', { name: 'Ok', html: HTML });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Name is required',
		});
	});
});

describe('Content → Update (content POST with ContentId)', () => {
	it('reads the current content and sends it back with the changed fields', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'Content', ContentId: '123' })
			.reply(200, { data: [{ ...BUYER_01, Html: HTML }] })
			.post(DATA_PATH, {
				ContentId: '123',
				Name: BUYER_01.Name,
				Category: BUYER_01.Category,
				Subject: 'New subject',
				Html: HTML,
			})
			.query({ requestType: 'content' })
			.reply(200, { success: true });

		const result = await run('update', {
			contentId: '123',
			updateFields: { subject: 'New subject' },
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { success: true, ContentId: '123' }, pairedItem: { item: 0 } },
		]);
	});

	it('rejects an update with no fields before any request', async () => {
		const empty = await run('update', { contentId: '123', updateFields: {} });

		expect(empty.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Update Fields: add at least one field to change (item 0)',
		});
	});

	it('checks the new values before saving', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'Content', ContentId: '123' })
			.reply(200, { data: [{ ...BUYER_01, Html: HTML }] });

		const result = await run('update', {
			contentId: '123',
			updateFields: { name: 'x'.repeat(101) },
		});

		// Only the read went out: the POST would have hit nock without a match.
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Name: is 101 characters long; at most 100 are accepted (item 0)',
		});
	});
});

describe('Content → Get Categories (ContentCategories)', () => {
	it('emits one item per category from the data wrapper', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'ContentCategories' })
			.reply(200, { data: [{ Category: 'Buyer tools' }, { Category: 'Prospecting' }] });

		const result = await run('getCategories', { returnAll: true });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { Category: 'Buyer tools' }, pairedItem: { item: 0 } },
			{ json: { Category: 'Prospecting' }, pairedItem: { item: 0 } },
		]);
	});
});
