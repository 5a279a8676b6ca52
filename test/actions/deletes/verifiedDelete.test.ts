import { runWiseAgentNode } from '../../helpers/n8n';
import { locator, mockRequest, setUpNock } from '../../helpers/mockApi';

setUpNock();

/**
 * The docs print task and call deletion as DELETE requestType=webhooks (with TaskID / CallId),
 * which may be a misprint for tasks / calls. Whatever the API does, the node reports
 * `deleted: true` only when the record is gone when read back.
 */
const taskList = (...ids: number[]) => ({
	Page: 1,
	TotalCount: ids.length,
	Data: ids.map((id) => ({ TaskID: String(id), Description: `T${id}` })),
});
const deleteTask = (taskId: string) => ({
	resource: 'task',
	operation: 'delete',
	taskId: locator(taskId),
});
const deleteCall = (callId: string) => ({ resource: 'call', operation: 'delete', callId });

describe('task delete, read back', () => {
	it('the printed reading (DELETE webhooks + TaskID) deletes it: deleted, once', async () => {
		mockRequest('GET', 'tasks', taskList(8, 9));
		const printed = mockRequest('DELETE', 'webhooks', { success: true });
		mockRequest('GET', 'tasks', taskList(8));
		const { items, error } = await runWiseAgentNode({ parameters: deleteTask('9') });
		expect(error).toBeUndefined();
		expect(printed.request.body).toEqual({ TaskID: '9' });
		expect(items.map((item) => item.json)).toEqual([
			{ success: true, TaskID: '9', deleted: true, requestType: 'webhooks' },
		]);
	});

	it('acknowledged by the printed reading but still there → tries DELETE tasks, which deletes it', async () => {
		mockRequest('GET', 'tasks', taskList(9));
		mockRequest('DELETE', 'webhooks', { success: true });
		mockRequest('GET', 'tasks', taskList(9));
		const resource = mockRequest('DELETE', 'tasks', { success: true });
		mockRequest('GET', 'tasks', taskList());
		const { items } = await runWiseAgentNode({ parameters: deleteTask('9') });
		expect(resource.request.body).toEqual({ TaskID: '9' });
		expect(items[0].json).toMatchObject({ TaskID: '9', deleted: true, requestType: 'tasks' });
	});

	it('acknowledged but never applied → the item fails, saying so (never deleted: true)', async () => {
		mockRequest('GET', 'tasks', taskList(9));
		mockRequest('DELETE', 'webhooks', { success: true });
		mockRequest('GET', 'tasks', taskList(9));
		mockRequest('DELETE', 'tasks', { success: true });
		mockRequest('GET', 'tasks', taskList(9));
		const { items } = await runWiseAgentNode({ parameters: deleteTask('9'), continueOnFail: true });
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					error: 'Wise Agent acknowledged the delete of task 9 but did not delete it',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a task that does not exist is "not found", and no DELETE is sent', async () => {
		mockRequest('GET', 'tasks', taskList(8));
		const wire = mockRequest('DELETE', 'webhooks', { success: true });
		const { error } = await runWiseAgentNode({ parameters: deleteTask('9') });
		expect(error?.message).toBe('Wise Agent: task 9 was not found');
		expect(wire.scope.isDone()).toBe(false);
	});
});

describe('call delete, read back', () => {
	const call = { Data: [{ CallId: '7', ClientId: '42' }] };

	it('the printed reading refused → DELETE calls deletes it', async () => {
		mockRequest('GET', 'calls', call);
		mockRequest('DELETE', 'webhooks', { error: 'WebhookID is required' });
		mockRequest('GET', 'calls', call);
		const resource = mockRequest('DELETE', 'calls', { success: true });
		mockRequest('GET', 'calls', { success: false, error: 'CallId 7 not found' });
		const { items, error } = await runWiseAgentNode({ parameters: deleteCall('7') });
		expect(error).toBeUndefined();
		expect(resource.request.body).toEqual({ CallId: '7' });
		expect(items[0].json).toMatchObject({ CallId: '7', deleted: true, requestType: 'calls' });
	});

	it('both readings refused → the API’s own message', async () => {
		mockRequest('GET', 'calls', call);
		mockRequest('DELETE', 'webhooks', { error: 'WebhookID is required' });
		mockRequest('GET', 'calls', call);
		mockRequest('DELETE', 'calls', { error: 'Method not allowed' });
		mockRequest('GET', 'calls', call);
		const { error } = await runWiseAgentNode({ parameters: deleteCall('7') });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Wise Agent: Method not allowed');
	});
});
