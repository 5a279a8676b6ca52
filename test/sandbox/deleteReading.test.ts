/**
 * The docs print task and call deletion as `DELETE requestType=webhooks` with `TaskID` / `CallId`.
 * `deleteReading` switches between that print (`asPrinted`, default) and the misprint reading
 * (`resource`: `DELETE tasks` / `DELETE calls`; the webhooks form is acknowledged and applies nothing).
 */
import type { Sandbox } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { type Receiver, api, startReceiver, withSandbox } from './helpers';

let sandbox: Sandbox;
let token: string;
let receiver: Receiver;

beforeAll(async () => {
	({ sandbox, token } = await withSandbox({ contacts: 10 }));
	receiver = await startReceiver();
});
afterAll(async () => {
	await sandbox.stop();
	await receiver.close();
});
beforeEach(async () => {
	sandbox.settings.deleteReading = 'asPrinted';
	sandbox.settings.strict = false;
	sandbox.store.data.webhooks.clear();
	sandbox.webhooks.clear();
	await api(sandbox, token, 'POST', 'webhooks', {
		EventType: 'taskDelete',
		Status: 'Active',
		Url: receiver.url,
	});
});

const call = (
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	requestType: string,
	params: Record<string, string | number> = {},
) => api(sandbox, token, method, requestType, params);

const newTask = async () =>
	(await call('POST', 'tasks', { Description: 'To delete' })).json.TaskID as number;
const newCall = async () => {
	const clientId = [...sandbox.store.data.contacts.keys()][0];
	return (await call('POST', 'calls', { ClientId: clientId, Reason: 'To delete' })).json
		.id as number;
};
/** Lets deliveries queued after the response go out, then lists them. */
const settle = async () => {
	await new Promise((r) => setTimeout(r, 150));
	return sandbox.deliveries();
};

describe("deleteReading 'asPrinted' (default)", () => {
	it('is the default everywhere', async () => {
		const { sandbox: fresh } = await withSandbox({ contacts: 1 });
		try {
			expect(fresh.settings.deleteReading).toBe('asPrinted');
			const info = await (await fetch(`${fresh.baseUrl}/__sandbox/settings`)).json();
			expect(info).toMatchObject({ deleteReading: 'asPrinted', strict: false });
		} finally {
			await fresh.stop();
		}
		expect(parseArgs([]).deleteReading).toBeUndefined();
	});

	it('DELETE webhooks + TaskID / CallId deletes the task / call (and fires taskDelete)', async () => {
		const taskId = await newTask();
		expect((await call('DELETE', 'webhooks', { TaskID: taskId })).json).toEqual({
			success: true,
			TaskID: taskId,
		});
		expect(sandbox.store.data.tasks.has(taskId)).toBe(false);
		const [delivery] = await sandbox.waitForDeliveries(1);
		expect(delivery.body).toMatchObject({ EventType: 'taskDelete', ResourceIds: [taskId] });

		const callId = await newCall();
		expect((await call('DELETE', 'webhooks', { CallId: callId })).json).toEqual({
			success: true,
			id: callId,
		});
		expect(sandbox.store.data.calls.has(callId)).toBe(false);
	});

	it('DELETE tasks / DELETE calls answer like any unsupported method and delete nothing', async () => {
		const taskId = await newTask();
		const callId = await newCall();
		const tasks = await call('DELETE', 'tasks', { TaskID: taskId });
		const calls = await call('DELETE', 'calls', { CallId: callId });
		// The same answer as another method the docs do not list for a request type.
		const unsupported = await call('DELETE', 'getContacts');
		expect(unsupported.json).toEqual({ Error: "Invalid requestType 'getContacts' for DELETE" });
		expect(tasks.status).toBe(unsupported.status);
		expect(tasks.json).toEqual({ Error: "Invalid requestType 'tasks' for DELETE" });
		expect(calls.json).toEqual({ Error: "Invalid requestType 'calls' for DELETE" });
		expect(sandbox.store.data.tasks.has(taskId)).toBe(true);
		expect(sandbox.store.data.calls.has(callId)).toBe(true);
		expect(await settle()).toEqual([]);
	});
});

describe("deleteReading 'resource'", () => {
	beforeEach(() => {
		sandbox.settings.deleteReading = 'resource';
	});

	it('DELETE tasks + TaskID and DELETE calls + CallId delete, answering like the printed delete', async () => {
		const taskId = await newTask();
		expect((await call('DELETE', 'tasks', { TaskID: taskId })).json).toEqual({
			success: true,
			TaskID: taskId,
		});
		expect(sandbox.store.data.tasks.has(taskId)).toBe(false);
		const [delivery] = await sandbox.waitForDeliveries(1);
		expect(delivery.body).toMatchObject({ EventType: 'taskDelete', ResourceIds: [taskId] });

		const callId = await newCall();
		expect((await call('DELETE', 'calls', { CallId: callId })).json).toEqual({
			success: true,
			id: callId,
		});
		expect(sandbox.store.data.calls.has(callId)).toBe(false);

		expect((await call('DELETE', 'tasks', { TaskID: taskId })).json).toEqual({
			success: false,
			message: `TaskID ${taskId} not found`,
		});
	});

	it('DELETE webhooks + TaskID / CallId is acknowledged (HTTP 200, success) but deletes nothing', async () => {
		const taskId = await newTask();
		const callId = await newCall();
		const task = await call('DELETE', 'webhooks', { TaskID: taskId });
		expect(task.status).toBe(200);
		expect(task.json).toEqual({ success: true, TaskID: taskId });
		const callRes = await call('DELETE', 'webhooks', { CallId: callId });
		expect(callRes.status).toBe(200);
		expect(callRes.json).toEqual({ success: true, id: callId });
		expect(sandbox.store.data.tasks.has(taskId)).toBe(true);
		expect(sandbox.store.data.calls.has(callId)).toBe(true);
		expect(await settle()).toEqual([]);
	});

	it('DELETE webhooks + WebhookID still deletes the webhook', async () => {
		const [hook] = sandbox.store.data.webhooks.keys();
		expect((await call('DELETE', 'webhooks', { WebhookID: hook })).json).toEqual({
			success: true,
			WebhookID: hook,
		});
		expect(sandbox.store.data.webhooks.size).toBe(0);
	});

	it('DELETE tasks needs the team scope, DELETE calls the contacts scope', async () => {
		const taskId = await newTask();
		const profileOnly = sandbox.issueToken(['profile']).accessToken;
		const res = await api(sandbox, profileOnly, 'DELETE', 'tasks', { TaskID: taskId });
		expect(res.status).toBe(403);
		expect(res.json.error_description).toMatch(/team/);
		const calls = await api(sandbox, profileOnly, 'DELETE', 'calls', { CallId: 1 });
		expect(calls.json.error_description).toMatch(/contacts/);
		expect(sandbox.store.data.tasks.has(taskId)).toBe(true);
	});

	it('strict mode applies to the new routes: `TaskID` / `CallId` as printed', async () => {
		sandbox.settings.strict = true;
		const taskId = await newTask();
		expect((await call('DELETE', 'tasks', { taskID: taskId })).json).toEqual({
			success: false,
			message: 'unknown parameter taskID (the docs spell it TaskID)',
		});
		expect((await call('DELETE', 'calls', { callId: 1 })).json.message).toBe(
			'unknown parameter callId (the docs spell it CallId)',
		);
		expect(sandbox.store.data.tasks.has(taskId)).toBe(true);
	});
});

describe('switching the reading', () => {
	it('one test can flip it programmatically and through the control API', async () => {
		const first = await newTask();
		await call('DELETE', 'webhooks', { TaskID: first });
		expect(sandbox.store.data.tasks.has(first)).toBe(false);

		const set = await fetch(`${sandbox.baseUrl}/__sandbox/settings`, {
			method: 'POST',
			body: JSON.stringify({ deleteReading: 'resource' }),
		});
		expect(set.status).toBe(200);
		expect(await set.json()).toMatchObject({ deleteReading: 'resource' });
		expect(sandbox.settings.deleteReading).toBe('resource');
		const second = await newTask();
		await call('DELETE', 'webhooks', { TaskID: second });
		expect(sandbox.store.data.tasks.has(second)).toBe(true);
		await call('DELETE', 'tasks', { TaskID: second });
		expect(sandbox.store.data.tasks.has(second)).toBe(false);

		sandbox.settings.deleteReading = 'asPrinted';
		const third = await newTask();
		expect((await call('DELETE', 'tasks', { TaskID: third })).json.Error).toBeDefined();
		expect(sandbox.store.data.tasks.has(third)).toBe(true);

		const bad = await fetch(`${sandbox.baseUrl}/__sandbox/settings`, {
			method: 'POST',
			body: JSON.stringify({ deleteReading: 'misprint' }),
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ error: 'deleteReading must be one of asPrinted, resource' });
		expect(sandbox.settings.deleteReading).toBe('asPrinted');
	});

	it('the option and the CLI flag set it at start', async () => {
		const { sandbox: other } = await withSandbox({ contacts: 1, deleteReading: 'resource' });
		try {
			expect(other.settings.deleteReading).toBe('resource');
		} finally {
			await other.stop();
		}
		expect(parseArgs(['--delete-reading', 'resource']).deleteReading).toBe('resource');
		expect(parseArgs(['--delete-reading=asPrinted']).deleteReading).toBe('asPrinted');
		expect(() => parseArgs(['--delete-reading', 'tasks'])).toThrow(/asPrinted, resource/);
		await expect(withSandbox({ deleteReading: 'x' as never })).rejects.toThrow(/deleteReading/);
	});
});
