import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import nock from 'nock';

import type { Sandbox, WebhookDelivery } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { catchUpTrail } from '../../nodes/WiseAgentTrigger/catchUp';
import { sandboxCredentials } from '../helpers/sandboxCredentials';
import type { DeliveryResult } from '../helpers/trigger';
import { TriggerHarness } from '../helpers/trigger';

/**
 * Catch-up: Wise Agent never sends a delivery again, so the webhook trigger also reads what
 * changed since its feed's mark on every delivery and emits what no delivery brought.
 *
 * Against the in-process sandbox (strict mode): the trigger registers its webhooks there, the
 * sandbox really fires a delivery for every change, and the registered URL points at a closed
 * port on 127.0.0.1, so every delivery fails and is only in the sandbox's delivery log. The test
 * hands the trigger the bodies of the deliveries it picks ("the ones that got through").
 */

let sandbox: Sandbox;
let nowhere: string;
const savedPolicy = { ...retryPolicy };
const savedTrail = { ...catchUpTrail };

beforeAll(async () => {
	nock.restore(); // real sockets to 127.0.0.1
	sandbox = await startSandbox({ contacts: 20, seed: 5, strict: true });
	// A port on 127.0.0.1 that nothing listens on.
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	nowhere = `http://127.0.0.1:${port}/lost`;
});
afterAll(async () => {
	await sandbox.stop();
});
beforeEach(() => {
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 });
	// A short trailing look (the default waits 2 s): it finds nothing in most tests here.
	Object.assign(catchUpTrail, { pauseMs: 20, maxMs: 500 });
	// Each test its own account (seeded, with no recent change), webhooks and delivery log.
	sandbox.reset();
	sandbox.settings.latencyMs = 0;
});
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	Object.assign(catchUpTrail, savedTrail);
	sandbox.faults.clear();
});

let workflows = 0;

interface Trigger {
	harness: TriggerHarness;
	token: string;
	deliver(delivery: WebhookDelivery, isolated?: boolean): Promise<DeliveryResult>;
	stop(): Promise<void>;
}

/** Activates a production trigger for `events` and sends its webhooks nowhere. */
async function activate(
	events: string[],
	options: { includeRecord?: boolean } = {},
): Promise<Trigger> {
	const harness = new TriggerHarness(
		new WiseAgentTrigger(),
		{ events, includeRecord: options.includeRecord ?? true },
		{ credentials: sandboxCredentials(sandbox), workflowId: `catch-up-${++workflows}` },
	);
	expect(await harness.hook('create')).toBe(true);
	const hooks = [...sandbox.store.data.webhooks.values()];
	expect(hooks.length).toBeGreaterThan(0);
	const token = new URL(hooks[0].Url).searchParams.get('token')!;
	for (const hook of hooks) hook.Url = `${nowhere}?token=${token}`;
	return withDeliver(harness, token);
}

function withDeliver(harness: TriggerHarness, token: string): Trigger {
	return {
		harness,
		token,
		deliver: async (delivery, isolated = false) =>
			await harness.deliver({
				query: { token },
				body: JSON.parse(JSON.stringify(delivery.body)),
				rawBody: Buffer.from(JSON.stringify(delivery.body)),
				isolatedStaticData: isolated,
			}),
		stop: async () => {
			await harness.hook('delete');
		},
	};
}

/** Makes `count` contacts in the web app; resolves with their ids and the deliveries they fired. */
async function createContacts(count: number) {
	const before = sandbox.deliveries().length;
	const ids: number[] = [];
	for (let i = 0; i < count; i++) {
		ids.push(sandbox.simulate({ event: 'contactCreate', fields: { CFirst: `Lost${i}` } }));
	}
	await sandbox.waitForDeliveries(before + count, 20_000);
	const deliveries = sandbox.deliveries().slice(before);
	expect(deliveries.map((d) => d.body.ResourceIds[0])).toEqual(ids);
	expect(deliveries.every((d) => d.statusCode === null && d.error !== null)).toBe(true);
	return { ids, deliveries };
}

async function lostUpdate(id: number, fields: Record<string, unknown>) {
	const before = sandbox.deliveries().length;
	sandbox.simulate({ event: 'contactUpdate', id, fields });
	await sandbox.waitForDeliveries(before + 1, 10_000);
	return sandbox.deliveries()[before];
}

/** Waits (at most 5 s) until `condition` holds. */
async function until(condition: () => boolean) {
	for (let i = 0; i < 500 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	expect(condition()).toBe(true);
}

/** Runs `tasks` at most `limit` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
	return results;
}

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const idsOf = (items: INodeExecutionData[]) => items.map((item) => String(item.json.resourceId));

function countById(items: INodeExecutionData[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of idsOf(items)) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}

/** The trigger node as a freshly started n8n process loads it: no module memory. */
function freshNodeType(): INodeType {
	let Fresh: typeof WiseAgentTrigger | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		Fresh = (
			require('../../nodes/WiseAgentTrigger/WiseAgentTrigger.node') as {
				WiseAgentTrigger: typeof WiseAgentTrigger;
			}
		).WiseAgentTrigger;
	});
	return new Fresh!();
}

/** The same trigger after an n8n restart: new module memory, only the static data saved last. */
function restart(trigger: Trigger, parameters: { events: string[]; includeRecord: boolean }) {
	const harness = new TriggerHarness(freshNodeType(), parameters, {
		credentials: sandboxCredentials(sandbox),
		workflowId: trigger.harness.workflow.id,
		staticData: trigger.harness.savedStaticData(),
	});
	return withDeliver(harness, trigger.token);
}

describe('contactCreate catch-up', () => {
	it('emits every created contact exactly once when only every third delivery arrives, 20 at a time, each with its own copy of the static data', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(200);
			const arrived = deliveries.filter((_, index) => index % 3 === 0);
			expect(arrived).toHaveLength(67);

			// Reading a record is slow, so deliveries overlap with each other's catch-up reads,
			// and later ones arrive after catch-up emitted their contact.
			const slow = sandbox.faults.add({
				kind: 'latency',
				latencyMs: 50,
				requestType: 'getSingleContact',
			});
			const results = await pool(
				arrived.map((delivery) => () => trigger.deliver(delivery, true)),
				20,
			);
			sandbox.faults.remove(slow);

			const items = results.flatMap((result) => result.items);
			const counts = countById(items);
			const missing = ids.filter((id) => !counts.has(String(id)));
			const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
			const unexpected = [...counts.keys()].filter((id) => !ids.map(String).includes(id));
			expect({ missing: missing.length, twice, unexpected }).toEqual({
				missing: 0,
				twice: [],
				unexpected: [],
			});
			expect(items).toHaveLength(200);
			expect(results.every((result) => result.status === 200)).toBe(true);

			// Every item has the one shape, with its record.
			for (const item of json(items)) {
				expect(Object.keys(item).sort()).toEqual([
					'event',
					'eventCreated',
					'record',
					'resourceId',
					'specificEvent',
				]);
				expect(item).toMatchObject({ event: 'contactCreate', specificEvent: 'contactCreate' });
				expect(String((item.record as IDataObject).ClientID)).toBe(String(item.resourceId));
			}

			// The static data saved last (the last delivery to finish wrote its copy) knows them
			// all: after a restart nothing is emitted again.
			const restarted = restart(trigger, { events: ['contactCreate'], includeRecord: true });
			const after = await createContacts(2);
			const result = await restarted.deliver(after.deliveries[1], true);
			expect(idsOf(result.items).sort()).toEqual(after.ids.map(String).sort());
		} finally {
			await trigger.stop();
		}
	});

	it('keeps the saved static data complete when deliveries overlap across two families: a restart re-emits nothing', async () => {
		// contactCreate and contactUpdate selected: each delivery catches both up, one after the
		// other. A's contactUpdate read is slow; meanwhile B catches contactCreate up (emitting a
		// contact A's copy of the static data does not know) and finishes first. A finishes last,
		// so A's copy is what n8n keeps.
		const trigger = await activate(['contactCreate', 'contactUpdate'], { includeRecord: false });
		try {
			const first = await createContacts(2); // the first arrives, the second is lost
			sandbox.settings.latencyMs = 100;
			sandbox.resetCounters();
			const reads = () => sandbox.counters().byRequestType.getContacts ?? 0;
			const a = trigger.deliver(first.deliveries[0], true);
			await until(() => reads() >= 1); // A's contactCreate catch-up is reading
			sandbox.faults.add({
				kind: 'latency',
				latencyMs: 1000,
				requestType: 'getContacts',
				count: 1,
			});
			await until(() => reads() >= 2); // A's contactUpdate catch-up is reading (slowly)
			const second = await createContacts(2); // the first is lost, the second arrives
			const b = await trigger.deliver(second.deliveries[1], true);
			const aResult = await a;
			sandbox.settings.latencyMs = 0;
			expect(idsOf([...aResult.items, ...b.items]).sort()).toEqual(
				[...first.ids, ...second.ids].map(String).sort(),
			);

			const restarted = restart(trigger, {
				events: ['contactCreate', 'contactUpdate'],
				includeRecord: false,
			});
			// One lost, one arriving: the restarted trigger catches up (the lost one) and emits
			// nothing it emitted before the restart.
			const third = await createContacts(2);
			const result = await restarted.deliver(third.deliveries[1], true);
			expect(idsOf(result.items).sort()).toEqual(third.ids.map(String).sort());
		} finally {
			sandbox.settings.latencyMs = 0;
			await trigger.stop();
		}
	});

	it('after a restart (no module memory), the saved static data alone prevents re-emission', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(3);
			const before = await trigger.deliver(deliveries[2], true);
			expect(idsOf(before.items).sort()).toEqual(ids.map(String).sort());

			const restarted = restart(trigger, { events: ['contactCreate'], includeRecord: true });
			// A late delivery of a contact caught up before the restart: nothing.
			expect((await restarted.deliver(deliveries[0], true)).items).toEqual([]);
			// New contacts, one lost: only those two.
			const after = await createContacts(2);
			const result = await restarted.deliver(after.deliveries[1], true);
			expect(idsOf(result.items).sort()).toEqual(after.ids.map(String).sort());
		} finally {
			await trigger.stop();
		}
	});

	it('does not emit a late delivery of a contact catch-up already emitted', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(3);
			// Only the third delivery arrives: it brings the two others along.
			const first = await trigger.deliver(deliveries[2]);
			expect(idsOf(first.items).sort()).toEqual(ids.map(String).sort());
			// Then the first one arrives after all (late): nothing new.
			const late = await trigger.deliver(deliveries[0]);
			expect(late.status).toBe(200);
			expect(late.items).toEqual([]);
			expect(late.result.workflowData).toBeUndefined();
		} finally {
			await trigger.stop();
		}
	});

	it('gives a caught-up contact the same item shape: eventCreated its DateAddedUTC, record the contact', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(2);
			const result = await trigger.deliver(deliveries[1]);
			const [delivered, caught] = [
				result.items.find((item) => String(item.json.resourceId) === String(ids[1]))!.json,
				result.items.find((item) => String(item.json.resourceId) === String(ids[0]))!.json,
			];
			const stored = sandbox.store.data.contacts.get(ids[0])!;
			expect(caught).toEqual({
				event: 'contactCreate',
				specificEvent: 'contactCreate',
				eventCreated: new Date(stored.addedMs).toISOString(),
				resourceId: expect.anything(),
				record: expect.objectContaining({
					ClientID: ids[0],
					CFirst: 'Lost0',
					// Simplify is on: JSON-in-string fields decoded, as for delivered records.
					Categories: [],
				}),
			});
			expect(Object.keys(caught).sort()).toEqual(Object.keys(delivered).sort());
			expect(delivered.record).toMatchObject({ ClientID: ids[1], Categories: [] });
		} finally {
			await trigger.stop();
		}
	});

	it('gives resourceId the same type in caught-up and delivered items (as Wise Agent sends it)', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(2);
			const result = await trigger.deliver(deliveries[1]);
			const byId = new Map(result.items.map((item) => [String(item.json.resourceId), item.json]));
			expect(byId.get(String(ids[1]))!.resourceId).toBe(ids[1]);
			expect(byId.get(String(ids[0]))!.resourceId).toBe(ids[0]);
		} finally {
			await trigger.stop();
		}
	});

	it('still emits the delivery’s own items when the API is down during catch-up, and catches up later', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const outage = sandbox.faults.add({
				kind: 'status',
				status: 503,
				requestType: 'getContacts',
			});
			const { ids, deliveries } = await createContacts(2);
			const during = await trigger.deliver(deliveries[1]);
			expect(json(during.items)).toEqual([
				expect.objectContaining({
					event: 'contactCreate',
					resourceId: ids[1],
					record: expect.objectContaining({ ClientID: ids[1] }),
				}),
			]);
			expect(during.status).toBe(200);

			sandbox.faults.remove(outage);
			const next = await createContacts(1);
			const after = await trigger.deliver(next.deliveries[0]);
			// The contact whose delivery was lost during the outage comes now, once.
			expect(idsOf(after.items).sort()).toEqual([String(ids[0]), String(next.ids[0])].sort());
		} finally {
			await trigger.stop();
		}
	});
});

/** Missing and twice-emitted ids among `items`, and ids that are not in `expected`. */
function exactlyOnce(items: INodeExecutionData[], expected: Array<string | number>) {
	const counts = countById(items);
	const wanted = new Set(expected.map(String));
	return {
		missing: [...wanted].filter((id) => !counts.has(id)).length,
		twice: [...counts].filter(([, count]) => count > 1).map(([id]) => id),
		unexpected: [...counts.keys()].filter((id) => !wanted.has(id)),
	};
}
const none = { missing: 0, twice: [], unexpected: [] };

describe('catch-up of a window holding more than one read brings', () => {
	it('emits each of 1,500 contacts created in one burst exactly once when only the last delivery arrives', async () => {
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(1_500);
			const result = await trigger.deliver(deliveries[deliveries.length - 1], true);
			expect(exactlyOnce(result.items, ids)).toEqual(none);
			expect(result.items).toHaveLength(1_500);
			// Nothing is left over, nothing comes again.
			const after = await createContacts(1);
			const next = await trigger.deliver(after.deliveries[0], true);
			expect(idsOf(next.items)).toEqual(after.ids.map(String));
		} finally {
			await trigger.stop();
		}
	});

	it('goes on where the last read stopped when more is waiting than one delivery reads, and a restart keeps the place', async () => {
		Object.assign(catchUpTrail, { maxMs: 0 }); // the trailing look would read on too
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(4_800);
			const first = await trigger.deliver(deliveries[10], true);
			// One delivery reads a bounded amount; the rest waits, and nothing is lost meanwhile.
			expect(first.items.length).toBeLessThan(4_800);
			expect(first.items.length).toBeGreaterThanOrEqual(4_000);
			const restarted = restart(trigger, { events: ['contactCreate'], includeRecord: true });
			const second = await restarted.deliver(deliveries[20], true);
			expect(exactlyOnce([...first.items, ...second.items], ids)).toEqual(none);
		} finally {
			await trigger.stop();
		}
	});

	it('says so with a catchUpIncomplete item when more changes wait in one window than it remembers (5,000), and emits none twice', async () => {
		Object.assign(catchUpTrail, { maxMs: 0 });
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(5_600);
			const first = await trigger.deliver(deliveries[10], true);
			const second = await trigger.deliver(deliveries[20], true);
			const items = [...first.items, ...second.items];
			const notices = items.filter((item) => item.json.specificEvent === 'catchUpIncomplete');
			expect(notices.length).toBeGreaterThan(0);
			expect(notices[0].json).toMatchObject({ resourceId: null, record: null });
			const contacts = items.filter((item) => item.json.resourceId !== null);
			expect(exactlyOnce(contacts, ids).twice).toEqual([]);
			expect(exactlyOnce(contacts, ids).unexpected).toEqual([]);
		} finally {
			await trigger.stop();
		}
	});

	it('does not move past contacts it has not read when the newest changes come first in the list (ClientID order)', async () => {
		const trigger = await activate(['contactUpdate']);
		try {
			// 1,100 contacts made before (the contactUpdate trigger is not told about creations).
			const ids: number[] = [];
			for (let i = 0; i < 1_100; i++) {
				ids.push(sandbox.simulate({ event: 'contactCreate', fields: { CFirst: `Many${i}` } }));
			}
			const before = sandbox.deliveries().length;
			// The last 100 (highest ClientIDs) are updated first; 4 minutes later the first 1,000:
			// getContacts lists them by ClientID, so one read of 1,000 holds only the later ones.
			for (const id of ids.slice(1_000))
				sandbox.simulate({ event: 'contactUpdate', id, fields: { Status: 'Warm' } });
			sandbox.settings.clockOffsetMs = 4 * 60_000;
			for (const id of ids.slice(0, 1_000))
				sandbox.simulate({ event: 'contactUpdate', id, fields: { Status: 'Hot' } });
			await sandbox.waitForDeliveries(before + 1_100, 20_000);
			const deliveries = sandbox.deliveries().slice(before);

			const result = await trigger.deliver(deliveries[deliveries.length - 1], true);
			expect(exactlyOnce(result.items, ids)).toEqual(none);
			// A delivery of one of them arriving late is not emitted again.
			const again = await trigger.deliver(deliveries[600], true);
			expect(exactlyOnce([...result.items, ...again.items], ids)).toEqual(none);
		} finally {
			sandbox.settings.clockOffsetMs = 0;
			await trigger.stop();
		}
	});

	it('emits the end of a burst whose last deliveries are all lost without waiting for a later delivery', async () => {
		Object.assign(catchUpTrail, { pauseMs: 300, maxMs: 5_000 });
		const trigger = await activate(['contactCreate']);
		try {
			const first = await createContacts(20);
			// One delivery gets through while the burst goes on; none after it does.
			const delivering = trigger.deliver(first.deliveries[10], true);
			await new Promise((resolve) => setTimeout(resolve, 100));
			const rest = await createContacts(10);
			const result = await delivering;
			expect(exactlyOnce(result.items, [...first.ids, ...rest.ids])).toEqual(none);
		} finally {
			await trigger.stop();
		}
	});

	it('learns a first window holding more than one read silently: nothing from before activation is emitted', async () => {
		// 1,500 contacts created just before activation (no webhook yet: no delivery).
		const earlier: number[] = [];
		for (let i = 0; i < 1_500; i++) {
			earlier.push(sandbox.simulate({ event: 'contactCreate', fields: { CFirst: `Before${i}` } }));
		}
		const trigger = await activate(['contactCreate']);
		try {
			const { ids, deliveries } = await createContacts(3);
			const result = await trigger.deliver(deliveries[2], true);
			expect(exactlyOnce(result.items, ids)).toEqual(none);
		} finally {
			await trigger.stop();
		}
	});
});

describe('contactUpdate catch-up', () => {
	it('emits a contact updated without delivery once, and not a contact that was only created', async () => {
		const trigger = await activate(['contactUpdate']);
		try {
			const [a, b, c] = [...sandbox.store.data.contacts.keys()];
			// Made in the web app: the contactUpdate trigger is not told about creations.
			const created = sandbox.simulate({ event: 'contactCreate', fields: { CFirst: 'OnlyNew' } });
			await lostUpdate(a, { Status: 'Hot Lead' });
			const delivered = await lostUpdate(b, { Source: 'Zillow' });

			const result = await trigger.deliver(delivered);
			expect(idsOf(result.items).sort()).toEqual([String(a), String(b)].sort());
			expect(idsOf(result.items)).not.toContain(String(created));
			const caught = result.items.find((item) => String(item.json.resourceId) === String(a))!;
			const stored = sandbox.store.data.contacts.get(a)!;
			expect(caught.json).toMatchObject({
				event: 'contactUpdate',
				specificEvent: 'contactUpdate',
				eventCreated: new Date(stored.updatedMs).toISOString(),
				record: expect.objectContaining({ ClientID: a, Status: 'Hot Lead' }),
			});

			// Another update arrives: a and b are not emitted again.
			const later = await lostUpdate(c, { Status: 'Cold' });
			expect(idsOf((await trigger.deliver(later)).items)).toEqual([String(c)]);
			// A contact updated again is emitted again (a new change), once.
			const again = await lostUpdate(a, { Status: 'Warm' });
			expect(idsOf((await trigger.deliver(again)).items)).toEqual([String(a)]);
			expect((await trigger.deliver(again)).items).toEqual([]);
		} finally {
			await trigger.stop();
		}
	});

	it('emits two different updates of one contact delivered a moment apart, both', async () => {
		const trigger = await activate(['contactUpdate']);
		try {
			// A contact no other test changed.
			const a = [...sandbox.store.data.contacts.keys()][10];
			// One automation saves the status, then the source: two changes, two deliveries.
			const status = await lostUpdate(a, { Status: 'Hot Lead' });
			await new Promise((resolve) => setTimeout(resolve, 50)); // a moment later
			const source = await lostUpdate(a, { Source: 'Referral' });
			expect(status.body.EventCreated).not.toBe(source.body.EventCreated);

			const first = await trigger.deliver(status);
			const second = await trigger.deliver(source);
			expect(json(first.items)).toEqual([
				expect.objectContaining({ specificEvent: 'contactUpdateStatus', resourceId: a }),
			]);
			expect(json(second.items)).toEqual([
				expect.objectContaining({ specificEvent: 'contactUpdateSource', resourceId: a }),
			]);
		} finally {
			await trigger.stop();
		}
	});
});
