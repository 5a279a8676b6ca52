import nock from 'nock';

import { expectRejectedBeforeSending } from '../../helpers/mockApi';
import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Create or Update's parameters as the editor saves them: Email and Mobile Phone at the top. */
const upsert = ({ email, mobilePhone, ...additionalFields }: Record<string, unknown>) => ({
	resource: 'contact',
	operation: 'upsert',
	...(email !== undefined && { email }),
	...(mobilePhone !== undefined && { mobilePhone }),
	firstName: 'Ann',
	lastName: 'Lee',
	source: 'Zillow',
	additionalFields,
});

/** Every contact read back after its write: answers getSingleContact for the ClientID asked. */
const readBacks: string[] = [];
beforeEach(() => {
	readBacks.length = 0;
	api()
		.persist()
		.get(DATA_PATH)
		.query((query) => query.requestType === 'getSingleContact')
		.reply(200, (uri) => {
			const clientId = new URL(uri, SERVER_URL).searchParams.get('clientID')!;
			readBacks.push(clientId);
			return [{ ClientID: Number(clientId), CFirst: 'Ann', CLast: 'Lee', CEmail: 'read@back' }];
		});
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
		expect(readBacks).toEqual(['77']);
		expect(items).toEqual([
			{
				json: {
					action: 'updated',
					matchedBy: 'email',
					contact: expect.objectContaining({ id: '77', firstName: 'Ann', email: 'read@back' }),
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
		expect(items[0].json).toMatchObject({
			action: 'updated',
			matchedBy: 'phone',
			contact: { id: '78' },
		});
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
		expect(readBacks).toEqual(['900']);
		expect(items[0].json).toEqual({
			action: 'created',
			matchedBy: null,
			contact: expect.objectContaining({ id: '900', lastName: 'Lee' }),
		});
	});

	it('needs an email or a phone, and sends nothing without one', async () => {
		const { error } = await runWiseAgentNode({ parameters: upsert({ company: 'X' }) });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^Email: Create or Update needs an Email or a Mobile Phone/);
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
		expect(items[0].json).toMatchObject({ action: 'created', contact: { id: '2' } });
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
		expect(items[0].json).toMatchObject({ action: 'created', contact: { id: '6' } });
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
			contact: { id: '7' },
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
		expect(items[0].json).toMatchObject({
			action: 'updated',
			matchedBy: 'phone',
			contact: { id: '9' },
		});
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
			// (an empty Email typed in is refused by n8n itself: the field is required in this mode)
			{
				parameters: {
					...upsert({ mobilePhone: '4805550101', email: '={{ $json.none ?? "" }}' }),
					matchBy: 'email',
				},
			},
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
				email: 'ann@example.com',
				additionalFields: {},
			},
			items: [{ first: 'Ann' }, { first: 'Anne' }],
		});
		expect(items.map((item) => item.json.action)).toEqual(['created', 'updated']);
		expect(forms[0]).toMatchObject({ clientID: '20', CFirst: 'Anne' });
	});
});

describe('contact → create or update: the one output shape', () => {
	const lookup = (email: string, reply: unknown) =>
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getContacts', email, page: '1', page_size: '100' })
			.reply(200, reply as nock.Body);

	it('created and updated items have the same keys; Simplify off gives the contact as the API has it', async () => {
		lookup('new@example.com', []);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webcontact' })
			.reply(200, { success: 'true', data: { ClientID: 31, NewContact: true } });
		lookup('old@example.com', [{ ClientID: 32, CEmail: 'old@example.com' }]);
		api().post(DATA_PATH).query({ requestType: 'updateContact' }).reply(200, { Success: 'ok' });
		const { items } = await runWiseAgentNode({
			parameters: { ...upsert({}), email: '={{ $json.email }}', simplify: false },
			items: [{ email: 'new@example.com' }, { email: 'old@example.com' }],
		});
		expect(items.map((item) => Object.keys(item.json).sort())).toEqual([
			['action', 'contact', 'matchedBy'],
			['action', 'contact', 'matchedBy'],
		]);
		expect(items.map((item) => (item.json.contact as { ClientID: number }).ClientID)).toEqual([
			31, 32,
		]);
		expect(items[0].json.contact).toMatchObject({ CFirst: 'Ann', CEmail: 'read@back' });
	});

	it('a simplified contact has at most 15 top-level fields, all camelCase', async () => {
		lookup('ann@example.com', [{ ClientID: 77, CEmail: 'ann@example.com' }]);
		api().post(DATA_PATH).query({ requestType: 'updateContact' }).reply(200, { Success: 'ok' });
		const { items } = await runWiseAgentNode({ parameters: upsert({ email: 'ann@example.com' }) });
		const keys = Object.keys(items[0].json.contact as object);
		expect(keys.length).toBeLessThanOrEqual(15);
		for (const key of keys) expect(key).toMatch(/^[a-z][A-Za-z]*$/);
	});

	it('a workflow built before Email moved to the top (0.x) fails the item naming Email, before any request', async () => {
		// n8n drops collection values the node no longer lists: the match would be lost silently.
		await expectRejectedBeforeSending(
			{
				parameters: {
					...upsert({}),
					additionalFields: { email: 'ann@example.com', mobilePhone: '4805550101' },
				},
			},
			'Email',
		);
	});

	it('a contact with this email that appeared after the lookup is reported, not called created', async () => {
		lookup('race@example.com', []);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webcontact' })
			.reply(200, {
				success: 'true',
				data: {
					ClientID: 40,
					NewContact: false,
					Message: "Use 'updateContact' request to update contacts.",
				},
			});
		const { items } = await runWiseAgentNode({
			parameters: upsert({ email: 'race@example.com' }),
			continueOnFail: true,
		});
		expect(readBacks).toEqual([]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					error: expect.stringContaining('already exists (ClientID 40)'),
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('puts Match By first and the match fields at the top, required for their mode', async () => {
		const { WiseAgent } = await import('../../../nodes/WiseAgent/WiseAgent.node');
		const shown = new WiseAgent().description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes('contact') &&
				property.displayOptions?.show?.operation?.includes('upsert'),
		);
		const names = shown.map((property) => property.name);
		expect(names.indexOf('matchBy')).toBeLessThan(names.indexOf('email'));
		expect(names.indexOf('email')).toBeLessThan(names.indexOf('firstName'));
		const required = (name: string) =>
			shown
				.filter((property) => property.name === name && property.required)
				.map((property) => property.displayOptions?.show?.matchBy);
		expect(required('email')).toEqual([['email']]);
		// Match By Phone takes any one phone: Home and Work Phone (Additional Fields) match too.
		expect(required('mobilePhone')).toEqual([]);
		expect(names.indexOf('mobilePhone')).toBeLessThan(names.indexOf('firstName'));
		const additional = shown.find((property) => property.name === 'additionalFields')!;
		const options = (additional.options as Array<{ name: string }>).map((option) => option.name);
		expect(options).not.toContain('email');
		expect(options).not.toContain('mobilePhone');
		expect(options).toContain('homePhone');
	});
});
