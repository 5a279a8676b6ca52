import nock from 'nock';

import { expectRejectedBeforeSending } from '../../helpers/mockApi';
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
			.query({ requestType: 'getContacts', email: 'ann@example.com', page: '1', page_size: '100' })
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
			.query({ requestType: 'getContacts', email: 'ann@example.com', page: '1', page_size: '100' })
			.reply(200, [])
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', phone: '4805550101', page: '1', page_size: '100' })
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
			.query({ requestType: 'getContacts', email: 'new@example.com', page: '1', page_size: '100' })
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
			.reply(200, [{ ClientID: 77, CEmail: 'Ann@Example.com' }]);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'updateContact' })
			.reply(200, { Error: 'Invalid Field Zip - 77 not updated' });
		const { error } = await runWiseAgentNode({ parameters: upsert({ email: 'ann@example.com' }) });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Wise Agent: Invalid Field Zip - 77 not updated');
	});
});

describe('contact → create or update: never the wrong contact', () => {
	const lookup = (query: Record<string, string>, reply: unknown) =>
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', ...query, page: '1', page_size: '100' })
			.reply(200, reply as nock.Body);
	const noWrites = () =>
		api()
			.post(DATA_PATH)
			.query(true)
			.reply(500, () => {
				throw new Error('no write may be sent');
			});

	it('a new email with the phone of another person creates a contact, leaving that person untouched', async () => {
		// Alice Smith owns the phone; Bob Jones is new.
		lookup({ email: 'bob@example.com' }, []);
		lookup({ phone: '4805550101' }, [
			{ ClientID: 1, CFirst: 'Alice', CEmail: 'alice@example.com', MobilePhone: '480-555-0101' },
		]);
		let form: Record<string, string> = {};
		const create = api()
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'webcontact' })
			.reply(200, { success: 'true', data: { ClientID: 2, NewContact: true } });
		const { items, error } = await runWiseAgentNode({
			parameters: {
				...upsert({ email: 'bob@example.com', mobilePhone: '(480) 555-0101' }),
				firstName: 'Bob',
				lastName: 'Jones',
			},
		});
		expect(error).toBeUndefined();
		expect(create.isDone()).toBe(true);
		expect(form).toMatchObject({ CFirst: 'Bob', CLast: 'Jones', CEmail: 'bob@example.com' });
		expect(items[0].json).toMatchObject({ action: 'created', ClientID: 2 });
	});

	it('… or fails the item when so chosen, naming the contact it left alone', async () => {
		lookup({ email: 'bob@example.com' }, []);
		lookup({ phone: '4805550101' }, [
			{ ClientID: 1, CEmail: 'alice@example.com', MobilePhone: '4805550101' },
		]);
		noWrites();
		const { error } = await runWiseAgentNode({
			parameters: {
				...upsert({ email: 'bob@example.com', mobilePhone: '480 555 0101' }),
				onPhoneConflict: 'fail',
			},
		});
		expect(error?.message).toBe('The phone 4805550101 belongs to a contact with another email');
		expect(error?.description).toContain('Contact 1 has that phone');
	});

	it('two contacts sharing the phone fail the item: none is picked silently', async () => {
		lookup({ phone: '4805550101' }, [
			{ ClientID: 10, MobilePhone: '4805550101' },
			{ ClientID: 11, HomePhone: '(480) 555-0101' },
		]);
		noWrites();
		const { error, items } = await runWiseAgentNode({
			parameters: { ...upsert({ mobilePhone: '4805550101' }), matchBy: 'phone' },
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: expect.objectContaining({ error: '2 contacts match phone 4805550101' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('uses an email match only when the found contact has that very email (any case)', async () => {
		// The email filter is not documented as exact: a near match is not a match.
		lookup({ email: 'ann@example.com' }, [{ ClientID: 5, CEmail: 'joann@example.com' }]);
		let form: Record<string, string> = {};
		api()
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'webcontact' })
			.reply(200, { success: 'true', data: { ClientID: 6, NewContact: true } });
		const { items } = await runWiseAgentNode({
			parameters: { ...upsert({ email: 'ann@example.com' }), matchBy: 'email' },
		});
		expect(items[0].json).toMatchObject({ action: 'created', ClientID: 6 });
		expect(form.CEmail).toBe('ann@example.com');

		lookup({ email: 'ann@example.com' }, [{ ClientID: 7, CEmail: 'ANN@example.com ' }]);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '7 updated' });
		const second = await runWiseAgentNode({
			parameters: { ...upsert({ email: 'ann@example.com' }), matchBy: 'email' },
		});
		expect(second.items[0].json).toMatchObject({
			action: 'updated',
			matchedBy: 'email',
			ClientID: '7',
		});
	});

	it('two contacts with the same email fail the item', async () => {
		lookup({ email: 'ann@example.com' }, [
			{ ClientID: 7, CEmail: 'ann@example.com' },
			{ ClientID: 8, CEmail: 'Ann@example.com' },
		]);
		noWrites();
		const { error } = await runWiseAgentNode({ parameters: upsert({ email: 'ann@example.com' }) });
		expect(error?.message).toBe('2 contacts match email ann@example.com');
	});

	it('a phone match on a contact without email is updated (it gets the email)', async () => {
		lookup({ email: 'ann@example.com' }, []);
		lookup({ phone: '4805550101' }, [{ ClientID: 9, CEmail: '', MobilePhone: '4805550101' }]);
		let form: Record<string, string> = {};
		api()
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '9 updated' });
		const { items } = await runWiseAgentNode({
			parameters: upsert({ email: 'ann@example.com', mobilePhone: '4805550101' }),
		});
		expect(items[0].json).toMatchObject({ action: 'updated', matchedBy: 'phone', ClientID: '9' });
		expect(form).toMatchObject({ clientID: '9', CEmail: 'ann@example.com' });
	});

	it('Match By Email never looks at phones; Match By Phone never at the email', async () => {
		lookup({ email: 'ann@example.com' }, []);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webcontact' })
			.reply(200, { success: 'true', data: { ClientID: 3, NewContact: true } });
		const byEmail = await runWiseAgentNode({
			parameters: {
				...upsert({ email: 'ann@example.com', mobilePhone: '4805550101' }),
				matchBy: 'email',
			},
		});
		expect(byEmail.items[0].json).toMatchObject({ action: 'created' });

		lookup({ phone: '4805550101' }, [
			{ ClientID: 4, CEmail: 'ann@example.com', MobilePhone: '4805550101' },
		]);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '4 updated' });
		const byPhone = await runWiseAgentNode({
			parameters: {
				...upsert({ email: 'ann@example.com', mobilePhone: '4805550101' }),
				matchBy: 'phone',
			},
		});
		expect(byPhone.items[0].json).toMatchObject({ action: 'updated', matchedBy: 'phone' });
	});

	it('Match By Email without an email is rejected before sending', async () => {
		await expectRejectedBeforeSending(
			{ parameters: { ...upsert({ mobilePhone: '4805550101' }), matchBy: 'email' } },
			'Email',
		);
	});

	it('items sharing an email run in order: the later one wins', async () => {
		const forms: Array<Record<string, string>> = [];
		lookup({ email: 'ann@example.com' }, []);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webcontact' })
			.reply(200, { success: 'true', data: { ClientID: 20, NewContact: true } });
		lookup({ email: 'ann@example.com' }, [{ ClientID: 20, CEmail: 'ann@example.com' }]);
		api()
			.post(DATA_PATH, (body) => (forms.push(body), true))
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '20 updated' });
		const { items } = await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'upsert',
				firstName: '={{ $json.first }}',
				lastName: 'Lee',
				source: 'Zillow',
				additionalFields: { email: 'ann@example.com' },
			},
			items: [{ first: 'Ann' }, { first: 'Anne' }],
		});
		expect(items.map((item) => item.json.action)).toEqual(['created', 'updated']);
		expect(forms[0]).toMatchObject({ clientID: '20', CFirst: 'Anne' });
	});
});
