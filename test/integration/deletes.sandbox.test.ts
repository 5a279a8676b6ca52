import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { credentialData, runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * Task and call delete through the node against the sandbox under both readings of the docs
 * (DELETE webhooks + TaskID/CallId as printed, or DELETE tasks/calls): the record is gone and
 * `deleted: true` is reported in both; never when the record is still there.
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;

beforeAll(async () => {
	nock.restore();
	sandbox = await startSandbox({ contacts: 3, seed: 5, strict: true });
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});

const run = (parameters: Record<string, unknown>) =>
	runWiseAgentNode({ parameters, credentials, timezone: 'America/Phoenix' });
const firstClientId = () => String([...sandbox.store.data.contacts.keys()][0]);

async function createTask(): Promise<string> {
	const { items, error } = await run({
		resource: 'task',
		operation: 'create',
		description: 'Delete me',
		contactId: { __rl: true, mode: 'id', value: firstClientId() },
	});
	expect(error).toBeUndefined();
	return String(items[0].json.TaskID ?? items[0].json.id);
}

async function createCall(): Promise<string> {
	const { items, error } = await run({
		resource: 'call',
		operation: 'create',
		contactId: { __rl: true, mode: 'id', value: firstClientId() },
		nextContactDate: '2030-03-10T14:05:00Z',
	});
	expect(error).toBeUndefined();
	return String(items[0].json.CallId ?? items[0].json.id);
}

describe.each(['asPrinted', 'resource'] as const)('delete reading "%s"', (reading) => {
	beforeEach(() => {
		sandbox.settings.deleteReading = reading;
	});

	it('Task → Delete removes the task and says so', async () => {
		const taskId = await createTask();
		const { items, error } = await run({
			resource: 'task',
			operation: 'delete',
			taskId: { __rl: true, mode: 'id', value: taskId },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			TaskID: taskId,
			deleted: true,
			requestType: reading === 'asPrinted' ? 'webhooks' : 'tasks',
		});
		expect(sandbox.store.data.tasks.has(Number(taskId))).toBe(false);
	});

	it('Call → Delete removes the call and says so', async () => {
		const callId = await createCall();
		const { items, error } = await run({ resource: 'call', operation: 'delete', callId });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			CallId: callId,
			deleted: true,
			requestType: reading === 'asPrinted' ? 'webhooks' : 'calls',
		});
		expect(sandbox.store.data.calls.has(Number(callId))).toBe(false);
	});
});
