import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);
const contactId = { __rl: true, mode: 'id', value: '88495232' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('contact → get addresses (getClientAddresses)', () => {
	it('returns one item per extra address', async () => {
		const addresses = [
			{ ClientAddressID: 539291, ClientID: 88495232, AddressType: 'Business', City: 'Phoenix' },
			{ ClientAddressID: 539292, ClientID: 88495232, AddressType: 'Liked', City: 'Mesa' },
		];
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getClientAddresses', ClientID: '88495232' })
			.reply(200, addresses);
		const { items } = await runWiseAgentNode({
			parameters: { resource: 'contact', operation: 'getAddresses', contactId },
		});
		expect(items.map((item) => item.json)).toEqual(addresses);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});
});

describe('contact → add address (addClientAddress)', () => {
	const addAddress = (extra: Record<string, unknown>) => ({
		resource: 'contact',
		operation: 'addAddress',
		contactId,
		addressNumber: '5636',
		street: 'E McDowell Rd',
		...extra,
	});

	it('sends the documented fields', async () => {
		let form: Record<string, string> = {};
		api()
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'addClientAddress' })
			.reply(200, { success: true, ClientAddressID: 539294 });
		const { items } = await runWiseAgentNode({
			parameters: addAddress({
				zip: '85008',
				additionalFields: { addressType: 'Business', mls: '1334422', buildingFloor: '2' },
			}),
		});
		expect(form).toEqual({
			ClientID: '88495232',
			AddressNum: '5636',
			Address: 'E McDowell Rd',
			Zip: '85008',
			AddressType: 'Business',
			MLS: '1334422',
			BldgFloor: '2',
		});
		expect(items[0].json).toEqual({ success: true, ClientAddressID: 539294, ClientID: '88495232' });
	});

	it('needs a zip, or city and state', async () => {
		const { error } = await runWiseAgentNode({ parameters: addAddress({ city: 'Phoenix' }) });
		expect(error?.message).toBe('Zip: give a Zip, or both City and State (item 0)');
	});

	it('accepts city and state without zip', async () => {
		const scope = api()
			.post(DATA_PATH, {
				ClientID: '88495232',
				AddressNum: '5636',
				Address: 'E McDowell Rd',
				City: 'Phoenix',
				State: 'AZ',
			})
			.query(true)
			.reply(200, { success: true, ClientAddressID: 1 });
		const { error } = await runWiseAgentNode({
			parameters: addAddress({ city: 'Phoenix', state: 'AZ' }),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('contact → custom fields', () => {
	it('adds a key/value (addClientCustom)', async () => {
		const scope = api()
			.post(DATA_PATH, { ClientID: '88495232', Key: 'BuyersLink', Value: 'https://x.example' })
			.query({ requestType: 'addClientCustom' })
			.reply(200, { success: true, ClientCustomID: 115468 });
		const { items } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'addCustomField',
				contactId,
				key: 'BuyersLink',
				value: 'https://x.example',
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(items[0].json).toEqual({ success: true, ClientCustomID: 115468, ClientID: '88495232' });
	});

	it('reports a duplicate key with the API’s message', async () => {
		api().post(DATA_PATH).query(true).reply(200, {
			success: false,
			message: "Duplicate Key 'BuyersLink' cannot be inserted for ClientID 88495232",
		});
		const { error } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'addCustomField',
				contactId,
				key: 'BuyersLink',
				value: 'x',
			},
		});
		expect(error?.message).toBe(
			"Wise Agent: Duplicate Key 'BuyersLink' cannot be inserted for ClientID 88495232",
		);
	});

	it('updates by key with the documented DELETE request (editClientCustomData)', async () => {
		const scope = api()
			.delete(DATA_PATH, { ClientID: '88495232', Key: 'BuyersLink', Value: 'new' })
			.query({ requestType: 'editClientCustomData' })
			.reply(200, { success: true });
		const { error } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'updateCustomField',
				contactId,
				key: 'BuyersLink',
				value: 'new',
			},
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('updates key and value by custom field ID', async () => {
		const scope = api()
			.delete(DATA_PATH, {
				ClientID: '88495232',
				Key: 'Renamed',
				Value: 'v',
				ClientCustomID: '27392',
			})
			.query({ requestType: 'editClientCustomData' })
			.reply(200, { success: true });
		await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'updateCustomField',
				contactId,
				key: 'Renamed',
				value: 'v',
				customFieldId: '27392',
			},
		});
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		[{ key: '', customFieldId: '' }, 'Key: give a Key or a Custom Field ID (item 0)'],
		[{ key: '', customFieldId: 'x1' }, 'Custom Field ID: "x1" is not a numeric ID (item 0)'],
	])('validates %j', async (extra, message) => {
		const { error } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'updateCustomField',
				contactId,
				value: 'v',
				...extra,
			},
		});
		expect(error?.message).toBe(message);
	});
});
