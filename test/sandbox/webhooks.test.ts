import type { Sandbox } from '../../sandbox';
import { type Receiver, api, startReceiver, withSandbox } from './helpers';

let sandbox: Sandbox;
let token: string;
let receiver: Receiver;
let clientId: number;

beforeAll(async () => {
	({ sandbox, token } = await withSandbox({ contacts: 10 }));
	receiver = await startReceiver();
	clientId = [...sandbox.store.data.contacts.keys()][0];
});
afterAll(async () => {
	await sandbox.stop();
	await receiver.close();
});
beforeEach(() => {
	sandbox.store.data.webhooks.clear();
	sandbox.webhooks.clear();
	receiver.requests.length = 0;
});

const subscribe = async (EventType: string, Status = 'Active', Url = receiver.url) =>
	(await api(sandbox, token, 'POST', 'webhooks', { EventType, Status, Url })).json
		.WebhookID as number;

/** Waits for n deliveries, then asserts nothing else arrives shortly after. */
async function deliveriesExactly(n: number) {
	const done = await sandbox.waitForDeliveries(n, 5000);
	await new Promise((r) => setTimeout(r, 150));
	expect(sandbox.deliveries()).toHaveLength(n);
	return done;
}

describe('webhook delivery', () => {
	it('webcontact fires contactCreate with the documented body, after the response', async () => {
		await subscribe('contactCreate');
		const res = await api(sandbox, token, 'POST', 'webcontact', {
			CFirst: 'Web',
			CLast: 'Lead',
			Source: 'API',
			CEmail: 'web.lead@example.org',
		});
		const id = res.json.data.ClientID;
		const [delivery] = await deliveriesExactly(1);
		expect(delivery.statusCode).toBe(200);
		expect(delivery.error).toBeNull();
		expect(receiver.requests).toHaveLength(1);
		const body = receiver.requests[0].body;
		expect(Object.keys(body)).toEqual(['EventType', 'EventCreated', 'ResourceIds']);
		expect(body).toEqual({
			EventType: 'contactCreate',
			EventCreated: expect.stringMatching(/Z$/),
			ResourceIds: [id],
		});
		expect(receiver.requests[0].headers['content-type']).toBe('application/json');
		// A duplicate webcontact is not a create.
		await api(sandbox, token, 'POST', 'webcontact', {
			CFirst: 'Web',
			CLast: 'Lead',
			Source: 'API',
			CEmail: 'web.lead@example.org',
		});
		await deliveriesExactly(1);
	});

	it('contactUpdate subscribers receive the specific sub-types', async () => {
		await subscribe('contactUpdate');
		await api(sandbox, token, 'POST', 'updateContact', {
			clientID: clientId,
			AddCategories: 'Buyer',
		});
		await api(sandbox, token, 'POST', 'updateContact', {
			clientID: clientId,
			ContactStatus: 'Nurture',
		});
		await api(sandbox, token, 'POST', 'updateContact', {
			clientID: clientId,
			CFirst: 'Renamed',
			ContactStatus: 'Active',
		});
		await api(sandbox, token, 'POST', 'addClientsToCategory', {
			category: 'Seller',
			clientids: String(clientId),
		});
		await api(sandbox, token, 'POST', 'removeClientsFromCategory', {
			category: 'Seller',
			clientids: String(clientId),
		});
		sandbox.simulate({ event: 'contactUpdate', id: clientId, fields: { Source: 'Zillow' } });
		await deliveriesExactly(6);
		const types = receiver.requests.map((r) => r.body.EventType).sort();
		expect(types).toEqual([
			'contactUpdate',
			'contactUpdateCategory',
			'contactUpdateCategory',
			'contactUpdateCategory',
			'contactUpdateSource',
			'contactUpdateStatus',
		]);
		expect(receiver.requests.every((r) => r.body.ResourceIds[0] === clientId)).toBe(true);
	});

	it('subscribers to another event type and disabled webhooks get nothing', async () => {
		await subscribe('contactDelete');
		await subscribe('contactUpdate', 'Disabled');
		const active = await subscribe('contactUpdate');
		await api(sandbox, token, 'PUT', 'webhooks', { WebhookID: active, Status: 'Disabled' });
		await api(sandbox, token, 'POST', 'updateContact', { clientID: clientId, CFirst: 'Quiet' });
		await new Promise((r) => setTimeout(r, 200));
		expect(sandbox.deliveries()).toHaveLength(0);
		expect(receiver.requests).toHaveLength(0);
	});

	it('notes added or changed through the API do not fire noteCreate/noteUpdate; manual ones do', async () => {
		await subscribe('noteCreate');
		await subscribe('noteUpdate');
		const added = await api(sandbox, token, 'POST', 'addContactNote', {
			note: 'api note',
			subject: 's',
			clientids: String(clientId),
		});
		await api(sandbox, token, 'PUT', 'updateContactNote', {
			noteID: added.json[0].data[0].NoteID,
			note: 'edited',
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(sandbox.deliveries()).toHaveLength(0);
		const noteId = sandbox.simulate({
			event: 'noteCreate',
			clientId,
			note: 'typed in the web app',
		});
		sandbox.simulate({ event: 'noteUpdate', noteId, note: 'edited in the web app' });
		await deliveriesExactly(2);
		expect(receiver.requests.map((r) => r.body.EventType).sort()).toEqual([
			'noteCreate',
			'noteUpdate',
		]);
		expect(receiver.requests.every((r) => r.body.ResourceIds[0] === noteId)).toBe(true);
	});

	it('task events, including taskUpdateComplete, and taskDelete via webhooks+TaskID', async () => {
		await subscribe('taskCreate');
		await subscribe('taskUpdate');
		await subscribe('taskDelete');
		const created = await api(sandbox, token, 'POST', 'tasks', {
			Description: 'Call',
			ContactID: clientId,
		});
		const taskId = created.json.TaskID;
		await api(sandbox, token, 'PUT', 'tasks', { TaskID: taskId, Description: 'Call again' });
		await api(sandbox, token, 'PUT', 'tasks', { TaskID: taskId, Completed: 'yes' });
		await api(sandbox, token, 'DELETE', 'webhooks', { TaskID: taskId });
		await deliveriesExactly(4);
		expect(receiver.requests.map((r) => r.body.EventType).sort()).toEqual([
			'taskCreate',
			'taskDelete',
			'taskUpdate',
			'taskUpdateComplete',
		]);
		expect(receiver.requests.every((r) => r.body.ResourceIds[0] === taskId)).toBe(true);
	});

	it('property events', async () => {
		await subscribe('propertyCreate');
		await subscribe('propertyUpdate');
		await subscribe('propertyDelete');
		const created = await api(sandbox, token, 'POST', 'addProperty', {
			AddressNum: '1',
			Address: 'Hook St',
		});
		const id = Number(created.json.data.propertyId);
		await api(sandbox, token, 'PUT', 'updateProperty', { propertyID: id, City: 'Mesa' });
		await api(sandbox, token, 'DELETE', 'deleteProperty', { propertyID: id });
		await deliveriesExactly(3);
		expect(receiver.requests.map((r) => r.body.EventType).sort()).toEqual([
			'propertyCreate',
			'propertyDelete',
			'propertyUpdate',
		]);
	});

	it('contactDelete through the simulate admin endpoint', async () => {
		await subscribe('contactDelete');
		const victim = [...sandbox.store.data.contacts.keys()].at(-1)!;
		const res = await fetch(`${sandbox.baseUrl}/__sandbox/simulate`, {
			method: 'POST',
			body: JSON.stringify({ event: 'contactDelete', id: victim }),
		});
		expect(res.status).toBe(200);
		await deliveriesExactly(1);
		expect(receiver.requests[0].body).toMatchObject({
			EventType: 'contactDelete',
			ResourceIds: [victim],
		});
		const gone = await api(sandbox, token, 'GET', 'getSingleContact', { clientID: victim });
		expect(gone.json.Error).toBeDefined();
		const bad = await fetch(`${sandbox.baseUrl}/__sandbox/simulate`, {
			method: 'POST',
			body: JSON.stringify({ event: 'contactDelete', id: victim }),
		});
		expect(bad.status).toBe(400);
	});

	it('records failures: receiver errors, unreachable receivers and slow receivers past the timeout', async () => {
		const failing = await startReceiver((_req, res) => res.writeHead(500).end());
		const slow = await startReceiver((_req, res) =>
			setTimeout(() => res.writeHead(200).end(), 1500),
		);
		try {
			await subscribe('contactUpdate', 'Active', failing.url);
			await subscribe('contactUpdate', 'Active', 'http://127.0.0.1:1/unreachable');
			await subscribe('contactUpdate', 'Active', slow.url);
			sandbox.faults.add({ kind: 'webhookTimeout', timeoutMs: 300 });
			await api(sandbox, token, 'POST', 'updateContact', { clientID: clientId, CFirst: 'Boom' });
			const done = await sandbox.waitForDeliveries(3, 5000);
			const byUrl = Object.fromEntries(done.map((d) => [d.url, d]));
			expect(byUrl[failing.url].statusCode).toBe(500);
			expect(byUrl['http://127.0.0.1:1/unreachable'].error).toBeTruthy();
			expect(byUrl[slow.url].error).toMatch(/timeout/);
			expect(byUrl[slow.url].statusCode).toBeNull();
		} finally {
			sandbox.faults.clear();
			await failing.close();
			await slow.close();
		}
	});

	it('webhookDelay holds a delivery back', async () => {
		await subscribe('contactUpdate');
		sandbox.faults.add({ kind: 'webhookDelay', delayMs: 300, count: 1 });
		await api(sandbox, token, 'POST', 'updateContact', { clientID: clientId, CFirst: 'Later' });
		const [d] = await sandbox.waitForDeliveries(1, 5000);
		expect(Date.parse(d.startedAt!) - Date.parse(d.queuedAt)).toBeGreaterThanOrEqual(250);
		expect(sandbox.faults.list()).toHaveLength(0);
	});
});
