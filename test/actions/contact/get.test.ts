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
	Categories: '[{"name":"02 Trial"},{"name":"100 Top PAST Clients - Magazine List"}]',
	InsideTeamAssignment: '[{"InsideTeamId":1},{"InsideTeamId":98}]',
	OutsideTeamAssignment: '',
	CustomData: '[{"Key":"CustomField1","Value":"CustomValue1"}]',
};

const get = (value: string, extra: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value },
	...extra,
});

describe('contact → get (getSingleContact)', () => {
	it('unwraps the one-element array and decodes JSON-in-string fields (Simplify on by default)', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '1822535' })
			.reply(200, [rawContact]);
		const { items } = await runWiseAgentNode({ parameters: get('1822535') });
		expect(items).toEqual([
			{
				json: {
					ClientID: 1822535,
					CFirst: 'Ann',
					Categories: ['02 Trial', '100 Top PAST Clients - Magazine List'],
					InsideTeamAssignment: [{ InsideTeamId: 1 }, { InsideTeamId: 98 }],
					OutsideTeamAssignment: [],
					CustomData: [{ Key: 'CustomField1', Value: 'CustomValue1' }],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('keeps the raw shape with Simplify off', async () => {
		api().get(DATA_PATH).query(true).reply(200, [rawContact]);
		const { items } = await runWiseAgentNode({ parameters: get('1822535', { simplify: false }) });
		expect(items[0].json).toEqual(rawContact);
	});

	it('gets a vendor by its V-prefixed ID (upper-cased)', async () => {
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
		expect(items[0].json).toEqual(vendor);
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
		expect(items[0].json.ClientID).toBe(1000);
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
