import nock from 'nock';

import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import type { TriggerStaticData } from '../../nodes/WiseAgentTrigger/registration';
import { webhookRetry } from '../../nodes/WiseAgentTrigger/registration';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { ACCESS_TOKEN, DATA_PATH, SERVER_URL } from '../helpers/n8n';
import { PRODUCTION_URL, TEST_URL, TriggerHarness } from '../helpers/trigger';

const api = () => nock(SERVER_URL).matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`);
const savedPolicy = { ...retryPolicy };
const savedRetry = { ...webhookRetry };
/** The registration's retry waits, recorded instead of waited. */
let waits: number[] = [];

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 });
	waits = [];
	Object.assign(webhookRetry, { sleep: async (ms: number) => void waits.push(ms) });
});
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	Object.assign(webhookRetry, savedRetry);
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

function formOf(body: unknown): Record<string, string> {
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	return body as Record<string, string>;
}

function trigger(events: string[]) {
	return new TriggerHarness(new WiseAgentTrigger(), { events });
}

function slots(harness: TriggerHarness) {
	return (harness.staticData as TriggerStaticData).slots ?? {};
}

interface Remote {
	WebhookID: string;
	EventType: string;
	Status: string;
	Url: string;
}

/** Registers each posted webhook with the next id and records what was posted. */
function expectRegistrations(ids: string[]) {
	const posted: Array<Record<string, string>> = [];
	let next = 0;
	const scope = api()
		.post(DATA_PATH, (body) => {
			posted.push(formOf(body));
			return true;
		})
		.query({ requestType: 'webhooks' })
		.times(ids.length)
		.reply(() => [200, { success: true, WebhookID: ids[next++] }]);
	return { posted, scope };
}

function expectList(hooks: Remote[]) {
	return api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, { Data: hooks });
}

function expectDeletes(answers: Record<string, [number, unknown]>) {
	const deleted: string[] = [];
	const scope = api()
		.delete(DATA_PATH, (body) => {
			const id = formOf(body).WebhookID;
			deleted.push(id);
			return id in answers;
		})
		.query({ requestType: 'webhooks' })
		.times(Object.keys(answers).length)
		.reply((_uri, body) => answers[formOf(body).WebhookID]);
	return { deleted, scope };
}

/** Activates `events` with fresh ids; returns the harness and the registered URL. */
async function activated(events: string[], ids: string[]) {
	const harness = trigger(events);
	const list = expectList([]);
	const { scope } = expectRegistrations(ids);
	expect(await harness.hook('create')).toBe(true);
	expect(list.isDone() && scope.isDone()).toBe(true);
	const slot = slots(harness)[PRODUCTION_URL];
	return { harness, url: `${PRODUCTION_URL}?token=${slot.token}` };
}

describe('create', () => {
	it('registers one Active webhook per event with the secret in the Url and keeps the ids', async () => {
		const harness = trigger(['contactCreate', 'taskUpdate', 'propertyDelete']);
		const list = expectList([]);
		const { posted, scope } = expectRegistrations(['11', '12', '13']);

		expect(await harness.hook('create')).toBe(true);

		expect(list.isDone() && scope.isDone()).toBe(true);
		const slot = slots(harness)[PRODUCTION_URL];
		expect(slot.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
		const url = `${PRODUCTION_URL}?token=${slot.token}`;
		expect(posted).toEqual([
			{ Status: 'Active', EventType: 'contactCreate', Url: url },
			{ Status: 'Active', EventType: 'taskUpdate', Url: url },
			{ Status: 'Active', EventType: 'propertyDelete', Url: url },
		]);
		expect(slot.hooks).toEqual({ contactCreate: '11', taskUpdate: '12', propertyDelete: '13' });
		expect(slot.kind).toBe('production');
	});

	it('registers the family once for narrowing choices (contactUpdate for category/status changes)', async () => {
		const harness = trigger(['contactUpdateCategory', 'contactUpdateStatus', 'taskUpdateComplete']);
		const list = expectList([]);
		const { posted, scope } = expectRegistrations(['21', '22']);
		await harness.hook('create');
		expect(list.isDone() && scope.isDone()).toBe(true);
		expect(posted.map((form) => form.EventType)).toEqual(['contactUpdate', 'taskUpdate']);
	});

	it('gives each activation its own random token', async () => {
		const first = await activated(['contactCreate'], ['1']);
		const second = await activated(['contactCreate'], ['2']);
		expect(first.url).not.toBe(second.url);
	});

	it('takes the id from the list when the POST answer does not carry it', async () => {
		const harness = trigger(['noteCreate']);
		let url = '';
		const scope = expectList([])
			.post(DATA_PATH, (body) => {
				url = formOf(body).Url;
				return true;
			})
			.query({ requestType: 'webhooks' })
			.reply(200, [{ success: 'true' }])
			.get(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(() => [
				200,
				{ Data: [{ WebhookID: '77', EventType: 'noteCreate', Status: 'Active', Url: url }] },
			]);
		await harness.hook('create');
		expect(scope.isDone()).toBe(true);
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ noteCreate: '77' });
	});

	it('fails activation with the API message when Wise Agent refuses a registration', async () => {
		const harness = trigger(['contactCreate']);
		const scope = expectList([])
			.post(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(200, { error: 'Invalid Url' });
		await expect(harness.hook('create')).rejects.toThrow('Wise Agent: Invalid Url');
		expect(scope.isDone()).toBe(true);
	});
});

describe('checkExists', () => {
	const active = (id: string, event: string, url: string): Remote => ({
		WebhookID: id,
		EventType: event,
		Status: 'Active',
		Url: url,
	});

	it('is true when every registered webhook is listed, Active and points at this URL', async () => {
		const { harness, url } = await activated(['contactCreate', 'taskDelete'], ['1', '2']);
		const list = expectList([
			active('1', 'contactCreate', url),
			active('2', 'taskDelete', url),
			active('99', 'contactCreate', 'https://elsewhere.example.com/hook'),
		]);
		expect(await harness.hook('checkExists')).toBe(true);
		expect(list.isDone()).toBe(true);
	});

	it('is false when one of them was deleted in Wise Agent', async () => {
		const { harness, url } = await activated(['contactCreate', 'taskDelete'], ['1', '2']);
		expectList([active('1', 'contactCreate', url)]);
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('is false when one of them is Disabled', async () => {
		const { harness, url } = await activated(['contactCreate', 'taskDelete'], ['1', '2']);
		expectList([
			active('1', 'contactCreate', url),
			{ ...active('2', 'taskDelete', url), Status: 'Disabled' },
		]);
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('is false when one of them points at another Url (or lost its token)', async () => {
		const { harness, url } = await activated(['contactCreate', 'taskDelete'], ['1', '2']);
		expectList([active('1', 'contactCreate', url), active('2', 'taskDelete', PRODUCTION_URL)]);
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('is false, without asking Wise Agent, when nothing was registered or the events changed', async () => {
		expect(await trigger(['contactCreate']).hook('checkExists')).toBe(false);
		const { harness } = await activated(['contactCreate'], ['1']);
		harness.setParameters({ events: ['contactCreate', 'noteUpdate'] });
		expect(await harness.hook('checkExists')).toBe(false);
	});
});

describe('create after checkExists said false', () => {
	it('keeps the valid webhooks, replaces the disabled one and removes what is no longer selected', async () => {
		const { harness, url } = await activated(
			['contactCreate', 'taskDelete', 'noteCreate'],
			['1', '2', '3'],
		);
		const token = slots(harness)[PRODUCTION_URL].token;
		harness.setParameters({ events: ['contactCreate', 'taskDelete', 'propertyCreate'] });

		const list = expectList([
			{ WebhookID: '1', EventType: 'contactCreate', Status: 'Active', Url: url },
			{ WebhookID: '2', EventType: 'taskDelete', Status: 'Disabled', Url: url },
			{ WebhookID: '3', EventType: 'noteCreate', Status: 'Active', Url: url },
			// Left over from a lost state: this node's URL with an older token.
			{
				WebhookID: '8',
				EventType: 'contactUpdate',
				Status: 'Active',
				Url: `${PRODUCTION_URL}?token=old`,
			},
			{
				WebhookID: '9',
				EventType: 'noteCreate',
				Status: 'Active',
				Url: 'https://other.example.com/x',
			},
		]);
		const { deleted, scope: deletes } = expectDeletes({
			'2': [200, { success: true }],
			'3': [200, { success: true }],
			'8': [200, { success: true }],
		});
		const { posted, scope: posts } = expectRegistrations(['30', '31']);

		expect(await harness.hook('create')).toBe(true);

		expect(list.isDone() && deletes.isDone() && posts.isDone()).toBe(true);
		expect(deleted.sort()).toEqual(['2', '3', '8']);
		expect(posted).toEqual([
			{ Status: 'Active', EventType: 'taskDelete', Url: url },
			{ Status: 'Active', EventType: 'propertyCreate', Url: url },
		]);
		const slot = slots(harness)[PRODUCTION_URL];
		expect(slot.token).toBe(token);
		expect(slot.hooks).toEqual({ contactCreate: '1', taskDelete: '30', propertyCreate: '31' });
	});
});

describe('delete', () => {
	it('removes exactly the registered ids and clears the state', async () => {
		const { harness } = await activated(['contactCreate', 'taskDelete'], ['1', '2']);
		const { deleted, scope } = expectDeletes({
			'1': [200, { success: true }],
			'2': [200, [{ success: 'true' }]],
		});
		expect(await harness.hook('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(deleted.sort()).toEqual(['1', '2']);
		expect(slots(harness)[PRODUCTION_URL]).toBeUndefined();
	});

	it('tolerates webhooks already gone (error body or 404)', async () => {
		const { harness } = await activated(
			['contactCreate', 'taskDelete', 'noteCreate'],
			['1', '2', '3'],
		);
		const { scope } = expectDeletes({
			'1': [200, { error: 'WebhookID not found' }],
			'2': [404, 'Not Found'],
			'3': [200, { success: true }],
		});
		expect(await harness.hook('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(slots(harness)[PRODUCTION_URL]).toBeUndefined();
	});

	it('keeps an id it could not delete so a later call tries again, and says so', async () => {
		const { harness } = await activated(['contactCreate', 'taskDelete'], ['1', '2']);
		const { scope } = expectDeletes({
			'1': [200, { success: true }],
			'2': [200, { error: 'Access denied' }],
		});
		expect(await harness.hook('delete')).toBe(false);
		expect(scope.isDone()).toBe(true);
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ taskDelete: '2' });
	});

	it('re-activation with a changed event list leaves no stale subscription', async () => {
		const { harness } = await activated(['contactCreate', 'noteCreate'], ['1', '2']);
		// Deactivate, change the events, activate again: the n8n sequence on "save" of an active workflow.
		const { deleted } = expectDeletes({
			'1': [200, { success: true }],
			'2': [200, { success: true }],
		});
		await harness.hook('delete');
		expect(deleted.sort()).toEqual(['1', '2']);

		harness.setParameters({ events: ['taskCreate'] });
		expect(await harness.hook('checkExists')).toBe(false);
		expectList([]);
		const { posted } = expectRegistrations(['5']);
		await harness.hook('create');
		expect(posted.map((form) => form.EventType)).toEqual(['taskCreate']);
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ taskCreate: '5' });
	});
});

describe('test and production URLs', () => {
	it('keep separate registrations: the test run neither reuses nor deletes production webhooks', async () => {
		const { harness, url } = await activated(['contactCreate'], ['1']);

		// "Listen for test event" while the workflow is active.
		expect(await harness.hook('checkExists', { isTest: true })).toBe(false);
		expectList([{ WebhookID: '1', EventType: 'contactCreate', Status: 'Active', Url: url }]);
		const { posted } = expectRegistrations(['50']);
		await harness.hook('create', { isTest: true });
		const testSlot = slots(harness)[TEST_URL];
		expect(posted).toEqual([
			{ Status: 'Active', EventType: 'contactCreate', Url: `${TEST_URL}?token=${testSlot.token}` },
		]);
		expect(testSlot).toMatchObject({ kind: 'test', hooks: { contactCreate: '50' } });
		expect(testSlot.token).not.toBe(slots(harness)[PRODUCTION_URL].token);

		// n8n removes test webhooks with mode 'internal': only the test id goes.
		const { deleted } = expectDeletes({ '50': [200, { success: true }] });
		await harness.hook('delete', { isTest: true });
		expect(deleted).toEqual(['50']);
		expect(slots(harness)[TEST_URL]).toBeUndefined();
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ contactCreate: '1' });
	});
});

describe('registration failures', () => {
	it('adopts the Active copy of a webhook a failed POST registered and removes the other copies', async () => {
		const harness = trigger(['contactCreate']);
		let url = '';
		const scope = expectList([])
			.post(DATA_PATH, (body) => {
				url = formOf(body).Url;
				return true;
			})
			.query({ requestType: 'webhooks' })
			.reply(503, { error: 'Service Unavailable' })
			.get(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(() => [
				200,
				{
					Data: [
						{ WebhookID: '44', EventType: 'contactCreate', Status: 'Disabled', Url: url },
						{ WebhookID: '41', EventType: 'contactCreate', Status: 'Active', Url: url },
						{ WebhookID: '43', EventType: 'contactCreate', Status: 'Active', Url: url },
						{ WebhookID: '50', EventType: 'contactCreate', Status: 'Active', Url: `${url}x` },
					],
				},
			]);
		const { deleted, scope: deletes } = expectDeletes({
			'43': [200, { success: true }],
			'44': [200, { success: true }],
		});

		expect(await harness.hook('create')).toBe(true);

		expect(scope.isDone() && deletes.isDone()).toBe(true);
		expect(deleted.sort()).toEqual(['43', '44']);
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ contactCreate: '41' });
		expect(slots(harness)[PRODUCTION_URL].orphans).toBeUndefined();
	});

	it('fails with a clear error, posting nothing, when the webhook list cannot be read', async () => {
		const harness = trigger(['contactCreate']);
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.times(5)
			.reply(503, { error: 'Service Unavailable' });
		await expect(harness.hook('create')).rejects.toThrow(
			'Could not register the Wise Agent webhooks: the webhook list could not be read',
		);
		expect(scope.isDone()).toBe(true);
		expect(slots(harness)[PRODUCTION_URL]).toBeUndefined();
	});

	it('a refusal is final: no second POST, no extra list', async () => {
		const harness = trigger(['contactCreate']);
		let posts = 0;
		let lists = 0;
		api()
			.get(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.times(3)
			.reply(() => {
				lists++;
				return [200, { Data: [] }];
			});
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.times(3)
			.reply(() => {
				posts++;
				return [403, { error: 'forbidden', error_description: 'Url not allowed' }];
			});
		await expect(harness.hook('create')).rejects.toThrow('forbidden');
		expect([posts, lists, waits]).toEqual([1, 1, []]);
	});

	it('a stale webhook that cannot be removed does not stop the activation; it is removed later', async () => {
		const { harness, url } = await activated(['contactCreate', 'noteCreate'], ['1', '2']);
		harness.setParameters({ events: ['contactCreate'] });
		expectList([
			{ WebhookID: '1', EventType: 'contactCreate', Status: 'Active', Url: url },
			{ WebhookID: '2', EventType: 'noteCreate', Status: 'Active', Url: url },
		]);
		const refused = expectDeletes({ '2': [403, { error: 'forbidden' }] });

		expect(await harness.hook('create')).toBe(true);
		expect(refused.scope.isDone()).toBe(true);
		expect(slots(harness)[PRODUCTION_URL]).toMatchObject({
			hooks: { contactCreate: '1' },
			orphans: ['2'],
		});
		// Still something to clean up: n8n is told to run create() again.
		expect(await harness.hook('checkExists')).toBe(false);

		const { deleted, scope } = expectDeletes({
			'1': [200, { success: true }],
			'2': [200, { success: true }],
		});
		expect(await harness.hook('delete')).toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(deleted.sort()).toEqual(['1', '2']);
		expect(slots(harness)[PRODUCTION_URL]).toBeUndefined();
	});
});

describe('removal failures', () => {
	it('a refused delete (HTTP 200 error, 4xx) is not retried', async () => {
		const { harness } = await activated(['contactCreate'], ['1']);
		const { deleted } = expectDeletes({ '1': [403, { error: 'forbidden' }] });
		expect(await harness.hook('delete')).toBe(false);
		expect([deleted, waits]).toEqual([['1'], []]);
	});

	it('stops retrying when the next wait would pass the time budget (injected clock)', async () => {
		const { harness } = await activated(['contactCreate'], ['1']);
		let now = 0;
		Object.assign(webhookRetry, {
			delaysMs: [6_000],
			now: () => now,
			sleep: async (ms: number) => {
				waits.push(ms);
				now += ms;
			},
		});
		let tries = 0;
		api()
			.delete(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.times(3)
			.reply(() => {
				tries++;
				return [503, { error: 'Service Unavailable' }];
			});

		expect(await harness.hook('delete')).toBe(false);

		// 6 s, then another 6 s would make 12 s > 10 s: two tries, not three.
		expect([tries, waits]).toEqual([2, [6_000]]);
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ contactCreate: '1' });
	});

	it('by default waits 1 s, then 3 s: three tries, 4 s of waiting', async () => {
		const { harness } = await activated(['contactCreate', 'taskCreate'], ['1', '2']);
		const tried: string[] = [];
		api()
			.delete(DATA_PATH, (body) => {
				tried.push(formOf(body).WebhookID);
				return true;
			})
			.query({ requestType: 'webhooks' })
			.times(6)
			.reply((_uri, body) =>
				formOf(body).WebhookID === '1' ? [503, 'down'] : [200, { success: true }],
			);

		expect(await harness.hook('delete')).toBe(false);

		// Only the failing one is tried again.
		expect(tried).toEqual(['1', '2', '1', '1']);
		expect(waits).toEqual([1_000, 3_000]);
		expect(slots(harness)[PRODUCTION_URL].hooks).toEqual({ contactCreate: '1' });
	});
});
