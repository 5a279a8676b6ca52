import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';
import { expectRejectedBeforeSending } from '../../helpers/mockApi';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const rawContact = {
	ClientID: 1822535,
	CFirst: 'Ann',
	CLast: 'Becker',
	Title: '',
	Categories: '[{"name":"02 Trial"},{"name":"100 Top PAST Clients - Magazine List"}]',
	InsideTeamAssignment: '[{"InsideTeamId":1},{"InsideTeamId":98}]',
	OutsideTeamAssignment: '[{"TeamMember":"Olivia Outside","Email":"olivia@example.com"}]',
	HomePhone: '',
	MobilePhone: '480-555-0199',
	WorkPhone: '',
	CEmail: 'ann@example.com',
	Company: 'Acme Corp',
	AddressNumber: '13400',
	AddressStreet: 'E Shea Blvd',
	SuiteNo: '',
	City: 'Scottsdale',
	State: 'AZ',
	Zip: '85259',
	County: '',
	Country: 'USA',
	POBox: '',
	Source: 'Zillow',
	Rank: 'A',
	Status: null,
	DtUpdated: '5/14/2024 10:00:00 AM',
	DateUpdatedUTC: '2024-05-14T17:00:00',
	DateAddedUTC: '2024-01-02T08:30:00Z',
	CustomData: '[{"Key":"CustomField1","Value":"CustomValue1"}]',
	Website: '',
};

/** The compact contact that Simplify (on by default) makes of rawContact. */
const simplifiedContact = {
	id: '1822535',
	firstName: 'Ann',
	lastName: 'Becker',
	email: 'ann@example.com',
	phones: { mobile: '480-555-0199', home: null, work: null },
	company: 'Acme Corp',
	status: null,
	rank: 'A',
	source: 'Zillow',
	categories: ['02 Trial', '100 Top PAST Clients - Magazine List'],
	assignedTo: {
		teamMemberIds: [1, 98],
		outsideTeam: [{ name: 'Olivia Outside', email: 'olivia@example.com' }],
	},
	address: {
		street: '13400 E Shea Blvd',
		suite: null,
		city: 'Scottsdale',
		state: 'AZ',
		zip: '85259',
		county: null,
		country: 'USA',
		poBox: null,
	},
	createdAt: '2024-01-02T08:30:00.000Z',
	updatedAt: '2024-05-14T17:00:00.000Z',
	url: 'https://thewiseagent.com/secure/client/summary?clientId=1822535',
};

const get = (value: string, extra: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value },
	...extra,
});

describe('contact → get', () => {
	it('unwraps the one-element array into the compact contact (Simplify on by default)', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '1822535' })
			.reply(200, [rawContact]);
		const { items } = await runWiseAgentNode({ parameters: get('1822535') });
		expect(items).toEqual([{ json: simplifiedContact, pairedItem: { item: 0 } }]);
		expect(Object.keys(items[0].json).length).toBeLessThanOrEqual(15);
	});

	it('reads updatedAt from the Arizona-time DtUpdated when DateUpdatedUTC is missing', async () => {
		const { DateUpdatedUTC: _utc, ...arizonaOnly } = rawContact;
		api().get(DATA_PATH).query(true).reply(200, [arizonaOnly]);
		const { items } = await runWiseAgentNode({ parameters: get('1822535') });
		// 10:00 in Arizona (UTC−7 all year) is 17:00 UTC.
		expect(items[0].json.updatedAt).toBe('2024-05-14T17:00:00.000Z');
	});

	it('gives nulls and empty lists, never a crash, for a record with no fields set', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 5, Categories: '', DtUpdated: null, DateAddedUTC: null }]);
		const { items } = await runWiseAgentNode({ parameters: get('5') });
		expect(items[0].json).toMatchObject({
			id: '5',
			firstName: null,
			categories: [],
			assignedTo: { teamMemberIds: [], outsideTeam: [] },
			address: { street: null },
			createdAt: null,
			updatedAt: null,
			url: 'https://thewiseagent.com/secure/client/summary?clientId=5',
		});
	});

	it('with Simplify off, gives every field sent with the JSON-in-string fields decoded', async () => {
		api().get(DATA_PATH).query(true).reply(200, [rawContact]);
		const { items } = await runWiseAgentNode({ parameters: get('1822535', { simplify: false }) });
		expect(items[0].json).toEqual({
			...rawContact,
			Categories: ['02 Trial', '100 Top PAST Clients - Magazine List'],
			InsideTeamAssignment: [{ InsideTeamId: 1 }, { InsideTeamId: 98 }],
			OutsideTeamAssignment: [{ TeamMember: 'Olivia Outside', Email: 'olivia@example.com' }],
			CustomData: [{ Key: 'CustomField1', Value: 'CustomValue1' }],
		});
	});

	it('gets a vendor by its V-prefixed ID (upper-cased), in the vendor’s compact shape', async () => {
		const vendor = {
			Company: 'Wise Agent',
			ContactName: 'Bill Contact',
			AlternateContact: 'Jill',
			Address: '281 E. 56th st',
		};
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: 'V26855' })
			.reply(200, [vendor]);
		const { items } = await runWiseAgentNode({ parameters: get('v26855') });
		expect(scope.isDone()).toBe(true);
		expect(items[0].json).toEqual({
			id: 'V26855',
			company: 'Wise Agent',
			contactName: 'Bill Contact',
			alternateContact: 'Jill',
			type: null,
			email: null,
			phone: null,
			address: '281 E. 56th st',
			categories: [],
		});
	});

	it('reports a contact that is not there', async () => {
		api().get(DATA_PATH).query(true).reply(200, []);
		const { error } = await runWiseAgentNode({ parameters: get('5') });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Wise Agent: contact 5 was not found');
	});
});

describe('contact locator, By URL', () => {
	const byUrl = (url: string) => ({
		resource: 'contact',
		operation: 'get',
		contactId: { __rl: true, mode: 'url', value: url },
	});

	it('reads the clientId parameter itself, not one that ends in it', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '1000' })
			.reply(200, [{ ClientID: 1000 }]);
		const { items, error } = await runWiseAgentNode({
			parameters: byUrl(
				'https://thewiseagent.com/secure/client/summary?referrerclientId=1001&clientId=1000',
			),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe('1000');
		expect(scope.isDone()).toBe(true);
	});

	it('rejects a URL naming two different contacts, before sending', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: byUrl(
					'https://thewiseagent.com/secure/client/summary?clientId=1000&clientId=1001',
				),
			},
			'Contact',
		);
	});
});
