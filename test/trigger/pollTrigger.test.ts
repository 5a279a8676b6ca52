import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { WiseAgentPollTrigger } from '../../nodes/WiseAgentPollTrigger/WiseAgentPollTrigger.node';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { DATA_PATH, SERVER_URL } from '../helpers/n8n';
import { TriggerHarness } from '../helpers/trigger';

const api = () => nock(SERVER_URL);
const savedPolicy = { ...retryPolicy };
let clock: jest.SpyInstance<number, []>;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5 });
	clock = jest.spyOn(Date, 'now');
});
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	clock.mockRestore();
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

const at = (iso: string) => clock.mockReturnValue(Date.parse(iso));

/** `staticData`: what n8n saved for the workflow (JSON), e.g. a 0.1 cursor or another harness's. */
function poller(parameters: INodeParameters, staticData?: IDataObject) {
	return new TriggerHarness(new WiseAgentPollTrigger(), parameters, { staticData });
}

/** A field of each emitted record (items are `{event, specificEvent, eventCreated, resourceId, record}`). */
const ids = (items: Array<{ json: Record<string, unknown> }> | null, field: string) =>
	(items ?? []).map((item) => (item.json.record as Record<string, unknown>)[field]);

const ITEM_KEYS = ['event', 'eventCreated', 'record', 'resourceId', 'specificEvent'];

function expectContacts(since: string, pages: object[][], pageSize = 100) {
	let scope = api();
	pages.forEach((records, index) => {
		scope = scope
			.get(DATA_PATH)
			.query({
				requestType: 'getContacts',
				DateUpdatedUTC: since,
				page: String(index + 1),
				page_size: String(pageSize),
			})
			.reply(200, records);
	});
	return scope;
}

const contact = (id: number, updated: string, added = '11/01/2024 10:00:00 AM') => ({
	ClientID: id,
	CFirst: `C${id}`,
	DateUpdatedUTC: updated,
	DateAddedUTC: added,
	Categories: '[{"name":"Buyer"}]',
});

describe('contacts', () => {
	it('first run reads the last hour and emits nothing; what it read is not emitted later', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:30Z');
		// 17:00:30 - 60 min = 16:00:30, floored to the minute and one more minute back.
		const first = expectContacts('11/21/2024 15:59', [[contact(7, '11/21/2024 4:30:00 PM')]]);
		expect(await harness.poll()).toBeNull();
		expect(first.isDone()).toBe(true);
		expect(harness.staticData.cursor).toEqual({
			key: 'contact:newOrUpdated',
			feed: {
				mark: Date.parse('2024-11-21T16:30:00Z'),
				origin: Date.parse('2024-11-21T16:00:30Z'),
				seen: { '7': Date.parse('2024-11-21T16:30:00Z') },
			},
		});
		at('2024-11-21T17:05:00Z');
		// 16:30 - 2 min = 16:28 -> 16:27.
		const next = expectContacts('11/21/2024 16:27', [[contact(7, '11/21/2024 4:30:00 PM')]]);
		expect(await harness.poll()).toBeNull();
		expect(next.isDone()).toBe(true);
	});

	it('asks for changes since the newest one seen minus the overlap (UTC, minute precision) and emits them simplified', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:30Z');
		expectContacts('11/21/2024 15:59', [[contact(50, '11/21/2024 4:50:20 PM')]]);
		await harness.poll();
		at('2024-11-21T17:05:10Z');
		// Newest change seen 16:50:20 - 2 min = 16:48:20 -> 16:48 -> 16:47 (n8n's clock plays no part).
		const scope = expectContacts('11/21/2024 16:47', [[contact(1, '11/21/2024 5:03:00 PM')]]);
		const items = await harness.poll();
		expect(scope.isDone()).toBe(true);
		expect(items?.map((item) => item.json)).toEqual([
			{
				event: 'contactUpdate',
				specificEvent: 'contactUpdate',
				eventCreated: '2024-11-21T17:03:00.000Z',
				resourceId: 1,
				record: { ...contact(1, '11/21/2024 5:03:00 PM'), Categories: ['Buyer'] },
			},
		]);
	});

	it('neither misses nor repeats across overlapping windows, including a change made during a poll', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		expectContacts('11/21/2024 15:59', [[contact(50, '2024-11-21T16:58:00')]]);
		await harness.poll();

		at('2024-11-21T17:05:00Z');
		// 16:58 - 2 min -> 16:56 -> 16:55; contact 50 comes back unchanged.
		expectContacts('11/21/2024 16:55', [
			[
				contact(50, '2024-11-21T16:58:00'),
				contact(1, '2024-11-21T17:01:00'),
				contact(2, '2024-11-21T17:04:59'),
			],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([1, 2]);

		// Contact 2 changes again right after the previous query ran (17:05:00.5); contact 1
		// is still inside the overlap and comes back unchanged; contact 3 is new.
		at('2024-11-21T17:10:00Z');
		// 17:04:59 - 2 min = 17:02:59 -> 17:02 -> 17:01.
		const scope = expectContacts('11/21/2024 17:01', [
			[
				contact(1, '2024-11-21T17:01:00'),
				contact(2, '2024-11-21T17:05:00.5'),
				contact(2, '2024-11-21T17:04:59'),
				contact(3, '2024-11-21T17:08:00'),
			],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([2, 3]);
		expect(scope.isDone()).toBe(true);

		at('2024-11-21T17:15:00Z');
		// 17:08 - 2 min -> 17:06 -> 17:05.
		expectContacts('11/21/2024 17:05', [[contact(3, '2024-11-21T17:08:00')]]);
		expect(await harness.poll()).toBeNull();
	});

	it('catches a change stamped before the newest one seen (saved late, or by a Wise Agent clock behind)', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		expectContacts('11/21/2024 15:59', [[]]);
		await harness.poll();
		at('2024-11-21T17:05:00Z');
		expectContacts('11/21/2024 15:59', [[contact(8, '2024-11-21T17:03:30Z')]]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([8]);
		// Visible only after that poll, but stamped 17:02:10, before contact 8.
		at('2024-11-21T17:10:00Z');
		// 17:03:30 - 2 min = 17:01:30 -> 17:01 -> 17:00.
		expectContacts('11/21/2024 17:00', [
			[contact(8, '2024-11-21T17:03:30Z'), contact(9, '2024-11-21T17:02:10Z')],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([9]);
	});

	it('pages through everything that changed', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		expectContacts('11/21/2024 15:59', [[]]);
		await harness.poll();
		at('2024-11-21T18:00:00Z');
		const page1 = Array.from({ length: 100 }, (_, i) => contact(i + 1, '2024-11-21T17:30:00'));
		const page2 = Array.from({ length: 100 }, (_, i) => contact(i + 101, '2024-11-21T17:30:00'));
		const page3 = Array.from({ length: 30 }, (_, i) => contact(i + 201, '2024-11-21T17:30:00'));
		// Nothing was seen yet: still the first window.
		const scope = expectContacts('11/21/2024 15:59', [page1, page2, page3]);
		const items = await harness.poll();
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(230);
	});

	it('emits a bulk change of more contacts than the cursor keeps once, not again on every poll', async () => {
		// 5,100 contacts imported in the same minute (more than MAX_SEEN_KEYS = 5,000). The
		// next window starts 2 minutes before that minute, so it lists all of them again.
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		expectContacts('11/21/2024 15:59', [[]]);
		await harness.poll();
		const bulk = Array.from({ length: 5100 }, (_, i) => contact(i + 1, '2024-11-21T17:30:00'));
		const pages = Array.from({ length: 52 }, (_, p) => bulk.slice(p * 100, p * 100 + 100));
		at('2024-11-21T17:31:00Z');
		expectContacts('11/21/2024 15:59', pages);
		expect(await harness.poll()).toHaveLength(5100);
		// Two more polls with nothing new. The 100 oldest keys did not fit: the origin moved above
		// them (17:30:00.001), so the window starts there (-> 17:30 -> 17:29) and cannot list them.
		let repeated = 0;
		for (const now of ['2024-11-21T17:32:00Z', '2024-11-21T17:33:00Z']) {
			at(now);
			const again = expectContacts('11/21/2024 17:29', pages);
			repeated += (await harness.poll())?.length ?? 0;
			expect(again.isDone()).toBe(true);
		}
		expect(repeated).toBe(0);
	});

	it('New Only emits contacts added inside the window, once, and not later updates of older ones', async () => {
		const harness = poller({ event: 'contact', change: 'new' });
		at('2024-11-21T17:00:00Z');
		expectContacts('11/21/2024 15:59', [[]]);
		await harness.poll();
		at('2024-11-21T17:05:00Z');
		expectContacts('11/21/2024 15:59', [
			[
				contact(1, '11/21/2024 5:02:00 PM', '11/21/2024 5:02:00 PM'),
				contact(2, '11/21/2024 5:03:00 PM', '10/01/2024 9:00:00 AM'),
			],
		]);
		const added = await harness.poll();
		expect(ids(added, 'ClientID')).toEqual([1]);
		expect(added?.[0].json).toMatchObject({
			event: 'contactCreate',
			specificEvent: 'contactCreate',
			eventCreated: '2024-11-21T17:02:00.000Z',
			resourceId: 1,
		});
		at('2024-11-21T17:06:00Z');
		// Newest change (the update of contact 2) 17:03 - 2 min -> 17:01 -> 17:00.
		expectContacts('11/21/2024 17:00', [
			[contact(1, '11/21/2024 5:05:30 PM', '11/21/2024 5:02:00 PM')],
		]);
		expect(await harness.poll()).toBeNull();
	});

	it('a manual run returns the latest contact and leaves the state alone', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		expectContacts('11/21/2024 15:59', [[]]);
		await harness.poll();
		const state = structuredClone(harness.staticData.cursor);
		at('2024-11-21T18:00:00Z');
		const scope = expectContacts('11/20/2024 18:00', [
			[
				contact(1, '11/21/2024 9:00:00 AM'),
				contact(2, '11/21/2024 4:00:00 PM'),
				contact(3, '11/21/2024 10:00:00 AM'),
			],
		]);
		const items = await harness.poll('manual');
		expect(scope.isDone()).toBe(true);
		expect(ids(items, 'ClientID')).toEqual([2]);
		expect(Object.keys(items![0].json).sort()).toEqual(ITEM_KEYS);
		expect(harness.staticData.cursor).toEqual(state);
	});

	it('a manual run widens the window when the last day had no change', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T18:00:00Z');
		const scope = expectContacts('11/20/2024 18:00', [[]])
			.get(DATA_PATH)
			.query({
				requestType: 'getContacts',
				DateUpdatedUTC: '10/22/2024 18:00',
				page: '1',
				page_size: '100',
			})
			.reply(200, [contact(4, '11/02/2024 1:00:00 PM')]);
		expect(ids(await harness.poll('manual'), 'ClientID')).toEqual([4]);
		expect(scope.isDone()).toBe(true);
		expect(harness.staticData.cursor).toBeUndefined();
	});
});

const task = (id: number, created: string, modified = created) => ({
	TaskID: String(id),
	Description: `Task ${id}`,
	DateCreated: created,
	DateModified: modified,
});

function expectTasks(pages: object[][]) {
	let scope = api();
	pages.forEach((records, index) => {
		scope = scope
			.get(DATA_PATH)
			.query({ requestType: 'tasks', page: String(index + 1), page_size: '100' })
			.reply(200, { Page: index + 1, TotalCount: 0, Data: records });
	});
	return scope;
}

describe('tasks', () => {
	it('first run emits nothing; later polls emit tasks created since, never twice', async () => {
		const harness = poller({ event: 'task', change: 'new' });
		at('2024-11-21T17:00:00Z');
		expectTasks([[task(1, '11/21/2024 9:00:00 AM'), task(2, '11/21/2024 9:30:00 AM')]]);
		expect(await harness.poll()).toBeNull();
		expect(harness.staticData.cursor).toMatchObject({
			key: 'task:new',
			feed: { mark: Date.UTC(2024, 10, 21, 9, 30) },
		});

		at('2024-11-21T17:05:00Z');
		// Task 3 is new; task 4 was saved late with a time just below the mark (inside the overlap).
		expectTasks([
			[
				task(1, '11/21/2024 9:00:00 AM'),
				task(2, '11/21/2024 9:30:00 AM'),
				task(3, '11/21/2024 9:40:00 AM'),
				task(4, '11/21/2024 9:29:00 AM'),
			],
		]);
		const created = await harness.poll();
		expect(ids(created, 'TaskID')).toEqual(['4', '3']);
		// Task dates carry no zone: eventCreated is the date as Wise Agent wrote it.
		expect(created?.map((item) => item.json)).toEqual([
			{
				event: 'taskCreate',
				specificEvent: 'taskCreate',
				eventCreated: '11/21/2024 9:29:00 AM',
				resourceId: '4',
				record: task(4, '11/21/2024 9:29:00 AM'),
			},
			{
				event: 'taskCreate',
				specificEvent: 'taskCreate',
				eventCreated: '11/21/2024 9:40:00 AM',
				resourceId: '3',
				record: task(3, '11/21/2024 9:40:00 AM'),
			},
		]);

		at('2024-11-21T17:10:00Z');
		expectTasks([
			[task(3, '11/21/2024 9:40:00 AM'), task(4, '11/21/2024 9:29:00 AM', '11/21/2024 9:50:00 AM')],
		]);
		expect(await harness.poll()).toBeNull();
	});

	it('New or Updated emits a task each time its DateModified changes', async () => {
		const harness = poller({ event: 'task', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		expectTasks([[task(1, '11/21/2024 9:00:00 AM')]]);
		await harness.poll();
		expectTasks([[task(1, '11/21/2024 9:00:00 AM', '11/21/2024 10:00:00 AM')]]);
		const changed = await harness.poll();
		expect(ids(changed, 'TaskID')).toEqual(['1']);
		expect(changed?.[0].json).toMatchObject({
			event: 'taskUpdate',
			specificEvent: 'taskUpdate',
			eventCreated: '11/21/2024 10:00:00 AM',
			resourceId: '1',
		});
		expectTasks([[task(1, '11/21/2024 9:00:00 AM', '11/21/2024 10:00:00 AM')]]);
		expect(await harness.poll()).toBeNull();
		expectTasks([[task(1, '11/21/2024 9:00:00 AM', '11/21/2024 10:01:00 AM')]]);
		expect(ids(await harness.poll(), 'TaskID')).toEqual(['1']);
	});

	it('reads every page of the task list', async () => {
		const harness = poller({ event: 'task', change: 'new' });
		expectTasks([[]]);
		await harness.poll();
		const page1 = Array.from({ length: 100 }, (_, i) => task(i + 1, '11/21/2024 9:00:00 AM'));
		const page2 = Array.from({ length: 5 }, (_, i) => task(i + 101, '11/21/2024 9:00:00 AM'));
		const scope = expectTasks([page1, page2]);
		expect(await harness.poll()).toHaveLength(105);
		expect(scope.isDone()).toBe(true);
	});

	it('a manual run returns the latest task', async () => {
		const harness = poller({ event: 'task', change: 'newOrUpdated' });
		expectTasks([
			[
				task(1, '11/21/2024 9:00:00 AM', '11/21/2024 11:00:00 AM'),
				task(2, '11/21/2024 10:00:00 AM'),
			],
		]);
		expect(ids(await harness.poll('manual'), 'TaskID')).toEqual(['1']);
		expect(harness.staticData.cursor).toBeUndefined();
	});

	it('changing the event starts over as a first run', async () => {
		const harness = poller({ event: 'task', change: 'new' });
		expectTasks([[task(1, '11/21/2024 9:00:00 AM')]]);
		await harness.poll();
		harness.setParameters({ change: 'newOrUpdated' });
		expectTasks([[task(1, '11/21/2024 9:00:00 AM', '11/21/2024 9:10:00 AM')]]);
		expect(await harness.poll()).toBeNull();
		expect(harness.staticData.cursor).toMatchObject({ key: 'task:newOrUpdated' });
	});
});

describe('properties', () => {
	const property = (id: number) => ({ PropertyID: String(id), Street: `${id} Main St` });
	const pageOf = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => property(from - i));

	it('first run reads the newest page only; later polls page until older properties appear', async () => {
		const harness = poller({ event: 'property' });
		const first = api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '1', page_size: '50' })
			.reply(200, pageOf(500, 50));
		expect(await harness.poll()).toBeNull();
		expect(first.isDone()).toBe(true);
		expect(harness.staticData.cursor).toMatchObject({ key: 'property:new', feed: { mark: 500 } });

		// 60 new ones (501..560) on the first page and a half; page 2 then reaches properties
		// already seen (490 and below), so paging stops there and nothing old is emitted again.
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '1', page_size: '50' })
			.reply(200, pageOf(560, 50))
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '2', page_size: '50' })
			.reply(200, [...pageOf(510, 10), property(490), ...pageOf(489, 39)]);
		const items = await harness.poll();
		expect(scope.isDone()).toBe(true);
		// Emitted oldest (lowest id) first.
		expect(ids(items, 'PropertyID')).toEqual(
			pageOf(560, 60)
				.map((p) => p.PropertyID)
				.reverse(),
		);
		expect(items?.[0].json).toEqual({
			event: 'propertyCreate',
			specificEvent: 'propertyCreate',
			eventCreated: null,
			resourceId: '501',
			record: property(501),
		});
		expect(harness.staticData.cursor).toMatchObject({ feed: { mark: 560 } });
	});

	it('emits a property that appears late with an id just below the mark', async () => {
		const harness = poller({ event: 'property' });
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [property(100), property(98)]);
		await harness.poll();
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [property(101), property(100), property(99), property(98)]);
		expect(ids(await harness.poll(), 'PropertyID')).toEqual(['99', '101']);
	});

	it('an account without properties yet: the next poll emits every new one, beyond the first page', async () => {
		const harness = poller({ event: 'property' });
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '1', page_size: '50' })
			.reply(200, []);
		expect(await harness.poll()).toBeNull();
		// 60 properties added before the next poll (newest first, 50 a page).
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '1', page_size: '50' })
			.reply(200, pageOf(60, 50))
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '2', page_size: '50' })
			.reply(200, pageOf(10, 10));
		const items = await harness.poll();
		expect(items).toHaveLength(60);
		expect(scope.isDone()).toBe(true);
	});

	it('a manual run returns the newest property', async () => {
		const harness = poller({ event: 'property' });
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '1', page_size: '50' })
			.reply(200, [property(7), property(12), property(3)]);
		expect(ids(await harness.poll('manual'), 'PropertyID')).toEqual(['12']);
	});
});

describe('output items', () => {
	const contactRecord = contact(5, '11/21/2024 5:03:00 PM', '11/21/2024 5:03:00 PM');
	const cases: Array<{
		label: string;
		parameters: INodeParameters;
		mock: (second: boolean) => void;
		expected: Record<string, unknown>;
	}> = [
		{
			label: 'contact, New Only',
			parameters: { event: 'contact', change: 'new' },
			mock: (second) =>
				void api()
					.get(DATA_PATH)
					.query((q) => q.requestType === 'getContacts')
					.reply(200, second ? [contactRecord] : []),
			expected: {
				event: 'contactCreate',
				specificEvent: 'contactCreate',
				eventCreated: '2024-11-21T17:03:00.000Z',
				resourceId: 5,
				record: { ...contactRecord, Categories: ['Buyer'] },
			},
		},
		{
			label: 'contact, New or Updated, Simplify off',
			parameters: { event: 'contact', change: 'newOrUpdated', options: { simplify: false } },
			mock: (second) =>
				void api()
					.get(DATA_PATH)
					.query((q) => q.requestType === 'getContacts')
					.reply(200, second ? [contact(5, '11/21/2024 5:04:00 PM')] : []),
			expected: {
				event: 'contactUpdate',
				specificEvent: 'contactUpdate',
				eventCreated: '2024-11-21T17:04:00.000Z',
				resourceId: 5,
				record: contact(5, '11/21/2024 5:04:00 PM'),
			},
		},
		{
			label: 'task, New or Updated (a new task)',
			parameters: { event: 'task', change: 'newOrUpdated' },
			mock: (second) => void expectTasks([second ? [task(9, '11/21/2024 9:00:00 AM')] : []]),
			expected: {
				event: 'taskCreate',
				specificEvent: 'taskCreate',
				eventCreated: '11/21/2024 9:00:00 AM',
				resourceId: '9',
				record: task(9, '11/21/2024 9:00:00 AM'),
			},
		},
		{
			label: 'property',
			parameters: { event: 'property' },
			mock: (second) =>
				void api()
					.get(DATA_PATH)
					.query((q) => q.requestType === 'getProperties')
					.reply(200, second ? [{ PropertyID: '77', Street: 'Main' }] : []),
			expected: {
				event: 'propertyCreate',
				specificEvent: 'propertyCreate',
				eventCreated: null,
				resourceId: '77',
				record: { PropertyID: '77', Street: 'Main' },
			},
		},
	];

	it.each(cases)('$label: {event, specificEvent, eventCreated, resourceId, record}', async (c) => {
		const harness = poller(c.parameters);
		at('2024-11-21T17:00:00Z');
		c.mock(false);
		await harness.poll();
		at('2024-11-21T17:05:00Z');
		c.mock(true);
		const items = await harness.poll();
		expect(items?.map((item) => item.json)).toEqual([c.expected]);
		expect(Object.keys(items![0].json).sort()).toEqual(ITEM_KEYS);
	});
});

describe('upgrading from 0.1 (old cursors)', () => {
	const seenAt = Date.parse('2024-11-21T17:00:00Z');

	it('contacts, New or Updated: carries on from the last poll, emits only what changed since', async () => {
		// As 0.1 left it: the last poll at 17:00, keys "ClientID@DateUpdatedUTC".
		const harness = poller(
			{ event: 'contact', change: 'newOrUpdated' },
			{
				'node:Wise Agent Poll Trigger': {
					cursor: {
						key: 'contact:newOrUpdated',
						lastPollAt: seenAt,
						seen: { '1@2024-11-21T16:59:00': seenAt, '2@11/21/2024 4:58:30 PM': seenAt },
					},
				},
			},
		);
		at('2024-11-21T17:05:00Z');
		// 17:00 - 2 min overlap = 16:58 -> 16:57: not an hour back as a first run would.
		const scope = expectContacts('11/21/2024 16:57', [
			[
				contact(1, '2024-11-21T16:59:00'),
				contact(2, '11/21/2024 5:04:00 PM'),
				contact(3, '2024-11-21T17:03:00'),
			],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([3, 2]);
		expect(scope.isDone()).toBe(true);
		expect(harness.staticData.cursor).toMatchObject({
			key: 'contact:newOrUpdated',
			feed: { mark: Date.parse('2024-11-21T17:04:00Z') },
		});
		expect(harness.staticData.cursor).not.toHaveProperty('lastPollAt');
	});

	it('contacts, New Only: a contact 0.1 emitted is not emitted again', async () => {
		const harness = poller(
			{ event: 'contact', change: 'new' },
			{
				'node:Wise Agent Poll Trigger': {
					cursor: { key: 'contact:new', lastPollAt: seenAt, seen: { '1': seenAt } },
				},
			},
		);
		at('2024-11-21T17:05:00Z');
		expectContacts('11/21/2024 16:57', [
			[
				contact(1, '2024-11-21T17:01:00', '2024-11-21T16:59:00'),
				contact(4, '2024-11-21T17:02:00', '2024-11-21T17:02:00'),
			],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([4]);
	});

	it('tasks: carries the watermark on, and the migrated cursor survives being saved as JSON', async () => {
		const nine30 = Date.UTC(2024, 10, 21, 9, 30);
		const harness = poller(
			{ event: 'task', change: 'new' },
			{
				'node:Wise Agent Poll Trigger': {
					cursor: {
						key: 'task:new',
						watermark: nine30,
						seen: { '1': nine30 - 60_000, '2': nine30 },
					},
				},
			},
		);
		at('2024-11-21T17:05:00Z');
		expectTasks([
			[
				task(1, '11/21/2024 9:29:00 AM'),
				task(2, '11/21/2024 9:30:00 AM'),
				task(3, '11/21/2024 9:40:00 AM'),
			],
		]);
		expect(ids(await harness.poll(), 'TaskID')).toEqual(['3']);

		// n8n saves static data as JSON and reads it back for the next poll.
		const reloaded = poller({ event: 'task', change: 'new' }, harness.savedStaticData());
		expectTasks([
			[
				task(2, '11/21/2024 9:30:00 AM'),
				task(3, '11/21/2024 9:40:00 AM'),
				task(4, '11/21/2024 9:41:00 AM'),
			],
		]);
		expect(ids(await reloaded.poll(), 'TaskID')).toEqual(['4']);
	});

	it('tasks, New or Updated: a task version 0.1 emitted is not emitted again, a newer one is', async () => {
		const harness = poller(
			{ event: 'task', change: 'newOrUpdated' },
			{
				'node:Wise Agent Poll Trigger': {
					cursor: {
						key: 'task:newOrUpdated',
						watermark: Date.UTC(2024, 10, 21, 10, 0),
						seen: {
							'1@11/21/2024 10:00:00 AM': Date.UTC(2024, 10, 21, 10, 0),
							'2@11/21/2024 9:59:00 AM': Date.UTC(2024, 10, 21, 9, 59),
						},
					},
				},
			},
		);
		expectTasks([
			[
				task(1, '11/21/2024 9:00:00 AM', '11/21/2024 10:00:00 AM'),
				task(2, '11/21/2024 9:00:00 AM', '11/21/2024 10:01:00 AM'),
			],
		]);
		expect(ids(await harness.poll(), 'TaskID')).toEqual(['2']);
	});

	it('properties: carries the watermark on', async () => {
		const harness = poller(
			{ event: 'property' },
			{
				'node:Wise Agent Poll Trigger': {
					cursor: { key: 'property:new', watermark: 500, seen: { '500': 500, '499': 499 } },
				},
			},
		);
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getProperties', page: '1', page_size: '50' })
			.reply(200, [
				{ PropertyID: '502' },
				{ PropertyID: '501' },
				{ PropertyID: '500' },
				{ PropertyID: '499' },
				{ PropertyID: '470' },
			]);
		expect(ids(await harness.poll(), 'PropertyID')).toEqual(['501', '502']);
	});
});
