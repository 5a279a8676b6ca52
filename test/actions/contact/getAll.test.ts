import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const contacts = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({
		ClientID: from + i,
		Categories: '[{"name":"Buyer"}]',
	}));

const getMany = (extra: Record<string, unknown>) => ({
	resource: 'contact',
	operation: 'getAll',
	...extra,
});

describe('contact → get many (getContacts)', () => {
	it('asks for just the limit when it is below a page, and gives compact contacts', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '1', page_size: '5' })
			.reply(200, contacts(1, 5));
		const { items } = await runWiseAgentNode({ parameters: getMany({ limit: 5 }) });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(5);
		expect(items[4].pairedItem).toEqual({ item: 0 });
		expect(items[4].json).toMatchObject({ id: '5', categories: ['Buyer'] });
		expect(items[4].json).not.toHaveProperty('ClientID');
	});

	it('with Simplify off, gives the records as sent with categories decoded', async () => {
		api().get(DATA_PATH).query(true).reply(200, contacts(1, 2));
		const { items } = await runWiseAgentNode({
			parameters: getMany({ limit: 2, simplify: false }),
		});
		expect(items.map((item) => item.json)).toEqual([
			{ ClientID: 1, Categories: ['Buyer'] },
			{ ClientID: 2, Categories: ['Buyer'] },
		]);
	});

	it('stops mid-page at the limit', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '1', page_size: '100' })
			.reply(200, contacts(1, 100))
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '2', page_size: '100' })
			.reply(200, contacts(101, 100));
		const { items } = await runWiseAgentNode({ parameters: getMany({ limit: 150 }) });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(150);
		expect(items[149].json.id).toBe('150');
	});

	it('stops on a short page', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '1', page_size: '100' })
			.reply(200, contacts(1, 100))
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '2', page_size: '100' })
			.reply(200, contacts(101, 20));
		const { items } = await runWiseAgentNode({ parameters: getMany({ limit: 500 }) });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(120);
	});

	it('with an exact multiple of the page size, an empty page ends the list', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '1', page_size: '100' })
			.reply(200, contacts(1, 100))
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '2', page_size: '100' })
			.reply(200, contacts(101, 100))
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', page: '3', page_size: '100' })
			.reply(200, []);
		const { items } = await runWiseAgentNode({ parameters: getMany({ limit: 1000 }) });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(200);
	});

	it('returns nothing for an empty account', async () => {
		api().get(DATA_PATH).query(true).reply(200, []);
		const { items, error } = await runWiseAgentNode({ parameters: getMany({ limit: 10 }) });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('Return All counts first, then fetches exactly the pages needed, in order', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContactsCount', nameQuery: 'smith' })
			.reply(200, { count: 250 });
		for (const page of [1, 2, 3]) {
			scope
				.get(DATA_PATH)
				.query({
					requestType: 'getContacts',
					nameQuery: 'smith',
					page: String(page),
					page_size: '100',
				})
				.delay(page === 1 ? 30 : 0) // a slow first page must not change the order
				.reply(200, contacts((page - 1) * 100 + 1, page === 3 ? 50 : 100));
		}
		const { items } = await runWiseAgentNode({
			parameters: getMany({ returnAll: true, searchBy: 'name', nameQuery: 'smith' }),
		});
		expect(scope.isDone()).toBe(true);
		expect(items.map((item) => item.json.id)).toEqual(
			Array.from({ length: 250 }, (_, i) => String(i + 1)),
		);
	});

	it.each([
		[{ searchBy: 'email', email: 'a@b.co' }, { email: 'a@b.co' }],
		[{ searchBy: 'phone', phone: '(480) 836-0345' }, { phone: '4808360345' }],
		[
			{
				searchBy: 'categories',
				categories: ['Buyer', 'Hot'],
				categoryAll: true,
				filters: { sources: ['Zillow', 'Trulia'] },
			},
			{ categories: 'Buyer,Hot', categoryAll: 'true', sources: 'Zillow,Trulia' },
		],
		[
			{ searchBy: 'none', filters: { updatedSince: '2024-07-01T09:30:00' } },
			{ DateUpdatedUTC: '07/01/2024 13:30' },
		],
		[
			{
				searchBy: 'none',
				filters: { updatedSince: '2024-07-01T09:30:00', updatedSinceParameter: 'dtupdated' },
			},
			{ dtupdated: '07/01/2024 06:30' },
		],
	])('sends the filter %j as %j', async (parameters, query) => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', ...query, page: '1', page_size: '50' })
			.reply(200, []);
		await runWiseAgentNode({ parameters: getMany(parameters), timezone: 'America/New_York' });
		expect(scope.isDone()).toBe(true);
	});

	it('rejects an unreadable date before sending', async () => {
		const { error } = await runWiseAgentNode({
			parameters: getMany({ filters: { updatedSince: '={{ "yesterday-ish" }}' } }),
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Updated Since: "yesterday-ish" is not a date Wise Agent can read (item 0)',
		);
	});

	it('rejects a phone search without digits', async () => {
		const { error } = await runWiseAgentNode({
			parameters: getMany({ searchBy: 'phone', phone: 'n/a' }),
		});
		expect(error?.message).toBe(
			'Phone: "n/a" is not a phone number (digits, spaces and + - . ( ) only) (item 0)',
		);
	});
});

describe('contact → count (getContactsCount)', () => {
	it('returns the count with the same filters', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContactsCount', sources: 'Zillow' })
			.reply(200, { count: 154102 });
		const { items } = await runWiseAgentNode({
			parameters: { resource: 'contact', operation: 'count', filters: { sources: ['Zillow'] } },
		});
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([{ json: { count: 154102 }, pairedItem: { item: 0 } }]);
	});

	it('fails clearly on an unreadable count', async () => {
		api().get(DATA_PATH).query(true).reply(200, { total: 'many' });
		const { error } = await runWiseAgentNode({
			parameters: { resource: 'contact', operation: 'count' },
		});
		expect(error?.message).toBe(
			'Wise Agent: the contact count could not be read from the response',
		);
	});
});
