import nock from 'nock';

import type { TriggerStaticData } from '../../nodes/WiseAgentTrigger/registration';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { DATA_PATH, SERVER_URL } from '../helpers/n8n';
import { PRODUCTION_URL, TEST_URL, TriggerHarness } from '../helpers/trigger';

const TOKEN = 'k3Y_secret-token-0123456789abcdefXYZ';

/**
 * A production delivery also runs the catch-up of the selected families that have one (it
 * reads what changed since the feed's mark): here the account has nothing new, so only the
 * delivered ids come out. Any other request fails the test (net connect is disabled).
 */
let listReads = 0;
function emptyAccount() {
	nock(SERVER_URL)
		.persist()
		.get(DATA_PATH)
		.query((query) => ['getContacts', 'tasks', 'getProperties'].includes(String(query.requestType)))
		.reply(200, (uri) => {
			listReads++;
			return uri.includes('requestType=tasks') ? { Page: 1, TotalCount: 0, Data: [] } : [];
		});
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	listReads = 0;
	emptyAccount();
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

let workflows = 0;

/** A trigger as left by create(): one production slot with TOKEN. No enrichment. */
function trigger(events: string[], extra: Record<string, unknown> = {}) {
	// Each test its own workflow: the catch-up keeps what it emitted in process memory per
	// workflow, node and token, as a running n8n does.
	const harness = new TriggerHarness(
		new WiseAgentTrigger(),
		{ events, includeRecord: false, ...extra },
		{ workflowId: `delivery-${++workflows}` },
	);
	const data = harness.staticData as TriggerStaticData;
	data.slots = {
		[PRODUCTION_URL]: { kind: 'production', token: TOKEN, hooks: { contactCreate: '1' } },
	};
	return harness;
}

const body = (
	EventType: string,
	ResourceIds: unknown = [42],
	EventCreated = '2024-11-21T17:00:00Z',
) => ({
	EventType,
	EventCreated,
	ResourceIds,
});

describe('secret token', () => {
	it.each([
		['no token', {}],
		['an empty token', { token: '' }],
		['a wrong token', { token: 'k3Y_secret-token-0123456789abcdefXYZ-' }],
		['a token of the same length', { token: 'k3Y_secret-token-0123456789abcdefXYA' }],
		['the token twice', { token: [TOKEN, TOKEN] }],
	])('answers 401 and starts nothing for %s', async (_label, query) => {
		const result = await trigger(['contactCreate']).deliver({ query, body: body('contactCreate') });
		expect(result.status).toBe(401);
		expect(result.result.noWebhookResponse).toBe(true);
		expect(result.result.workflowData).toBeUndefined();
	});

	it('answers 401 when nothing is registered at all', async () => {
		const harness = new TriggerHarness(new WiseAgentTrigger(), { events: ['contactCreate'] });
		const result = await harness.deliver({ query: { token: TOKEN }, body: body('contactCreate') });
		expect(result.status).toBe(401);
		expect(result.result.workflowData).toBeUndefined();
	});

	it('starts the workflow with the right token', async () => {
		const result = await trigger(['contactCreate']).deliver({
			query: { token: TOKEN },
			body: body('contactCreate', [42, 43]),
		});
		// The node answers Wise Agent itself (200) and still starts the workflow.
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ received: true });
		expect(result.result.noWebhookResponse).toBe(true);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				event: 'contactCreate',
				specificEvent: 'contactCreate',
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 42,
				record: null,
			},
			{
				event: 'contactCreate',
				specificEvent: 'contactCreate',
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 43,
				record: null,
			},
		]);
	});

	it('accepts the test URL token during a test run', async () => {
		const harness = trigger(['contactCreate']);
		const data = harness.staticData as TriggerStaticData;
		data.slots = {
			...data.slots,
			[TEST_URL]: { kind: 'test', token: 'test-token-abcdefghijklmnopqrstuvwxyz', hooks: {} },
		};
		const result = await harness.deliver({
			isTest: true,
			query: { token: 'test-token-abcdefghijklmnopqrstuvwxyz' },
			body: body('contactCreate'),
		});
		expect(result.items).toHaveLength(1);
		expect(result.status).toBe(200);
		// A test run catches nothing up: only what was delivered, and no API call.
		expect(listReads).toBe(0);
	});
});

describe('payload per event type', () => {
	const all = [
		'contactCreate',
		'contactUpdate',
		'contactDelete',
		'taskCreate',
		'taskUpdate',
		'taskDelete',
		'propertyCreate',
		'propertyUpdate',
		'propertyDelete',
		'noteCreate',
		'noteUpdate',
	];

	it.each(all)('%s gives one item per resource id', async (event) => {
		const result = await trigger(all).deliver({
			query: { token: TOKEN },
			body: body(event, ['7', 8]),
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{
				event,
				specificEvent: event,
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: '7',
				record: null,
			},
			{
				event,
				specificEvent: event,
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 8,
				record: null,
			},
		]);
	});

	it.each([
		['contactUpdateCategory', 'contactUpdate'],
		['contactUpdateStatus', 'contactUpdate'],
		['contactUpdateSource', 'contactUpdate'],
		['taskUpdateComplete', 'taskUpdate'],
	])('%s is delivered under %s when the whole family is selected', async (specific, family) => {
		const result = await trigger([family]).deliver({
			query: { token: TOKEN },
			body: body(specific),
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{
				event: family,
				specificEvent: specific,
				eventCreated: '2024-11-21T17:00:00Z',
				resourceId: 42,
				record: null,
			},
		]);
	});

	it('parses a body that arrives as text', async () => {
		const result = await trigger(['noteCreate']).deliver({
			query: { token: TOKEN },
			body: JSON.stringify(body('noteCreate', [5])),
		});
		expect(result.items.map((item) => item.json.resourceId)).toEqual([5]);
	});
});

describe('narrowing options', () => {
	it('keeps only the selected sub-type of contact updates', async () => {
		const harness = trigger(['contactUpdateCategory', 'contactUpdateSource']);
		const send = async (eventType: string) =>
			await harness.deliver({ query: { token: TOKEN }, body: body(eventType, [1], eventType) });
		expect((await send('contactUpdateCategory')).items).toHaveLength(1);
		expect((await send('contactUpdateSource')).items).toHaveLength(1);
		for (const other of ['contactUpdateStatus', 'contactUpdate']) {
			const result = await send(other);
			expect(result.result.workflowData).toBeUndefined();
			expect(result.status).toBe(200);
			expect(result.body).toEqual({ received: true, ignored: 'event not selected' });
		}
	});

	it('keeps only completions of task updates', async () => {
		const harness = trigger(['taskUpdateComplete']);
		const completed = await harness.deliver({
			query: { token: TOKEN },
			body: body('taskUpdateComplete'),
		});
		const edited = await harness.deliver({ query: { token: TOKEN }, body: body('taskUpdate') });
		expect(completed.items[0].json).toMatchObject({
			event: 'taskUpdate',
			specificEvent: 'taskUpdateComplete',
		});
		expect(edited.result.workflowData).toBeUndefined();
	});

	it('ignores (200, no run) events that are not selected any more', async () => {
		const result = await trigger(['contactCreate']).deliver({
			query: { token: TOKEN },
			body: body('taskCreate'),
		});
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ received: true, ignored: 'event not selected' });
		expect(result.result.workflowData).toBeUndefined();
	});
});

describe('malformed bodies', () => {
	it.each([
		['text that is not JSON', 'EventType=contactCreate'],
		['a JSON list', [body('contactCreate')]],
		['no EventType', { EventCreated: 'x', ResourceIds: [1] }],
		['an empty EventType', body('')],
		['an unknown EventType', body('dealCreate')],
		// Exact names only: a known family or sub-type with something added is not that event.
		['a family name with a suffix', body('contactCreateEvil')],
		['a sub-type with a suffix', body('contactUpdateStatusX')],
		['a family name with a prefix', body('xcontactCreate')],
		['a name of Object.prototype', body('constructor')],
		['another name of Object.prototype', body('toString')],
		['__proto__', body('__proto__')],
		['ResourceIds not a list', body('contactCreate', 42)],
		['ResourceIds missing', { EventType: 'contactCreate' }],
		['ResourceIds holding objects', body('contactCreate', [{ id: 1 }])],
	])('answers 400 and starts nothing for %s', async (_label, payload) => {
		const result = await trigger(['contactCreate']).deliver({
			query: { token: TOKEN },
			body: payload,
		});
		expect(result.status).toBe(400);
		expect(result.result.noWebhookResponse).toBe(true);
		expect(result.result.workflowData).toBeUndefined();
		// Refused before anything else: no catch-up read either.
		expect(listReads).toBe(0);
	});

	it('names the unknown EventType in the 400 answer', async () => {
		const result = await trigger(['contactCreate']).deliver({
			query: { token: TOKEN },
			body: body('contactCreateEvil'),
		});
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			error: 'EventType "contactCreateEvil" is not a Wise Agent event',
		});
	});

	it('checks the token before reading the body', async () => {
		const result = await trigger(['contactCreate']).deliver({
			query: { token: 'nope' },
			body: 'garbage',
		});
		expect(result.status).toBe(401);
	});
});
