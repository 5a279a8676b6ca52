import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const upsert = (additionalFields: Record<string, unknown>) => ({
	resource: 'contact',
	operation: 'upsert',
	firstName: 'Ann',
	lastName: 'Lee',
	source: 'Zillow',
	additionalFields,
});

describe('contact → create or update', () => {
	it('updates the contact found by email', async () => {
		let form: Record<string, string> = {};
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', email: 'ann@example.com', page: '1', page_size: '2' })
			.reply(200, [{ ClientID: 77, CEmail: 'ann@example.com' }])
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '77 updated' });

		const { items, error } = await runWiseAgentNode({
			parameters: upsert({
				email: 'ann@example.com',
				mobilePhone: '(480) 555-0101',
				categories: ['Buyer'],
				zip: '85001',
			}),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(form).toEqual({
			clientID: '77',
			CFirst: 'Ann',
			Clast: 'Lee',
			CEmail: 'ann@example.com',
			MobilePhone: '(480) 555-0101',
			Zip: '85001',
			AddCategories: 'Buyer',
		});
		expect(items).toEqual([
			{
				json: {
					action: 'updated',
					matchedBy: 'email',
					ClientID: '77',
					success: true,
					message: '77 updated',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('falls back to the phone numbers (digits only) when the email matches nobody', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', email: 'ann@example.com', page: '1', page_size: '2' })
			.reply(200, [])
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', phone: '4805550101', page: '1', page_size: '2' })
			.reply(200, [{ ClientID: 78 }])
			.post(DATA_PATH)
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '78 updated' });
		const { items } = await runWiseAgentNode({
			parameters: upsert({ email: 'ann@example.com', mobilePhone: '(480) 555-0101' }),
		});
		expect(scope.isDone()).toBe(true);
		expect(items[0].json).toMatchObject({ action: 'updated', matchedBy: 'phone', ClientID: '78' });
	});

	it('creates the contact when nothing matches', async () => {
		let form: Record<string, string> = {};
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', email: 'new@example.com', page: '1', page_size: '2' })
			.reply(200, [])
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'webcontact' })
			.reply(200, { success: 'true', data: { ClientID: 900, NewContact: true } });
		const { items } = await runWiseAgentNode({ parameters: upsert({ email: 'new@example.com' }) });
		expect(scope.isDone()).toBe(true);
		expect(form).toMatchObject({
			CFirst: 'Ann',
			CLast: 'Lee',
			Source: 'Zillow',
			CEmail: 'new@example.com',
		});
		expect(items[0].json).toEqual({ action: 'created', ClientID: 900, NewContact: true });
	});

	it('needs an email or a phone, and sends nothing without one', async () => {
		const { error } = await runWiseAgentNode({ parameters: upsert({ company: 'X' }) });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^Email: Create or Update needs an email or a phone number/);
	});

	it('reports an update refused by the API with its message', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [{ ClientID: 77 }]);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'updateContact' })
			.reply(200, { Error: 'Invalid Field Zip - 77 not updated' });
		const { error } = await runWiseAgentNode({ parameters: upsert({ email: 'ann@example.com' }) });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Wise Agent: Invalid Field Zip - 77 not updated');
	});
});
