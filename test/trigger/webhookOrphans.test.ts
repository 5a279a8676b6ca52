import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import type { TriggerStaticData } from '../../nodes/WiseAgentTrigger/registration';
import { webhookRetry } from '../../nodes/WiseAgentTrigger/registration';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { credentialData } from '../helpers/n8n';
import { PRODUCTION_URL, TEST_URL, TriggerHarness } from '../helpers/trigger';

/**
 * No webhook is left at Wise Agent that the trigger does not know about, whatever the API does
 * to a registration or removal: against the sandbox, behind a proxy that can let the sandbox
 * carry a request out and then lose the answer (503 instead of it, or the connection dropped).
 * The sandbox's own faults (which answer before the request is handled) stand for failures that
 * were not applied.
 */

/**
 * - refuse:     answered 503 by the proxy, never reaches the sandbox (not applied)
 * - dropUnsent: connection destroyed before it reaches the sandbox (not applied)
 * - lose:       carried out by the sandbox, then answered 503
 * - drop:       carried out by the sandbox, then the connection is destroyed
 */
type Outcome = 'refuse' | 'dropUnsent' | 'lose' | 'drop';

interface Rule {
	method: string;
	requestType: string;
	outcome: Outcome;
	/** Matching requests let through untouched before the rule applies. */
	skip: number;
	remaining: number;
}

const serviceUnavailable = (res: http.ServerResponse) => {
	res.writeHead(503, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify({ error: 'Service Unavailable' }));
};

/** Forwards to the sandbox, except what a rule says to do to a request or its answer. */
async function startLosingProxy(upstream: string) {
	const target = new URL(upstream);
	const rules: Rule[] = [];
	const counts: Record<string, number> = {};
	const server = http.createServer((req, res) => {
		const requestType = new URL(req.url ?? '/', upstream).searchParams.get('requestType');
		const key = `${req.method} ${requestType}`;
		counts[key] = (counts[key] ?? 0) + 1;
		let rule = rules.find(
			(candidate) =>
				candidate.remaining > 0 &&
				candidate.method === req.method &&
				candidate.requestType === requestType,
		);
		if (rule && rule.skip > 0) {
			rule.skip--;
			rule = undefined;
		} else if (rule) rule.remaining--;
		const outcome = rule?.outcome;
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			if (outcome === 'refuse') return serviceUnavailable(res);
			if (outcome === 'dropUnsent') return void req.socket.destroy();
			const forwarded = http.request(
				{
					host: target.hostname,
					port: target.port,
					path: req.url,
					method: req.method,
					headers: { ...req.headers, host: target.host },
					agent: false,
				},
				(answer) => {
					const body: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => body.push(chunk));
					answer.on('end', () => {
						if (outcome === 'drop') return void req.socket.destroy();
						if (outcome === 'lose') return serviceUnavailable(res);
						res.writeHead(answer.statusCode ?? 502, answer.headers);
						res.end(Buffer.concat(body));
					});
				},
			);
			forwarded.on('error', () => req.socket.destroy());
			forwarded.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		/** Requests received, by `METHOD requestType` (also those that never reached the sandbox). */
		counts,
		/** After `skip` matching requests, the next `count` (default: all) get `outcome`. */
		fail(method: string, requestType: string, outcome: Outcome, count = Infinity, skip = 0) {
			rules.push({ method, requestType, outcome, remaining: count, skip });
		},
		clear: () => {
			rules.splice(0);
			for (const key of Object.keys(counts)) delete counts[key];
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

let sandbox: Sandbox;
let proxy: Awaited<ReturnType<typeof startLosingProxy>>;
const savedPolicy = { ...retryPolicy };
const savedRetry = { ...webhookRetry };
let waits: number[] = [];

beforeAll(async () => {
	nock.restore();
	sandbox = await startSandbox({ contacts: 1, seed: 5 });
	proxy = await startLosingProxy(sandbox.baseUrl);
});
afterAll(async () => {
	await proxy.close();
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.store.data.webhooks.clear();
	sandbox.faults.clear();
	proxy.clear();
	waits = [];
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 });
	// No real waiting: the waits are recorded instead.
	Object.assign(webhookRetry, {
		sleep: async (ms: number) => void waits.push(ms),
	});
});
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	Object.assign(webhookRetry, savedRetry);
});

function harness(events: string[]) {
	const token = sandbox.issueToken();
	return new TriggerHarness(
		new WiseAgentTrigger(),
		{ events },
		{
			credentials: credentialData({
				serverUrl: proxy.url,
				oauthTokenData: {
					access_token: token.accessToken,
					refresh_token: token.refreshToken,
					expires_at: token.expiresAt,
				},
			}),
		},
	);
}

const registered = () =>
	[...sandbox.store.data.webhooks.values()].map((hook) => ({
		id: String(hook.WebhookID),
		event: hook.EventType,
		status: hook.Status,
		url: hook.Url,
	}));

function slotOf(trigger: TriggerHarness) {
	return (trigger.staticData as TriggerStaticData).slots?.[PRODUCTION_URL];
}

/** As n8n after a failed activation: the static data changed during it is not saved. */
function withStaticDataOf(trigger: TriggerHarness, saved: string) {
	const data = trigger.staticData;
	for (const key of Object.keys(data)) delete data[key];
	Object.assign(data, JSON.parse(saved));
}

const sent = (key: string) => proxy.counts[key] ?? 0;

async function failureOf(work: Promise<unknown>) {
	return await work.then(
		() => undefined,
		(thrown: unknown) => thrown as Error & { description?: string },
	);
}

describe('a registration that fails at Wise Agent (defect 1)', () => {
	it.each<[string, Outcome]>([
		['applied, then answered 503', 'lose'],
		['applied, then the connection dropped', 'drop'],
	])(
		'%s: the webhook is adopted, never posted twice, and deactivation removes it',
		async (_name, outcome) => {
			const trigger = harness(['contactCreate', 'taskUpdate']);
			proxy.fail('POST', 'webhooks', outcome, 1);

			expect(await trigger.hook('create')).toBe(true);

			// One POST per event: the lost one was found in the list, not sent again.
			expect(sent('POST webhooks')).toBe(2);
			const hooks = registered();
			expect(hooks.map((hook) => hook.event).sort()).toEqual(['contactCreate', 'taskUpdate']);
			expect(Object.values(slotOf(trigger)!.hooks).sort()).toEqual(
				hooks.map((hook) => hook.id).sort(),
			);
			expect(await trigger.hook('checkExists')).toBe(true);

			expect(await trigger.hook('delete')).toBe(true);
			expect(registered()).toEqual([]);
		},
	);

	it.each<[string, Outcome]>([
		['answered 503', 'refuse'],
		['dropped before it arrived', 'dropUnsent'],
	])(
		'a POST %s (not applied) is sent again only after the list showed nothing: one webhook',
		async (_name, outcome) => {
			const trigger = harness(['noteCreate']);
			proxy.fail('POST', 'webhooks', outcome, 1);

			expect(await trigger.hook('create')).toBe(true);

			expect(sent('POST webhooks')).toBe(2);
			// Initial list, then the check before the second POST.
			expect(sent('GET webhooks')).toBe(2);
			expect(registered()).toHaveLength(1);
			expect(slotOf(trigger)!.hooks).toEqual({ noteCreate: registered()[0].id });
			expect(waits).toEqual([1000]);
		},
	);

	it('gives up after 3 POSTs with a clear error and removes what this activation registered', async () => {
		const trigger = harness(['contactCreate', 'taskCreate']);
		// contactCreate goes through; every POST after it is refused.
		proxy.fail('POST', 'webhooks', 'refuse', Infinity, 1);

		const error = await failureOf(trigger.hook('create'));

		// n8n drops the static data of a failed activation: nothing may stay behind at Wise Agent.
		expect(registered()).toEqual([]);
		expect(sent('DELETE webhooks')).toBe(1);
		expect(sent('POST webhooks')).toBe(4);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Could not register the Wise Agent webhook for "taskCreate"');
		expect(error?.description).toContain('3 tries');
		expect(error?.description).toContain('Nothing this activation registered was left');
	});

	it('a lost POST whose check fails too is looked for again before giving up, and removed', async () => {
		const trigger = harness(['contactCreate']);
		proxy.fail('POST', 'webhooks', 'lose', 1);
		// The first list (before registering) works; the check after the lost POST fails through
		// all of the request helper's retries (5 tries); the one after that works again.
		proxy.fail('GET', 'webhooks', 'refuse', 5, 1);

		const error = await failureOf(trigger.hook('create'));

		expect(registered()).toEqual([]);
		expect(error?.message).toBe('Could not register the Wise Agent webhook for "contactCreate"');
		expect(error?.description).toContain('Nothing this activation registered was left');
	});

	it('when the API stays down, the error says a webhook may be left, and the next activation removes it', async () => {
		const trigger = harness(['contactCreate']);
		const saved = JSON.stringify(trigger.staticData);
		proxy.fail('POST', 'webhooks', 'lose', 1);
		proxy.fail('GET', 'webhooks', 'refuse', Infinity, 1);
		proxy.fail('DELETE', 'webhooks', 'refuse');

		const error = await failureOf(trigger.hook('create'));
		expect(error?.message).toBe('Could not register the Wise Agent webhook for "contactCreate"');
		expect(error?.description).toContain(
			`Wise Agent may still hold a webhook for ${PRODUCTION_URL}`,
		);
		expect(error?.description).toContain('Webhook → Get Many, then Delete');
		const [leftover] = registered();
		expect(leftover).toBeDefined();

		// n8n does not save the static data of a failed activation; the API comes back.
		withStaticDataOf(trigger, saved);
		proxy.clear();
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);

		const hooks = registered();
		expect(hooks).toHaveLength(1);
		expect(hooks[0].id).not.toBe(leftover.id);
		expect(slotOf(trigger)!.hooks).toEqual({ contactCreate: hooks[0].id });
	});
});

describe('deactivation while the API fails (defects 2 and 3)', () => {
	it('retries a failed delete with backoff: a 503 that passes still removes everything', async () => {
		const trigger = harness(['contactCreate', 'taskUpdate']);
		await trigger.hook('create');
		proxy.fail('DELETE', 'webhooks', 'refuse', 2);

		expect(await trigger.hook('delete')).toBe(true);

		expect(registered()).toEqual([]);
		expect(slotOf(trigger)).toBeUndefined();
		expect(waits).toEqual([1000]);
	});

	it.each<[string, Outcome]>([
		['dropped before it arrived', 'dropUnsent'],
		['applied, then dropped (socket hang-up)', 'drop'],
		['applied, then answered 503', 'lose'],
	])('a DELETE %s is retried; a webhook already gone counts as removed', async (_name, outcome) => {
		const trigger = harness(['contactCreate']);
		await trigger.hook('create');
		proxy.fail('DELETE', 'webhooks', outcome, 1);

		expect(await trigger.hook('delete')).toBe(true);

		expect(sent('DELETE webhooks')).toBe(2);
		expect(registered()).toEqual([]);
		expect(slotOf(trigger)).toBeUndefined();
	});

	it('API down: 3 tries within the time bound, false (not an error), ids kept; the next activation puts things right', async () => {
		const trigger = harness(['contactCreate', 'taskUpdate', 'noteCreate']);
		await trigger.hook('create');
		const ids = registered().map((hook) => hook.id);
		proxy.fail('DELETE', 'webhooks', 'refuse');

		expect(await trigger.hook('delete')).toBe(false);

		expect(sent('DELETE webhooks')).toBe(9);
		expect(waits).toEqual([1000, 3000]);
		expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(10_000);
		expect(Object.values(slotOf(trigger)!.hooks).sort()).toEqual([...ids].sort());
		expect(registered()).toHaveLength(3);

		// API back; the user drops an event and activates again.
		proxy.clear();
		trigger.setParameters({ events: ['contactCreate', 'taskUpdate'] });
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		expect(
			registered()
				.map((hook) => hook.event)
				.sort(),
		).toEqual(['contactCreate', 'taskUpdate']);
		expect(sent('POST webhooks')).toBe(0);

		expect(await trigger.hook('delete')).toBe(true);
		expect(registered()).toEqual([]);
	});

	it('the next activation removes leftovers of our URL whose slot was lost, and leaves other URLs alone', async () => {
		const trigger = harness(['contactCreate']);
		await trigger.hook('create');
		const [leftover] = registered();
		// Another node's webhook, and this node's test-URL one: not for a production activation to remove.
		const others = [`https://elsewhere.example.com/hook?token=x`, `${TEST_URL}?token=y`];
		others.forEach((url, index) =>
			sandbox.store.data.webhooks.set(900 + index, {
				WebhookID: 900 + index,
				EventType: 'contactCreate',
				Status: 'Active',
				Url: url,
			}),
		);

		for (const key of Object.keys(trigger.staticData)) delete trigger.staticData[key];
		expect(await trigger.hook('create')).toBe(true);

		const ours = registered().filter((hook) => hook.url.startsWith(`${PRODUCTION_URL}?`));
		expect(ours).toHaveLength(1);
		expect(ours[0].id).not.toBe(leftover.id);
		expect(registered().filter((hook) => others.includes(hook.url))).toHaveLength(2);
	});
});
