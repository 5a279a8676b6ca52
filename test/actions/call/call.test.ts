import { runWiseAgentNode } from '../../helpers/n8n';
import {
	expectApiError,
	expectErrorItem,
	expectInputError,
	expectRejectedBeforeSending,
	jsonOf,
	locator,
	mockRequest,
	setUpNock,
	tripwire,
} from '../../helpers/mockApi';

setUpNock();

const call = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'call',
	operation,
	...parameters,
});

const calls = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ CallId: String(from + i), ClientId: '42' }));

describe('call: create (POST calls)', () => {
	it('sends the contact, NextContactDate as YYYY-MM-DD HH:mm in Arizona time, and the fields', async () => {
		const { scope, request } = mockRequest('POST', 'calls', '{"success": true, "id": 123}');
		const result = await runWiseAgentNode({
			parameters: call('create', {
				contactId: locator('V26855'),
				nextContactDate: '2024-03-10T14:05:00Z',
				additionalFields: {
					callType: 'Phone',
					completed: false,
					flagImportant: true,
					insideTeamId: '98',
					reason: 'Follow up on offer',
				},
			}),
			timezone: 'America/Phoenix',
		});
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({
			ClientId: 'V26855',
			NextContactDate: '2024-03-10 07:05',
			CallType: 'Phone',
			Completed: 'false',
			FlagImportant: 'true',
			InsideTeamId: '98',
			Reason: 'Follow up on offer',
		});
		expect(result.items).toEqual([
			{ json: { success: true, id: 123, ClientId: 'V26855' }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('assigns by team member name', async () => {
		const { request } = mockRequest('POST', 'calls', { success: true, id: 1 });
		await runWiseAgentNode({
			parameters: call('create', {
				contactId: locator('42'),
				nextContactDate: '2024-03-10 09:00',
				additionalFields: { assignedTo: 'Jane Agent' },
			}),
			timezone: 'UTC',
		});
		expect(request.body).toEqual({
			ClientId: '42',
			// 09:00 in the workflow's zone (UTC) is 02:00 in Arizona.
			NextContactDate: '2024-03-10 02:00',
			AssignedTo: 'Jane Agent',
		});
	});

	it('rejects a reason over 100 characters, before sending', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: call('create', {
					contactId: locator('42'),
					nextContactDate: '2024-03-10 09:00',
					additionalFields: { reason: 'r'.repeat(101) },
				}),
			},
			'Reason',
		);
	});

	it('rejects a team member id and a name together', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: call('create', {
					contactId: locator('42'),
					nextContactDate: '2024-03-10 09:00',
					additionalFields: { insideTeamId: '1', assignedTo: 'Jane' },
				}),
			},
			'Assigned To (Name)',
		);
	});

	it('rejects a next contact date the API cannot read', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: call('create', { contactId: locator('42'), nextContactDate: '2024-13-45' }),
			},
			'Next Contact Date',
		);
	});

	it('API error → NodeApiError; continueOnFail → paired error item', async () => {
		const parameters = call('create', {
			contactId: locator('42'),
			nextContactDate: '2024-03-10 09:00',
		});
		mockRequest('POST', 'calls', { Error: 'Missing ClientId' });
		expectApiError(await runWiseAgentNode({ parameters }), 'Missing ClientId');
		mockRequest('POST', 'calls', { Error: 'Missing ClientId' });
		expectErrorItem(
			await runWiseAgentNode({ parameters, continueOnFail: true }),
			'Missing ClientId',
		);
	});
});

/** A call list entry as documented, and its compact shape. */
const CALL = {
	CallId: '11598',
	Completed: 'false',
	FlagImportant: 'true',
	Reason: 'Follow up on the showing',
	AssignedTo: 'Team Member Name',
	InsideTeamId: '',
	DateAdded: '7/20/2020 7:00:00 AM UTC',
	NextContactDate: '7/20/2020 6:03:36 PM',
	ClientId: '234',
	CallType: '',
};
const SIMPLIFIED_CALL = {
	id: '11598',
	contactId: '234',
	reason: 'Follow up on the showing',
	callType: null,
	important: true,
	completed: false,
	assignedTo: 'Team Member Name',
	teamMemberId: null,
	// Printed with " UTC".
	createdAt: '2020-07-20T07:00:00.000Z',
	// No zone: the account's Arizona clock (UTC−7).
	nextContactAt: '2020-07-21T01:03:36.000Z',
};

describe('call: update, delete, get', () => {
	it('updates with PUT calls: CallId, DateCompleted in UTC, only the given fields', async () => {
		const { scope, request } = mockRequest('PUT', 'calls', { success: true, id: 7 });
		const result = await runWiseAgentNode({
			parameters: call('update', {
				callId: '7',
				updateFields: { completed: true, dateCompleted: '2024-03-10T09:30:00' },
			}),
			timezone: 'Europe/Berlin',
		});
		expect(request.body).toEqual({
			CallId: '7',
			Completed: 'true',
			DateCompleted: '2024-03-10 08:30',
		});
		expect(jsonOf(result)).toEqual([{ success: true, id: 7, CallId: '7' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('update can move the call to another contact', async () => {
		const { request } = mockRequest('PUT', 'calls', { success: true, id: 7 });
		await runWiseAgentNode({
			parameters: call('update', { callId: '7', contactId: locator('43') }),
		});
		expect(request.body).toEqual({ CallId: '7', ClientId: '43' });
	});

	it('update rejects a bad call id and an empty update', async () => {
		const wire = tripwire();
		expectInputError(
			await runWiseAgentNode({
				parameters: call('update', { callId: 'x1', updateFields: { completed: true } }),
			}),
			'Call ID',
		);
		expectInputError(
			await runWiseAgentNode({ parameters: call('update', { callId: '7' }) }),
			'Update Fields',
		);
		expect(wire.isDone()).toBe(false);
	});

	it('get asks for callId and returns the compact call', async () => {
		const { scope, request } = mockRequest('GET', 'calls', { Data: [CALL] });
		const result = await runWiseAgentNode({ parameters: call('get', { callId: '11598' }) });
		expect(request.query).toEqual({ requestType: 'calls', callId: '11598' });
		expect(result.items).toEqual([{ json: SIMPLIFIED_CALL, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	it('get with Simplify off returns the record as sent', async () => {
		mockRequest('GET', 'calls', { Data: [CALL] });
		const result = await runWiseAgentNode({
			parameters: call('get', { callId: '11598', simplify: false }),
		});
		expect(result.items.map((item) => item.json)).toEqual([CALL]);
	});

	it('get never returns a call with another CallId than the one asked for', async () => {
		mockRequest('GET', 'calls', { Data: calls(8, 2) });
		const result = await runWiseAgentNode({ parameters: call('get', { callId: '7' }) });
		expect(result.error?.message).toBe('Wise Agent: call 7 was not found');
	});

	it('get: no record → not found', async () => {
		mockRequest('GET', 'calls', { Data: [] });
		const result = await runWiseAgentNode({ parameters: call('get', { callId: '1' }) });
		expect(result.error?.message).toBe('Wise Agent: call 1 was not found');
	});
});

describe('call: get many (GET calls with clientId)', () => {
	it('sends clientId, ordering and paging; stops at the limit mid-page', async () => {
		const first = mockRequest('GET', 'calls', { Data: calls(1, 100) }, { page: 1 });
		mockRequest('GET', 'calls', { Data: calls(101, 100) }, { page: 2 });
		const result = await runWiseAgentNode({
			parameters: call('getAll', {
				contactId: locator('42'),
				limit: 120,
				orderByNextContactDate: true,
			}),
		});
		expect(first.request.query).toEqual({
			requestType: 'calls',
			clientId: '42',
			orderByNextContactDate: 'true',
			page: '1',
			page_size: '100',
		});
		expect(result.items).toHaveLength(120);
		expect(result.items[119].pairedItem).toEqual({ item: 0 });
		expect(result.items[119].json).toMatchObject({ id: '120', contactId: '42' });
	});

	it('Return All stops on a short page', async () => {
		mockRequest('GET', 'calls', { Data: calls(1, 100) }, { page: 1 });
		mockRequest('GET', 'calls', { Data: calls(101, 2) }, { page: 2 });
		mockRequest('GET', 'calls', { Data: calls(1, 1) }, { page: 3 });
		const result = await runWiseAgentNode({
			parameters: call('getAll', { contactId: locator('42'), returnAll: true }),
		});
		// Page 3 may be read ahead (test/transport/paging.test.ts): past the short page it is dropped.
		expect(result.items).toHaveLength(102);
		expect(result.items[101].json.id).toBe('102');
	});

	it('rejects a bad contact id', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: call('getAll', { contactId: { __rl: true, mode: 'list', value: 'x' } }),
			},
			'Contact',
		);
	});
});

describe('call: NextContactDate is sent as Arizona wall time of the same instant', () => {
	it.each([
		// [workflow zone, picked wall time, Arizona wall time of that instant]
		['America/New_York', '2024-07-15T09:00:00', '2024-07-15 06:00'], // UTC−4 in summer
		['America/New_York', '2024-01-15T09:00:00', '2024-01-15 07:00'], // UTC−5 in winter
		['Europe/Berlin', '2024-07-15T01:30:00', '2024-07-14 16:30'], // crosses midnight back
		['America/Phoenix', '2024-07-15T09:00:00', '2024-07-15 09:00'],
	])('%s: %s → %s', async (timezone, picked, arizona) => {
		const { request } = mockRequest('POST', 'calls', { success: true, id: 1 });
		const result = await runWiseAgentNode({
			parameters: call('create', { contactId: locator('42'), nextContactDate: picked }),
			timezone,
		});
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({ ClientId: '42', NextContactDate: arizona });
	});

	it('update sends the Arizona time too; Date Completed stays UTC as documented', async () => {
		const { request } = mockRequest('PUT', 'calls', { success: true, id: 7 });
		await runWiseAgentNode({
			parameters: call('update', {
				callId: '7',
				updateFields: {
					nextContactDate: '2024-07-15T09:00:00',
					dateCompleted: '2024-07-15T09:00:00',
				},
			}),
			timezone: 'America/New_York',
		});
		expect(request.body).toEqual({
			CallId: '7',
			NextContactDate: '2024-07-15 06:00',
			DateCompleted: '2024-07-15 13:00',
		});
	});
});
