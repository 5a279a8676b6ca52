import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

const VENDOR = {
	ClientID: 'V26855',
	Company: 'Wise Agent',
	ContactName: 'Bill Contact',
	AlternateContact: 'Jill Contact',
	Address: '281 E. 56th st',
	Categories: '[{"name":"Lender"}]',
};

/** VENDOR in its compact shape (Simplify on, the default). */
const SIMPLIFIED_VENDOR = {
	id: 'V26855',
	company: 'Wise Agent',
	contactName: 'Bill Contact',
	alternateContact: 'Jill Contact',
	type: null,
	email: null,
	phone: null,
	address: '281 E. 56th st',
	categories: ['Lender'],
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Vendor → Get Many (getVendors)', () => {
	const getMany = (extra: Record<string, unknown>) => ({
		resource: 'vendor',
		operation: 'getAll',
		...extra,
	});

	it.each([
		['email', { searchBy: 'email', email: ' bill@lender.com ' }, { email: 'bill@lender.com' }],
		['phone', { searchBy: 'phone', phone: '(480) 836-0345' }, { phone: '4808360345' }],
		[
			'types',
			{ searchBy: 'types', types: 'Cooperating-Agent, Lender' },
			{ types: 'Cooperating-Agent,Lender' },
		],
		['name', { searchBy: 'name', nameQuery: 'Bill' }, { nameQuery: 'Bill' }],
		['nothing', { searchBy: 'none' }, {}],
	])('sends only the %s filter, with page and page_size', async (_label, filter, query) => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getVendors', ...query, page: '1', page_size: '5' })
			.reply(200, [VENDOR]);

		const result = await runWiseAgentNode({ parameters: getMany({ limit: 5, ...filter }) });

		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([{ json: SIMPLIFIED_VENDOR, pairedItem: { item: 0 } }]);
	});

	it('Return All pages with page_size 100 until a short page', async () => {
		const fullPage = Array.from({ length: 100 }, (_, i) => ({ ClientID: `V${i}` }));
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getVendors', page: '1', page_size: '100' })
			.reply(200, fullPage)
			.get(DATA_PATH)
			.query({ requestType: 'getVendors', page: '2', page_size: '100' })
			.reply(200, [{ ClientID: 'V100' }]);

		const result = await runWiseAgentNode({
			parameters: getMany({ returnAll: true, simplify: false }),
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toHaveLength(101);
		expect(result.items[100]).toEqual({ json: { ClientID: 'V100' }, pairedItem: { item: 0 } });
	});

	it('with Simplify off, gives the record as sent with JSON-in-string fields decoded', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getVendors', page: '1', page_size: '50' })
			.reply(200, [VENDOR]);

		const result = await runWiseAgentNode({ parameters: getMany({ simplify: false }) });

		expect(result.items[0].json).toEqual({ ...VENDOR, Categories: ['Lender'] });
	});

	it.each([
		['Email', { searchBy: 'email', email: 'not-an-email' }],
		['Phone', { searchBy: 'phone', phone: 'none' }],
		['Types', { searchBy: 'types', types: ' , ' }],
		['Name or Company', { searchBy: 'name', nameQuery: '  ' }],
	])('rejects a bad %s before sending anything', async (field, filter) => {
		const result = await runWiseAgentNode({ parameters: getMany(filter) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error!.message).toContain(`${field}:`);
		expect(result.error!.message).toContain('(item 0)');
	});

	it('turns a 200 error body into a NodeApiError with the API message', async () => {
		api().get(DATA_PATH).query(true).reply(200, { Error: 'Invalid vendor type' });

		const result = await runWiseAgentNode({ parameters: getMany({}) });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Invalid vendor type',
		});
	});
});

describe('Vendor → Get (getSingleContact)', () => {
	const get = (vendorId: string, extra: Record<string, unknown> = {}) => ({
		resource: 'vendor',
		operation: 'get',
		vendorId,
		...extra,
	});

	it.each(['V26855', 'v26855', '26855', ' 26855 '])(
		'sends "%s" as clientID=V26855',
		async (typed) => {
			const scope = api()
				.get(DATA_PATH)
				.query({ requestType: 'getSingleContact', clientID: 'V26855' })
				.reply(200, [VENDOR]);

			const result = await runWiseAgentNode({ parameters: get(typed) });

			expect(scope.isDone()).toBe(true);
			expect(result.items).toEqual([{ json: SIMPLIFIED_VENDOR, pairedItem: { item: 0 } }]);
		},
	);

	it('takes the ID it read when getSingleContact answers a vendor without one', async () => {
		const { ClientID: _id, ...withoutId } = VENDOR;
		api().get(DATA_PATH).query(true).reply(200, [withoutId]);

		const result = await runWiseAgentNode({ parameters: get('26855') });

		expect(result.items[0].json).toEqual(SIMPLIFIED_VENDOR);
	});

	it('reports an empty answer as not found', async () => {
		api().get(DATA_PATH).query({ requestType: 'getSingleContact', clientID: 'V1' }).reply(200, []);

		const result = await runWiseAgentNode({ parameters: get('V1') });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: vendor V1 was not found',
		});
	});

	it('rejects an ID that is not a vendor ID, naming field and item, without a request', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: 'V1' })
			.reply(200, [VENDOR]);
		const result = await runWiseAgentNode({
			parameters: get('={{ $json.id }}'),
			items: [{ id: 'V1' }, { id: 'C12' }],
		});

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Vendor ID: "C12" is not a Wise Agent vendor ID (item 1)',
		});
		expect(scope.isDone()).toBe(true); // only item 0's request: nock refuses any other
	});

	it('with continueOnFail, emits an error item paired with the failing item', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: 'V1' })
			.reply(200, [VENDOR])
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: 'V2' })
			.reply(200, { error: 'Contact not found' });

		const result = await runWiseAgentNode({
			parameters: get('={{ $json.id }}', { simplify: false }),
			items: [{ id: '1' }, { id: '2' }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { ...VENDOR, Categories: ['Lender'] }, pairedItem: { item: 0 } },
			{
				json: expect.objectContaining({ error: 'Wise Agent: Contact not found' }),
				pairedItem: { item: 1 },
			},
		]);
	});
});
