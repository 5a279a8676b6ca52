import nock from 'nock';

import { DATA_PATH, SERVER_URL, runNodeMethod } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('dropdowns filled from the account', () => {
	it('sources, sorted by name', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSources' })
			.reply(200, [
				{ ID: 2, Name: 'Zillow' },
				{ ID: 1, Name: 'API' },
			]);
		expect(await runNodeMethod('loadOptions', 'getSources')).toEqual([
			{ name: 'API', value: 'API' },
			{ name: 'Zillow', value: 'Zillow' },
		]);
	});

	it('categories with their contact counts (wrapped in CategoryInfo)', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getAllCategoriesWithCount' })
			.reply(200, { CategoryInfo: [{ name: 'Buyer', id: 11017, clientCount: 6 }] });
		expect(await runNodeMethod('loadOptions', 'getCategories')).toEqual([
			{ name: 'Buyer', value: 'Buyer', description: '6 contacts' },
		]);
	});

	it('team members by InsideTeamId', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getTeam' })
			.reply(200, [
				{ InsideTeamId: 1, Name: 'Pat Agent', Email: 'pat@example.com', JobTitle: 'Broker' },
			]);
		expect(await runNodeMethod('loadOptions', 'getTeamMembers')).toEqual([
			{ name: 'Pat Agent', value: '1', description: 'Broker · pat@example.com' },
		]);
	});

	it('outside team members by email', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getOutsideTeam' })
			.reply(200, [{ TeamMember: 'Lee Partner', Email: 'lee@example.com' }]);
		expect(await runNodeMethod('loadOptions', 'getOutsideTeamMembers')).toEqual([
			{ name: 'Lee Partner (lee@example.com)', value: 'lee@example.com' },
		]);
	});

	it('marketing programs from a JSON-in-string body', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getPrograms' })
			.reply(
				200,
				JSON.stringify('[ {"ProgramName": "Web Auto Email Campaign", "ProgramID": "234"} ]'),
				{
					'Content-Type': 'application/json',
				},
			);
		expect(await runNodeMethod('loadOptions', 'getPrograms')).toEqual([
			{ name: 'Web Auto Email Campaign', value: '234' },
		]);
	});
});

describe('contact search for the resource locator', () => {
	it('searches by name and pages with a token', async () => {
		const page = Array.from({ length: 50 }, (_, i) => ({
			ClientID: i + 1,
			CFirst: 'Ann',
			CLast: `No${i}`,
			CEmail: `a${i}@x.co`,
		}));
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', nameQuery: 'ann', page: '1', page_size: '50' })
			.reply(200, page);
		const first = await runNodeMethod<{ results: unknown[]; paginationToken?: string }>(
			'listSearch',
			'searchContacts',
			['ann'],
		);
		expect(first.results[0]).toEqual({
			name: 'Ann No0 (a0@x.co)',
			value: '1',
			url: 'https://thewiseagent.com/secure/client/summary?clientId=1',
		});
		expect(first.paginationToken).toBe('2');

		api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', nameQuery: 'ann', page: '2', page_size: '50' })
			.reply(200, [{ ClientID: 51, Company: 'Acme' }]);
		const second = await runNodeMethod<{ results: unknown[]; paginationToken?: string }>(
			'listSearch',
			'searchContacts',
			['ann', '2'],
		);
		expect(second.results).toEqual([
			{
				name: 'Acme',
				value: '51',
				url: 'https://thewiseagent.com/secure/client/summary?clientId=51',
			},
		]);
		expect(second.paginationToken).toBeUndefined();
	});
});
