import nock from 'nock';

import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { TASK_LOOKUP_MAX_PAGES, TASK_LOOKUP_MAX_TASKS } from '../../nodes/WiseAgent/transport';
import { ENRICH_CONCURRENCY } from '../../nodes/WiseAgentTrigger/enrich';
import type { TriggerStaticData } from '../../nodes/WiseAgentTrigger/registration';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { DATA_PATH, SERVER_URL } from '../helpers/n8n';
import { PRODUCTION_URL, TriggerHarness } from '../helpers/trigger';

const TOKEN = 'enrich-token-0123456789abcdefghijklmn';
const api = () => nock(SERVER_URL);
const savedPolicy = { ...retryPolicy };

/**
 * A production delivery of contactCreate / contactUpdate also runs the catch-up (getContacts
 * since the feed's mark): here nothing else changed, so only the delivered ids come out.
 */
function noOtherContactChanges(latencyMs = 0) {
	return api()
		.persist()
		.get(DATA_PATH)
		.query((query) => query.requestType === 'getContacts')
		.delay(latencyMs)
		.reply(200, []);
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 }));
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

let workflows = 0;

function trigger(events: string[], parameters: Record<string, unknown> = {}) {
	// Each test its own workflow: the catch-up keeps what it emitted in process memory per
	// workflow, node and token, as a running n8n does.
	const harness = new TriggerHarness(
		new WiseAgentTrigger(),
		{ events, ...parameters },
		{ workflowId: `enrich-${++workflows}` },
	);
	(harness.staticData as TriggerStaticData).slots = {
		[PRODUCTION_URL]: { kind: 'production', token: TOKEN, hooks: {} },
	};
	return harness;
}

async function deliver(
	harness: TriggerHarness,
	EventType: string,
	ResourceIds: unknown[],
	EventCreated = '2024-11-21T17:00:00Z',
) {
	return await harness.deliver({
		query: { token: TOKEN },
		body: { EventType, EventCreated, ResourceIds },
	});
}

describe('Include Full Record', () => {
	beforeEach(() => noOtherContactChanges());

	it('reads contacts with getSingleContact and decodes their JSON-in-string fields', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '42' })
			.reply(200, [
				{ ClientID: 42, CFirst: 'Ann', Categories: '[{"name":"Buyer"}]', CustomData: '[]' },
			]);
		const { items } = await deliver(trigger(['contactUpdate']), 'contactUpdateStatus', [42]);
		expect(scope.isDone()).toBe(true);
		expect(items.map((item) => item.json)).toEqual([
			{
				event: 'contactUpdate',
				specificEvent: 'contactUpdateStatus',
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 42,
				record: { ClientID: 42, CFirst: 'Ann', Categories: ['Buyer'], CustomData: [] },
			},
		]);
	});

	it('keeps the raw contact when Simplify is off', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '42' })
			.reply(200, [{ ClientID: 42, Categories: '[{"name":"Buyer"}]' }]);
		const { items } = await deliver(
			trigger(['contactCreate'], { options: { simplify: false } }),
			'contactCreate',
			[42],
		);
		expect(items[0].json.record).toEqual({ ClientID: 42, Categories: '[{"name":"Buyer"}]' });
	});

	it('reads properties with getProperty and notes with getContactNotes', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperty', propertyID: '12434' })
			.reply(200, { PropertyID: '12434', Street: 'E Shea Blvd' })
			.get(DATA_PATH)
			.query({ requestType: 'getContactNotes', NoteID: '900' })
			.reply(200, [{ NoteID: 900, Subject: 'Called' }]);
		const harness = trigger(['propertyUpdate', 'noteCreate']);
		const property = await deliver(harness, 'propertyUpdate', [12434]);
		const note = await deliver(harness, 'noteCreate', [900]);
		expect(scope.isDone()).toBe(true);
		expect(property.items[0].json.record).toEqual({ PropertyID: '12434', Street: 'E Shea Blvd' });
		expect(note.items[0].json.record).toEqual({ NoteID: 900, Subject: 'Called' });
	});

	it('finds tasks in the task list, stopping once all are found', async () => {
		const page = (from: number) =>
			Array.from({ length: 100 }, (_, i) => ({
				TaskID: String(from + i),
				Description: `T${from + i}`,
			}));
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'tasks', page: '1', page_size: '100' })
			.reply(200, { Page: 1, TotalCount: 1000, Data: page(1) })
			.get(DATA_PATH)
			.query({ requestType: 'tasks', page: '2', page_size: '100' })
			.reply(200, { Page: 2, TotalCount: 1000, Data: page(101) });
		const { items } = await deliver(trigger(['taskUpdateComplete']), 'taskUpdateComplete', [
			'150',
			3,
		]);
		expect(scope.isDone()).toBe(true);
		expect(items.map((item) => item.json.record)).toEqual([
			{ TaskID: '150', Description: 'T150' },
			{ TaskID: '3', Description: 'T3' },
		]);
	});

	it(`says so when a task is not in the first ${TASK_LOOKUP_MAX_PAGES} pages`, async () => {
		const scope = api()
			.get(DATA_PATH)
			.query((query) => query.requestType === 'tasks')
			.times(TASK_LOOKUP_MAX_PAGES)
			.reply(200, (uri) => {
				const page = Number(new URL(uri, SERVER_URL).searchParams.get('page'));
				return {
					Page: page,
					Data: Array.from({ length: 100 }, (_, i) => ({ TaskID: String(page * 1000 + i) })),
				};
			});
		// Then the taskCreate catch-up reads the task list once more: nothing new there.
		api()
			.persist()
			.get(DATA_PATH)
			.query((query) => query.requestType === 'tasks')
			.reply(200, { Page: 1, TotalCount: 0, Data: [] });
		const { items } = await deliver(trigger(['taskCreate']), 'taskCreate', [5]);
		expect(scope.isDone()).toBe(true);
		expect(items[0].json).toMatchObject({ resourceId: 5, record: null });
		expect(items[0].json.recordError).toBe(
			`Wise Agent: task 5 was not found. Searched the first ${TASK_LOOKUP_MAX_TASKS} tasks of the task list.`,
		);
	});

	it('gives an item that says so when one record is gone or the API fails for it', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '1' })
			.reply(200, [{ ClientID: 1 }])
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '2' })
			.reply(200, [])
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '3' })
			.reply(200, { error: 'Client not found' })
			.get(DATA_PATH)
			.query({ requestType: 'getSingleContact', clientID: '4' })
			.reply(500, 'boom');
		const { items } = await deliver(trigger(['contactUpdate']), 'contactUpdate', [1, 2, 3, 4]);
		expect(scope.isDone()).toBe(true);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ resourceId: 1, record: { ClientID: 1 } }),
			expect.objectContaining({
				resourceId: 2,
				record: null,
				recordError: 'Wise Agent: contact 2 was not found',
			}),
			expect.objectContaining({
				resourceId: 3,
				record: null,
				recordError: 'Wise Agent: Client not found',
			}),
			expect.objectContaining({
				resourceId: 4,
				record: null,
				recordError: expect.stringContaining('Wise Agent'),
			}),
		]);
	});

	it(`fetches at most ${ENRICH_CONCURRENCY} records at a time`, async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const ids = Array.from({ length: 13 }, (_, i) => i + 1);
		const scope = api()
			.get(DATA_PATH)
			.query((query) => query.requestType === 'getSingleContact')
			.times(ids.length)
			.reply(async (uri) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				await new Promise((resolve) => setTimeout(resolve, 15));
				inFlight--;
				return [200, [{ ClientID: Number(new URL(uri, SERVER_URL).searchParams.get('clientID')) }]];
			});
		const { items } = await deliver(trigger(['contactCreate']), 'contactCreate', ids);
		expect(scope.isDone()).toBe(true);
		expect(maxInFlight).toBe(ENRICH_CONCURRENCY);
		expect(items.map((item) => (item.json.record as { ClientID: number }).ClientID)).toEqual(ids);
	});

	it('never reads records of deleted events', async () => {
		// No nock interceptor: any request would fail the test.
		nock.cleanAll();
		const { items } = await deliver(
			trigger(['contactDelete', 'taskDelete']),
			'contactDelete',
			[1, 2],
		);
		expect(items.map((item) => item.json)).toEqual([
			{
				event: 'contactDelete',
				specificEvent: 'contactDelete',
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 1,
				record: null,
			},
			{
				event: 'contactDelete',
				specificEvent: 'contactDelete',
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 2,
				record: null,
			},
		]);
	});
});

describe('duplicate deliveries', () => {
	const noEnrich = { includeRecord: false };
	beforeEach(() => noOtherContactChanges());

	it('drops the same event, ids and time within the window', async () => {
		const harness = trigger(['contactCreate'], noEnrich);
		expect((await deliver(harness, 'contactCreate', [1, 2])).items).toHaveLength(2);
		const again = await deliver(harness, 'contactCreate', [2, 1]);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.status).toBe(200);
		expect(again.body).toEqual({ received: true, ignored: 'duplicate delivery' });
	});

	it('lets through a different time, other ids or another event type', async () => {
		const harness = trigger(['contactUpdate'], noEnrich);
		await deliver(harness, 'contactUpdate', [1]);
		expect(
			(await deliver(harness, 'contactUpdate', [1], '2024-11-21T17:00:01Z')).items,
		).toHaveLength(1);
		expect((await deliver(harness, 'contactUpdate', [3])).items).toHaveLength(1);
		expect((await deliver(harness, 'contactUpdateStatus', [1])).items).toHaveLength(1);
	});

	// The window tests use an event without catch-up (notes): for contacts, tasks and
	// properties the catch-up also remembers what was emitted, whatever the window.
	it('lets the same delivery through again after the window', async () => {
		const harness = trigger(['noteCreate'], {
			...noEnrich,
			options: { duplicateWindowMinutes: 10 },
		});
		const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2024-11-21T17:00:00Z'));
		try {
			await deliver(harness, 'noteCreate', [1]);
			now.mockReturnValue(Date.parse('2024-11-21T17:09:59Z'));
			expect((await deliver(harness, 'noteCreate', [1])).result.workflowData).toBeUndefined();
			now.mockReturnValue(Date.parse('2024-11-21T17:20:00Z'));
			expect((await deliver(harness, 'noteCreate', [1])).items).toHaveLength(1);
		} finally {
			now.mockRestore();
		}
	});

	it('does nothing when the window is 0', async () => {
		const harness = trigger(['noteCreate'], {
			...noEnrich,
			options: { duplicateWindowMinutes: 0 },
		});
		await deliver(harness, 'noteCreate', [1]);
		expect((await deliver(harness, 'noteCreate', [1])).items).toHaveLength(1);
	});

	it('remembers a bounded number of deliveries, the most recent ones', async () => {
		const harness = trigger(['noteCreate'], noEnrich);
		for (let i = 0; i < 520; i++) await deliver(harness, 'noteCreate', [i]);
		const remembered = Object.keys(
			(harness.staticData as TriggerStaticData).recentDeliveries ?? {},
		);
		expect(remembered).toHaveLength(500);
		// The newest is still recognised; the oldest was forgotten.
		expect((await deliver(harness, 'noteCreate', [519])).body).toEqual({
			received: true,
			ignored: 'duplicate delivery',
		});
		expect((await deliver(harness, 'noteCreate', [0])).items).toHaveLength(1);
	});

	it('keeps a short key per delivery, even for a delivery of 10,000 ids', async () => {
		const harness = trigger(['contactCreate'], noEnrich);
		const ids = Array.from({ length: 10_000 }, (_, i) => 100_000 + i);
		expect((await deliver(harness, 'contactCreate', ids)).items).toHaveLength(10_000);
		const remembered = (harness.staticData as TriggerStaticData).recentDeliveries ?? {};
		expect(Object.keys(remembered)).toHaveLength(1);
		for (const key of Object.keys(remembered)) expect(key.length).toBeLessThanOrEqual(32);
		expect(JSON.stringify(remembered).length).toBeLessThan(100);
		// Still the same delivery whatever the order of its ids, and another one with one id changed.
		expect((await deliver(harness, 'contactCreate', [...ids].reverse())).body).toEqual({
			received: true,
			ignored: 'duplicate delivery',
		});
		const other = [...ids.slice(0, -1), 999_999];
		expect((await deliver(harness, 'contactCreate', other)).result.workflowData).toBeDefined();
	});

	describe('without EventCreated', () => {
		const send = async (harness: TriggerHarness, payload: object) => {
			const text = JSON.stringify(payload);
			return await harness.deliver({
				query: { token: TOKEN },
				body: JSON.parse(text),
				rawBody: Buffer.from(text),
			});
		};
		const update = { EventType: 'contactUpdate', ResourceIds: [42] };
		let now: jest.SpyInstance<number, []>;
		const at = (iso: string) => now.mockReturnValue(Date.parse(iso));
		beforeEach(() => (now = jest.spyOn(Date, 'now')));
		afterEach(() => now.mockRestore());

		it('drops the same bytes within 60 s only: a later identical body is another change', async () => {
			const harness = trigger(['contactUpdate'], noEnrich);
			at('2024-11-21T17:00:00Z');
			expect((await send(harness, update)).items).toHaveLength(1);
			at('2024-11-21T17:00:30Z');
			const resent = await send(harness, update);
			expect(resent.result.workflowData).toBeUndefined();
			// Two minutes later (inside the 10-minute window): contact 42 changed again.
			at('2024-11-21T17:02:00Z');
			const later = await send(harness, update);
			expect(later.items.map((item) => item.json)).toEqual([
				{
					event: 'contactUpdate',
					specificEvent: 'contactUpdate',
					eventCreated: null,
					resourceId: 42,
					record: null,
				},
			]);
			at('2024-11-21T17:09:00Z');
			expect((await send(harness, update)).items).toHaveLength(1);
			expect(resent.body).toEqual({ received: true, ignored: 'duplicate delivery' });
		});

		it('lets two different bodies through, even a second apart', async () => {
			const harness = trigger(['contactUpdate'], noEnrich);
			at('2024-11-21T17:00:00Z');
			expect((await send(harness, update)).items).toHaveLength(1);
			at('2024-11-21T17:00:01Z');
			expect(
				(await send(harness, { EventType: 'contactUpdateStatus', ResourceIds: [42] })).items,
			).toHaveLength(1);
			at('2024-11-21T17:00:02Z');
			expect((await send(harness, { ...update, ResourceIds: [42, 43] })).items).toHaveLength(2);
		});
	});
});

/** Records one delivery reads at most (the rest get `record: null` and a `recordError`). */
const MAX_RECORDS_PER_DELIVERY = 100;

describe('large deliveries', () => {
	it(`answers at once, reads at most ${MAX_RECORDS_PER_DELIVERY} records and still gives every id an item`, async () => {
		const LATENCY_MS = 50;
		const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
		let requests = 0;
		let singleReads = 0;
		const single = api()
			.get(DATA_PATH)
			.query((query) => query.requestType === 'getSingleContact')
			.times(ids.length)
			.delay(LATENCY_MS)
			.reply(200, (uri) => [
				{ ClientID: Number(new URL(uri, SERVER_URL).searchParams.get('clientID')) },
			]);
		single.on('request', () => {
			requests++;
			singleReads++;
		});
		noOtherContactChanges(LATENCY_MS).on('request', () => requests++);

		let requestsWhenAnswered: number | undefined;
		const result = await trigger(['contactCreate']).deliver({
			query: { token: TOKEN },
			body: { EventType: 'contactCreate', EventCreated: '2024-11-21T17:00:00Z', ResourceIds: ids },
			onAnswer: () => (requestsWhenAnswered = requests),
		});

		// Answered by the node itself, before its first API request.
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ received: true });
		expect(result.answeredAfterMs).toBeDefined();
		expect(requestsWhenAnswered).toBe(0);
		expect(requests).toBeGreaterThan(0);

		expect(singleReads).toBe(MAX_RECORDS_PER_DELIVERY);
		expect(result.items.map((item) => item.json.resourceId)).toEqual(ids);
		const read = result.items.slice(0, MAX_RECORDS_PER_DELIVERY).map((item) => item.json);
		const notRead = result.items.slice(MAX_RECORDS_PER_DELIVERY).map((item) => item.json);
		expect(read.map((json) => (json.record as { ClientID: number }).ClientID)).toEqual(
			ids.slice(0, MAX_RECORDS_PER_DELIVERY),
		);
		expect(read.every((json) => json.recordError === undefined)).toBe(true);
		for (const json of notRead) {
			expect(json).toMatchObject({ event: 'contactCreate', record: null });
			expect(json.recordError).toEqual(expect.stringContaining('1000 records'));
			expect(json.recordError).toEqual(
				expect.stringContaining(`first ${MAX_RECORDS_PER_DELIVERY} were read`),
			);
			expect(json.recordError).toEqual(expect.stringContaining('resourceId'));
		}
		// A generous bound: 1,000 reads at 50 ms, 5 at a time, would take 10 s.
		expect(result.durationMs).toBeLessThan(10_000);
	}, 30_000);
});
