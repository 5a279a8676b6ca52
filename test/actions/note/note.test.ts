import { runWiseAgentNode } from '../../helpers/n8n';
import {
	expectApiError,
	expectErrorItem,
	expectRejectedBeforeSending,
	jsonOf,
	locator,
	mockRequest,
	setUpNock,
} from '../../helpers/mockApi';

setUpNock();

const note = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'note',
	operation,
	...parameters,
});

describe('note: create (addContactNote)', () => {
	it('posts one note to the picked contact and the extra ids, one item per created note', async () => {
		const { scope, request } = mockRequest('POST', 'addContactNote', [
			{
				success: 'true',
				data: [
					{ ClientID: 42, NoteID: 663505 },
					{ ClientID: 'V7', NoteID: 663506 },
				],
			},
		]);
		const result = await runWiseAgentNode({
			parameters: note('create', {
				contactId: locator('42'),
				additionalContactIds: 'v7, 42',
				subject: 'Open house',
				note: 'Called <b>back</b>',
				additionalFields: { categories: ['Buyer', 'Hot'], insideTeamId: '98' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({
			clientids: '42,V7',
			subject: 'Open house',
			note: 'Called <b>back</b>',
			categories: 'Buyer,Hot',
			InsideTeamId: '98',
		});
		expect(result.items).toEqual([
			{ json: { success: true, ClientID: 42, NoteID: 663505 }, pairedItem: { item: 0 } },
			{ json: { success: true, ClientID: 'V7', NoteID: 663506 }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends only the fields given', async () => {
		const { scope, request } = mockRequest('POST', 'addContactNote', [{ success: 'true' }]);
		const result = await runWiseAgentNode({
			parameters: note('create', { contactId: locator('42'), note: 'Hi' }),
		});
		expect(request.body).toEqual({ clientids: '42', note: 'Hi' });
		expect(jsonOf(result)).toEqual([{ success: true, clientids: '42' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('rejects a bad extra contact id before sending', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: note('create', {
					contactId: locator('42'),
					additionalContactIds: '43, Bob',
					note: 'Hi',
				}),
			},
			'Additional Contact IDs',
		);
	});

	it('rejects an empty note before sending', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: note('create', { contactId: locator('42'), note: '  ' }),
			},
			'Note',
		);
	});

	it('turns {"Error":...} into a NodeApiError, or an error item with continueOnFail', async () => {
		mockRequest('POST', 'addContactNote', { Error: 'Missing ClientID' });
		expectApiError(
			await runWiseAgentNode({
				parameters: note('create', { contactId: locator('42'), note: 'x' }),
			}),
			'Missing ClientID',
		);
		mockRequest('POST', 'addContactNote', { Error: 'Missing ClientID' });
		mockRequest('POST', 'addContactNote', [
			{ success: 'true', data: [{ ClientID: 43, NoteID: 9 }] },
		]);
		const result = await runWiseAgentNode({
			parameters: note('create', {
				contactId: locator('={{ $json.id }}'),
				note: 'x',
			}),
			items: [{ id: '42' }, { id: '43' }],
			continueOnFail: true,
		});
		expectErrorItem(result, 'Missing ClientID', 0, 0);
		expect(result.items[1]).toEqual({
			json: { success: true, ClientID: 43, NoteID: 9 },
			pairedItem: { item: 1 },
		});
	});
});

describe('note: get many (getContactNotes)', () => {
	const rows = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({
			NoteID: from + i,
			Categories: '[{"name":"Buyer"}]',
		}));

	it('sends the filters, the date as MM/DD/YYYY in the workflow zone; compact notes', async () => {
		const { scope, request } = mockRequest('GET', 'getContactNotes', rows(1, 2));
		const result = await runWiseAgentNode({
			parameters: note('getAll', {
				contactId: locator('V26855'),
				limit: 5,
				filters: {
					categories: ['Buyer', 'Calllist'],
					subject: 'Showing',
					// 01:30 UTC on the 15th is still the 14th in New York.
					date: '2024-05-15T01:30:00Z',
				},
			}),
			timezone: 'America/New_York',
		});
		expect(request.query).toEqual({
			requestType: 'getContactNotes',
			ClientID: 'V26855',
			categories: 'Buyer,Calllist',
			subject: 'Showing',
			date: '05/14/2024',
			page: '1',
			page_size: '5',
		});
		expect(
			result.items.map((item) => [item.json.id, item.json.categories, item.pairedItem]),
		).toEqual([
			['1', ['Buyer'], { item: 0 }],
			['2', ['Buyer'], { item: 0 }],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('Return All pages by 100 until a short page; Simplify off keeps the fields, decoded', async () => {
		const first = mockRequest('GET', 'getContactNotes', rows(1, 100), { page: 1 });
		const second = mockRequest('GET', 'getContactNotes', { Notes: rows(101, 3) }, { page: 2 });
		const result = await runWiseAgentNode({
			parameters: note('getAll', { contactId: locator('42'), returnAll: true, simplify: false }),
		});
		expect(first.request.query?.page_size).toBe('100');
		expect(second.request.query?.page_size).toBe('100');
		expect(result.items).toHaveLength(103);
		expect(result.items[102].json).toEqual({ NoteID: 103, Categories: ['Buyer'] });
		expect(first.scope.isDone() && second.scope.isDone()).toBe(true);
	});

	it('stops at the limit in the middle of the second page', async () => {
		mockRequest('GET', 'getContactNotes', rows(1, 100), { page: 1 });
		const second = mockRequest('GET', 'getContactNotes', rows(101, 100), { page: 2 });
		const result = await runWiseAgentNode({
			parameters: note('getAll', { contactId: locator('42'), limit: 150 }),
		});
		expect(result.items).toHaveLength(150);
		expect(result.items[149].json.id).toBe('150');
		expect(second.scope.isDone()).toBe(true);
	});

	it('rejects a date the API cannot read, before sending', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: note('getAll', { contactId: locator('42'), filters: { date: '31/31/2024' } }),
			},
			'Date',
		);
	});

	it('rejects a bad contact id, before sending', async () => {
		await expectRejectedBeforeSending(
			{
				// List mode skips the locator's own regex, as an expression would.
				parameters: note('getAll', { contactId: { __rl: true, mode: 'list', value: 'abc' } }),
			},
			'Contact',
		);
	});
});

/** A note as getContactNotes documents it, and its compact shape. */
const NOTE = {
	NoteID: 663505,
	ClientID: 'V3',
	Subject: 'Open house',
	Note: 'Called <b>back</b>',
	NoteDate: '11/2/2020 1:42:00 PM',
	Categories: '[{"name":"Calllist"},{"name":"Buyer"}]',
	insideteamid: 0,
};
const SIMPLIFIED_NOTE = {
	id: '663505',
	contactId: 'V3',
	subject: 'Open house',
	text: 'Called <b>back</b>',
	categories: ['Calllist', 'Buyer'],
	// 0 is "all team members": no one member.
	teamMemberId: null,
	// 1:42 PM on the account's Arizona clock (UTC−7).
	createdAt: '2020-11-02T20:42:00.000Z',
};

describe('note: get', () => {
	it('with Simplify off, gives the note as sent with Categories decoded', async () => {
		mockRequest('GET', 'getContactNotes', [NOTE]);
		const result = await runWiseAgentNode({
			parameters: note('get', { noteId: '663505', contactId: locator('V3'), simplify: false }),
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{ ...NOTE, Categories: ['Calllist', 'Buyer'] },
		]);
	});

	it('asks getContactNotes for the NoteID (and the contact when given)', async () => {
		const { scope, request } = mockRequest('GET', 'getContactNotes', [NOTE]);
		const result = await runWiseAgentNode({
			parameters: note('get', { noteId: '663505', contactId: locator('V3') }),
		});
		expect(request.query).toEqual({
			requestType: 'getContactNotes',
			NoteID: '663505',
			ClientID: 'V3',
		});
		expect(result.items).toEqual([{ json: SIMPLIFIED_NOTE, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it('fails with "not found" on an empty answer, and pairs the error item', async () => {
		mockRequest('GET', 'getContactNotes', []);
		const result = await runWiseAgentNode({
			parameters: note('get', { noteId: '5' }),
			continueOnFail: true,
		});
		expect(result.items).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ error: 'Wise Agent: note 5 was not found' }),
				pairedItem: { item: 0 },
			}),
		]);
	});

	it('never returns a note with another NoteID than the one asked for', async () => {
		// An API that ignores NoteID without ClientID answers with the contact's (or all) notes.
		const { scope } = mockRequest('GET', 'getContactNotes', [
			{ NoteID: 4, Note: 'someone else’s note' },
			{ NoteID: 6, Note: 'another one' },
		]);
		const result = await runWiseAgentNode({ parameters: note('get', { noteId: '5' }) });
		expect(result.error?.message).toBe('Wise Agent: note 5 was not found');
		// Without a Contact, the error says what may have gone wrong and what to do.
		expect(result.error?.description).toContain('set Contact and try again');
		expect(scope.isDone()).toBe(true);
	});

	it('picks the asked-for note out of an answer holding several', async () => {
		mockRequest('GET', 'getContactNotes', {
			Notes: [{ NoteID: 4 }, { NoteID: '5', Note: 'mine' }],
		});
		const result = await runWiseAgentNode({
			parameters: note('get', { noteId: '5', simplify: false }),
		});
		expect(result.items.map((item) => item.json)).toEqual([{ NoteID: '5', Note: 'mine' }]);
	});

	it('rejects a non-numeric note id', async () => {
		await expectRejectedBeforeSending({ parameters: note('get', { noteId: 'N5' }) }, 'Note ID');
	});
});

describe('note: update, update categories, delete', () => {
	it('updates text and subject with PUT, vendor=true for vendor notes', async () => {
		const { scope, request } = mockRequest('PUT', 'updateContactNote', '[{"success": "true" }]');
		const result = await runWiseAgentNode({
			parameters: note('update', {
				noteId: '77',
				vendor: true,
				updateFields: { note: 'New text', subject: 'New subject' },
			}),
		});
		expect(request.body).toEqual({
			noteID: '77',
			vendor: 'true',
			note: 'New text',
			subject: 'New subject',
		});
		expect(jsonOf(result)).toEqual([{ success: true, NoteID: '77' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('requires something to update', async () => {
		await expectRejectedBeforeSending(
			{ parameters: note('update', { noteId: '77', updateFields: {} }) },
			'Update Fields',
		);
	});

	it('a locked note: the API refusal becomes a NodeApiError with its message', async () => {
		mockRequest('PUT', 'updateContactNote', [{ success: 'false', message: 'Note is locked' }]);
		expectApiError(
			await runWiseAgentNode({
				parameters: note('update', { noteId: '77', updateFields: { note: 'x' } }),
			}),
			'Note is locked',
		);
	});

	it('sets categories with PUT updateContactNoteCategories (client note: no vendor flag)', async () => {
		const { scope, request } = mockRequest('PUT', 'updateContactNoteCategories', [
			{ success: 'true' },
		]);
		const result = await runWiseAgentNode({
			parameters: note('updateCategories', { noteId: '77', categories: ['Buyer', 'Seller'] }),
		});
		expect(request.body).toEqual({ noteID: '77', categories: 'Buyer,Seller' });
		expect(jsonOf(result)).toEqual([{ success: true, NoteID: '77', categories: 'Buyer,Seller' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('update categories: API error with continueOnFail gives a paired error item', async () => {
		mockRequest('PUT', 'updateContactNoteCategories', { error: 'Note not found' });
		const result = await runWiseAgentNode({
			parameters: note('updateCategories', { noteId: '77', categories: ['Buyer'] }),
			continueOnFail: true,
		});
		expectErrorItem(result, 'Note not found');
	});

	it('deletes with DELETE removeContactNote', async () => {
		const { scope, request } = mockRequest('DELETE', 'removeContactNote', [{ success: 'true' }]);
		const result = await runWiseAgentNode({
			parameters: note('delete', { noteId: '77', vendor: true }),
		});
		expect(request.body).toEqual({ noteID: '77', vendor: 'true' });
		expect(result.items).toEqual([
			{ json: { success: true, NoteID: '77', deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('delete: [{"success":"false"}] is an error', async () => {
		mockRequest('DELETE', 'removeContactNote', [{ success: 'false' }]);
		expectApiError(
			await runWiseAgentNode({ parameters: note('delete', { noteId: '77' }) }),
			'The API reported a failure',
		);
	});
});
