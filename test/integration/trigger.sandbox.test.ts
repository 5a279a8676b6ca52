import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { credentialData } from '../helpers/n8n';
import { PRODUCTION_URL, TriggerHarness } from '../helpers/trigger';

/**
 * The webhook trigger against the sandbox: registration, health check and removal go to the
 * sandbox's webhooks API, and a change made through the sandbox fires a real HTTP delivery,
 * which is handed to the trigger exactly as received.
 */
let sandbox: Sandbox;
let receiver: http.Server;
let received: Array<{ url: string; body: unknown }> = [];

beforeAll(async () => {
	nock.restore();
	sandbox = await startSandbox({ contacts: 5, seed: 3, strict: true });
	receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', body: JSON.parse(text) });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await sandbox.stop();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function harness(events: string[]) {
	const token = sandbox.issueToken();
	return new TriggerHarness(
		new WiseAgentTrigger(),
		{ events, includeRecord: true },
		{
			credentials: credentialData({
				serverUrl: sandbox.baseUrl,
				oauthTokenData: {
					access_token: token.accessToken,
					refresh_token: token.refreshToken,
					expires_at: token.expiresAt,
				},
			}),
		},
	);
}

const registered = () => [...sandbox.store.data.webhooks.values()];

describe('Wise Agent Trigger against the sandbox', () => {
	it('registers one webhook per event, confirms them, and removes exactly those', async () => {
		const trigger = harness(['contactCreate', 'contactUpdate']);
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		expect(registered().map((hook) => [hook.EventType, hook.Status])).toEqual([
			['contactCreate', 'Active'],
			['contactUpdate', 'Active'],
		]);
		expect(registered().every((hook) => hook.Url.startsWith(`${PRODUCTION_URL}?token=`))).toBe(
			true,
		);
		expect(await trigger.hook('checkExists')).toBe(true);

		// Removed behind our back: the health check notices.
		sandbox.store.data.webhooks.delete(registered()[0].WebhookID);
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		expect(registered()).toHaveLength(2);

		expect(await trigger.hook('delete')).toBe(true);
		expect(registered()).toEqual([]);
	});

	it('turns a real delivery from the sandbox into items with the full record', async () => {
		const trigger = harness(['contactUpdate']);
		await trigger.hook('create');
		// Point the registered webhook at our receiver, keeping the trigger's path and token.
		const hook = registered()[0];
		const { port } = receiver.address() as AddressInfo;
		const token = new URL(hook.Url).searchParams.get('token');
		hook.Url = `http://127.0.0.1:${port}/hook?token=${token}`;

		const clientId = [...sandbox.store.data.contacts.keys()][0];
		received = [];
		sandbox.simulate({ event: 'contactUpdate', id: clientId, fields: { Status: 'Hot Lead' } });
		await sandbox.waitForDeliveries(1);
		expect(received).toHaveLength(1);

		const delivery = await trigger.deliver({
			body: received[0].body,
			query: { token: new URL(`http://x${received[0].url}`).searchParams.get('token') },
		});
		// The node answers Wise Agent itself, before reading anything.
		expect(delivery.status).toBe(200);
		expect(delivery.body).toEqual({ received: true });
		expect(delivery.items).toHaveLength(1);
		expect(delivery.items[0].json).toMatchObject({
			event: 'contactUpdate',
			specificEvent: 'contactUpdateStatus',
			eventCreated: (received[0].body as { EventCreated: string }).EventCreated,
			resourceId: clientId,
			record: { ClientID: clientId, Status: 'Hot Lead' },
		});

		// The same delivery again: dropped, and the catch-up finds nothing more.
		const again = await trigger.deliver({
			body: received[0].body,
			query: { token: new URL(`http://x${received[0].url}`).searchParams.get('token') },
		});
		expect(again.status).toBe(200);
		expect(again.body).toEqual({ received: true, ignored: 'duplicate delivery' });
		expect(again.result.workflowData).toBeUndefined();
		await trigger.hook('delete');
	});
});
