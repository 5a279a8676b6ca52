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

const task = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'task',
	operation,
	...parameters,
});

const tasks = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ TaskID: String(from + i), Description: 'Task' }));

describe('task: create (POST tasks)', () => {
	it('sends every field: due date as MM/DD/YYYY in the workflow zone, named options as numbers', async () => {
		const { scope, request } = mockRequest('POST', 'tasks', '{"success": true, "TaskID": 123}');
		const result = await runWiseAgentNode({
			parameters: task('create', {
				description: ' Call back ',
				contactId: locator('v26855'),
				additionalFields: {
					taskNote: 'About the listing',
					// 02:00 UTC on June 1st is May 31st in Los Angeles.
					dueDate: '2024-06-01T02:00:00Z',
					priority: 3,
					estimatedTime: 2,
					insideTeamId: '98',
					completed: false,
				},
			}),
			timezone: 'America/Los_Angeles',
		});
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({
			Description: 'Call back',
			TaskNote: 'About the listing',
			TaskDue: '05/31/2024',
			Priority: '3',
			EstimatedTime: '2',
			InsideTeamId: '98',
			Completed: 'no',
			ContactID: 'V26855',
		});
		expect(result.items).toEqual([
			{ json: { success: true, TaskID: 123 }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('a due date from the picker (no offset) is read in the workflow zone', async () => {
		const { request } = mockRequest('POST', 'tasks', { success: true, TaskID: 1 });
		await runWiseAgentNode({
			parameters: task('create', {
				description: 'x',
				additionalFields: { dueDate: '2024-12-31T23:30:00' },
			}),
			timezone: 'Asia/Tokyo',
		});
		expect(request.body).toEqual({ Description: 'x', TaskDue: '12/31/2024' });
	});

	it('rejects a task note over 2048 characters, before sending', async () => {
		const wire = tripwire();
		const result = await runWiseAgentNode({
			parameters: task('create', {
				description: 'x',
				additionalFields: { taskNote: 'a'.repeat(2049) },
			}),
		});
		expectInputError(result, 'Task Note');
		expect(result.error?.message).toContain('2049 characters');
		expect(wire.isDone()).toBe(false);
	});

	it('rejects a due date the API cannot read, and names the item', async () => {
		const { scope } = mockRequest('POST', 'tasks', { success: true, TaskID: 1 });
		const wire = tripwire();
		const result = await runWiseAgentNode({
			parameters: task('create', {
				description: 'x',
				additionalFields: { dueDate: '={{ $json.due }}' },
			}),
			items: [{ due: '2024-06-01' }, { due: 'next tuesday' }],
		});
		expectInputError(result, 'Due Date', 1);
		expect(scope.isDone()).toBe(true);
		expect(wire.isDone()).toBe(false);
	});

	it('rejects a bad contact id', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: task('create', {
					description: 'x',
					contactId: { __rl: true, mode: 'list', value: 'Bob' },
				}),
			},
			'Contact',
		);
	});

	it('API error → NodeApiError; continueOnFail → paired error item', async () => {
		mockRequest('POST', 'tasks', { Error: 'Missing Description' });
		expectApiError(
			await runWiseAgentNode({ parameters: task('create', { description: 'x' }) }),
			'Missing Description',
		);
		mockRequest('POST', 'tasks', { success: false, message: 'Invalid InsideTeamId' });
		expectErrorItem(
			await runWiseAgentNode({
				parameters: task('create', { description: 'x' }),
				continueOnFail: true,
			}),
			'Invalid InsideTeamId',
		);
	});
});

describe('task: update, complete, delete', () => {
	it('updates with PUT tasks, TaskID and only the given fields', async () => {
		const { scope, request } = mockRequest('PUT', 'tasks', { success: true, TaskID: 123 });
		const result = await runWiseAgentNode({
			parameters: task('update', {
				taskId: locator('123'),
				updateFields: { description: 'Renamed', priority: 0, completed: true },
			}),
		});
		expect(request.body).toEqual({
			TaskID: '123',
			Description: 'Renamed',
			Priority: '0',
			Completed: 'yes',
		});
		expect(jsonOf(result)).toEqual([{ success: true, TaskID: '123' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('update needs at least one field', async () => {
		await expectRejectedBeforeSending(
			{ parameters: task('update', { taskId: locator('123') }) },
			'Update Fields',
		);
	});

	it('complete sends only TaskID and Completed=yes', async () => {
		const { scope, request } = mockRequest('PUT', 'tasks', { success: true, TaskID: 5 });
		const result = await runWiseAgentNode({
			parameters: task('complete', { taskId: locator('5') }),
		});
		expect(request.body).toEqual({ TaskID: '5', Completed: 'yes' });
		expect(result.items).toEqual([
			{ json: { success: true, TaskID: '5', Completed: true }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('complete rejects a non-numeric task id', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: task('complete', { taskId: { __rl: true, mode: 'list', value: 'T5' } }),
			},
			'Task',
		);
	});
});

/** A task as the tasks list documents it, and its compact shape. */
const TASK = {
	TaskID: '11598',
	TaskDue: '7/24/2020',
	Completed: 'false',
	Priority: '3',
	Description: 'Call about the offer',
	AssignedTo: 'Sandy Agent',
	DateCreated: '7/20/2020 7:00:00 AM',
	DateModified: '7/20/2020 6:03:36 PM',
	EstimatedTime: '2',
	CompletedDate: '1/1/1900 7:00:00 AM',
	ContactID: '1822535',
};
const DONE_TASK = {
	...TASK,
	TaskID: '11599',
	Completed: 'true',
	Priority: '',
	EstimatedTime: '0',
	CompletedDate: '7/21/2020 9:00:00 AM',
	ContactID: '0',
};
const SIMPLIFIED_TASK = {
	id: '11598',
	description: 'Call about the offer',
	notes: null,
	dueDate: '2020-07-24',
	priority: 'High',
	estimatedTime: '15 - 30 Minutes',
	completed: false,
	completedAt: null,
	assignedTo: 'Sandy Agent',
	contactId: '1822535',
	// The account's Arizona clock (UTC−7): 7:00 AM is 14:00 UTC.
	createdAt: '2020-07-20T14:00:00.000Z',
	updatedAt: '2020-07-21T01:03:36.000Z',
};

describe('task: get many and get (GET tasks)', () => {
	it('a limit below a page asks for just that many', async () => {
		const { scope, request } = mockRequest('GET', 'tasks', {
			Page: 1,
			TotalCount: 500,
			Data: tasks(1, 3),
		});
		const result = await runWiseAgentNode({ parameters: task('getAll', { limit: 3 }) });
		expect(request.query).toEqual({ requestType: 'tasks', page: '1', page_size: '3' });
		expect(result.items.map((item) => item.json.id)).toEqual(['1', '2', '3']);
		expect(result.items[2].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	it('Return All stops at TotalCount without asking for an empty page', async () => {
		mockRequest('GET', 'tasks', { Page: 1, TotalCount: 200, Data: tasks(1, 100) }, { page: 1 });
		mockRequest('GET', 'tasks', { Page: 2, TotalCount: 200, Data: tasks(101, 100) }, { page: 2 });
		const third = mockRequest('GET', 'tasks', { Page: 3, TotalCount: 200, Data: [] }, { page: 3 });
		const result = await runWiseAgentNode({ parameters: task('getAll', { returnAll: true }) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(third.scope.isDone()).toBe(false);
	});

	it('stops on a short page when there is no TotalCount; limit mid-page', async () => {
		mockRequest('GET', 'tasks', { Data: tasks(1, 100) }, { page: 1 });
		mockRequest('GET', 'tasks', { Data: tasks(101, 100) }, { page: 2 });
		const limited = await runWiseAgentNode({ parameters: task('getAll', { limit: 130 }) });
		expect(limited.items).toHaveLength(130);
		expect(limited.items[129].json.id).toBe('130');

		mockRequest('GET', 'tasks', { Data: tasks(1, 100) }, { page: 1 });
		mockRequest('GET', 'tasks', { Data: tasks(101, 7) }, { page: 2 });
		const all = await runWiseAgentNode({ parameters: task('getAll', { returnAll: true }) });
		expect(all.items).toHaveLength(107);
	});

	it('get pages through the list until it finds the task', async () => {
		mockRequest('GET', 'tasks', { TotalCount: 150, Data: tasks(1, 100) }, { page: 1 });
		const second = mockRequest(
			'GET',
			'tasks',
			{ TotalCount: 150, Data: tasks(101, 50) },
			{ page: 2 },
		);
		const result = await runWiseAgentNode({
			parameters: task('get', { taskId: locator('120'), simplify: false }),
		});
		expect(second.request.query).toEqual({ requestType: 'tasks', page: '2', page_size: '100' });
		expect(result.items).toEqual([
			{ json: { TaskID: '120', Description: 'Task' }, pairedItem: { item: 0 } },
		]);
	});

	it('gives the compact task: Arizona times in UTC, named options, 1/1/1900 as null', async () => {
		mockRequest('GET', 'tasks', { TotalCount: 2, Data: [TASK, DONE_TASK] });
		const result = await runWiseAgentNode({ parameters: task('getAll', { limit: 2 }) });
		expect(result.items).toEqual([
			{ json: SIMPLIFIED_TASK, pairedItem: { item: 0 } },
			{
				json: {
					...SIMPLIFIED_TASK,
					id: '11599',
					priority: null,
					estimatedTime: null,
					completed: true,
					completedAt: '2020-07-21T16:00:00.000Z',
					contactId: null,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('get gives the compact task by default; Get Many with Simplify off, the record as sent', async () => {
		mockRequest('GET', 'tasks', { TotalCount: 1, Data: [TASK] });
		const simplified = await runWiseAgentNode({
			parameters: task('get', { taskId: locator('11598') }),
		});
		expect(simplified.items.map((item) => item.json)).toEqual([SIMPLIFIED_TASK]);

		mockRequest('GET', 'tasks', { TotalCount: 1, Data: [TASK] });
		const raw = await runWiseAgentNode({
			parameters: task('getAll', { limit: 1, simplify: false }),
		});
		expect(raw.items.map((item) => item.json)).toEqual([TASK]);
	});

	it('get: not in the list → not found (error item with continueOnFail)', async () => {
		mockRequest('GET', 'tasks', { TotalCount: 2, Data: tasks(1, 2) });
		const result = await runWiseAgentNode({
			parameters: task('get', { taskId: locator('999') }),
			continueOnFail: true,
		});
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: task 999 was not found' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('get: the search is bounded', async () => {
		for (let page = 1; page <= 20; page++) {
			mockRequest('GET', 'tasks', { Data: tasks(page * 1000, 100) }, { page });
		}
		const beyond = mockRequest('GET', 'tasks', { Data: tasks(1, 100) }, { page: 21 });
		const result = await runWiseAgentNode({ parameters: task('get', { taskId: locator('1') }) });
		expect(result.error?.message).toBe('Wise Agent: task 1 was not found');
		expect(beyond.scope.isDone()).toBe(false);
	});

	it('list error → NodeApiError', async () => {
		mockRequest('GET', 'tasks', { error: 'invalid_grant', error_description: 'Denied' });
		expectApiError(
			await runWiseAgentNode({ parameters: task('getAll', { limit: 5 }) }),
			'invalid_grant: Denied',
		);
	});
});
