import type { INodeParameters } from 'n8n-workflow';
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

function poller(parameters: INodeParameters) {
	return new TriggerHarness(new WiseAgentPollTrigger(), parameters);
}

const ids = (items: Array<{ json: Record<string, unknown> }> | null, field: string) =>
	(items ?? []).map((item) => item.json[field]);

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
	it('first run sends nothing, emits nothing and starts the window now', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:30Z');
		expect(await harness.poll()).toBeNull();
		expect(harness.staticData.cursor).toEqual({
			key: 'contact:newOrUpdated',
			lastPollAt: Date.parse('2024-11-21T17:00:30Z'),
			seen: {},
		});
	});

	it('asks for changes since the last poll minus the overlap (UTC, minute precision) and emits them simplified', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:30Z');
		await harness.poll();
		at('2024-11-21T17:05:10Z');
		const scope = expectContacts('11/21/2024 16:58', [[contact(1, '11/21/2024 5:03:00 PM')]]);
		const items = await harness.poll();
		expect(scope.isDone()).toBe(true);
		expect(items?.map((item) => item.json)).toEqual([
			{ ...contact(1, '11/21/2024 5:03:00 PM'), Categories: ['Buyer'] },
		]);
	});

	it('neither misses nor repeats across overlapping windows, including a change made during a poll', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		await harness.poll();

		at('2024-11-21T17:05:00Z');
		expectContacts('11/21/2024 16:58', [
			[contact(1, '2024-11-21T17:01:00'), contact(2, '2024-11-21T17:04:59')],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([1, 2]);

		// Contact 2 changes again right after the previous query ran (17:05:00.5); contact 1
		// is still inside the overlap and comes back unchanged; contact 3 is new.
		at('2024-11-21T17:10:00Z');
		const scope = expectContacts('11/21/2024 17:03', [
			[
				contact(2, '2024-11-21T17:05:00.5'),
				contact(2, '2024-11-21T17:04:59'),
				contact(3, '2024-11-21T17:08:00'),
			],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([2, 3]);
		expect(scope.isDone()).toBe(true);

		at('2024-11-21T17:15:00Z');
		expectContacts('11/21/2024 17:08', [[contact(3, '2024-11-21T17:08:00')]]);
		expect(await harness.poll()).toBeNull();
	});

	it('catches a change stamped before the last poll by a Wise Agent clock running behind', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		await harness.poll();
		at('2024-11-21T17:05:00Z');
		expectContacts('11/21/2024 16:58', [[]]);
		await harness.poll();
		// Saved after our 17:05 query, but Wise Agent's clock (90 s behind) stamped it 17:03:40.
		at('2024-11-21T17:10:00Z');
		expectContacts('11/21/2024 17:03', [[contact(9, '2024-11-21T17:03:40Z')]]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([9]);
	});

	it('pages through everything that changed', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
		await harness.poll();
		at('2024-11-21T18:00:00Z');
		const page1 = Array.from({ length: 100 }, (_, i) => contact(i + 1, '2024-11-21T17:30:00'));
		const page2 = Array.from({ length: 100 }, (_, i) => contact(i + 101, '2024-11-21T17:30:00'));
		const page3 = Array.from({ length: 30 }, (_, i) => contact(i + 201, '2024-11-21T17:30:00'));
		const scope = expectContacts('11/21/2024 16:58', [page1, page2, page3]);
		const items = await harness.poll();
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(230);
	});

	it('New Only emits contacts added inside the window, once, and not later updates of older ones', async () => {
		const harness = poller({ event: 'contact', change: 'new' });
		at('2024-11-21T17:00:00Z');
		await harness.poll();
		at('2024-11-21T17:05:00Z');
		expectContacts('11/21/2024 16:58', [
			[
				contact(1, '11/21/2024 5:02:00 PM', '11/21/2024 5:02:00 PM'),
				contact(2, '11/21/2024 5:03:00 PM', '10/01/2024 9:00:00 AM'),
			],
		]);
		expect(ids(await harness.poll(), 'ClientID')).toEqual([1]);
		at('2024-11-21T17:06:00Z');
		expectContacts('11/21/2024 17:03', [
			[contact(1, '11/21/2024 5:05:30 PM', '11/21/2024 5:02:00 PM')],
		]);
		expect(await harness.poll()).toBeNull();
	});

	it('a manual run returns the latest contact and leaves the state alone', async () => {
		const harness = poller({ event: 'contact', change: 'newOrUpdated' });
		at('2024-11-21T17:00:00Z');
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
			watermark: Date.UTC(2024, 10, 21, 9, 30),
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
		expect(ids(await harness.poll(), 'TaskID')).toEqual(['3', '4']);

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
		expect(ids(await harness.poll(), 'TaskID')).toEqual(['1']);
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
		expect(harness.staticData.cursor).toMatchObject({ key: 'property:new', watermark: 500 });

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
		expect(ids(items, 'PropertyID')).toEqual(pageOf(560, 60).map((p) => p.PropertyID));
		expect(harness.staticData.cursor).toMatchObject({ watermark: 560 });
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
		expect(ids(await harness.poll(), 'PropertyID')).toEqual(['101', '99']);
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
