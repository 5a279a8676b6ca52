import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

const HOOKS = [
	{
		WebhookID: '123',
		EventType: 'contactCreate',
		Status: 'Active',
		Url: 'https://a.example.com/in',
	},
	{
		WebhookID: '125',
		EventType: 'contactDelete',
		Status: 'Disabled',
		Url: 'https://b.example.com/in',
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const run = (operation: string, extra: INodeParameters = {}, continueOnFail = false) =>
	runWiseAgentNode({ parameters: { resource: 'webhook', operation, ...extra }, continueOnFail });

describe('Webhook → Get Many (webhooks GET)', () => {
	it('emits one item per entry of Data', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(200, { Data: HOOKS });

		const result = await run('getAll', { returnAll: true });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual(HOOKS.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

describe('Webhook → Create (webhooks POST)', () => {
	it('posts EventType, Url and Status', async () => {
		const form = {
			EventType: 'taskUpdate',
			Url: 'https://hooks.example.com/wa',
			Status: 'Disabled',
		};
		const scope = api()
			.post(DATA_PATH, form)
			.query({ requestType: 'webhooks' })
			.reply(200, { success: true, WebhookID: 130 });

		const result = await run('create', {
			eventType: 'taskUpdate',
			url: form.Url,
			status: 'Disabled',
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { success: true, WebhookID: 130, ...form }, pairedItem: { item: 0 } },
		]);
	});

	it('rejects a URL that is not http(s) without a request', async () => {
		const result = await run('create', { eventType: 'contactCreate', url: 'hooks.example.com/wa' });

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'URL: "hooks.example.com/wa" is not an http(s) URL (item 0)',
		});
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.twice()
			.reply(200, { Error: 'Invalid EventType' });
		const parameters = { eventType: 'contactCreate', url: 'https://hooks.example.com/wa' };

		const failed = await run('create', parameters);
		const continued = await run('create', parameters, true);

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Invalid EventType',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: Invalid EventType' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Webhook → Update (webhooks PUT)', () => {
	it('sends the changed fields with the unchanged ones as they are', async () => {
		const form = {
			WebhookID: '125',
			EventType: 'contactDelete',
			Url: 'https://b.example.com/in',
			Status: 'Active',
		};
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(200, { Data: HOOKS })
			.put(DATA_PATH, form)
			.query({ requestType: 'webhooks' })
			.reply(200, { success: true });

		const result = await run('update', { webhookId: '125', updateFields: { status: 'Active' } });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([{ json: { success: true, ...form }, pairedItem: { item: 0 } }]);
	});

	it('fails when the webhook does not exist, without sending the PUT', async () => {
		api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, { Data: HOOKS });

		const result = await run('update', { webhookId: '999', updateFields: { status: 'Active' } });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: webhook 999 was not found',
		});
	});

	it.each([
		[
			{ webhookId: '125', updateFields: {} },
			'Update Fields: add at least one field to change (item 0)',
		],
		[
			{ webhookId: '125', updateFields: { url: 'ftp://x.example.com' } },
			'URL: "ftp://x.example.com" is not an http(s) URL (item 0)',
		],
		[
			{ webhookId: '={{ "abc" }}', updateFields: { status: 'Active' } },
			'Webhook: "abc" is not a numeric ID (item 0)',
		],
	])('rejects %j without a request', async (parameters, message) => {
		const result = await run('update', parameters as INodeParameters);

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
	});
});

describe('Webhook → Delete (webhooks DELETE)', () => {
	it('sends WebhookID in the form body', async () => {
		const scope = api()
			.delete(DATA_PATH, { WebhookID: '123' })
			.query({ requestType: 'webhooks' })
			.reply(200, '');

		const result = await run('delete', { webhookId: '123' });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { response: '', success: true, WebhookID: '123' }, pairedItem: { item: 0 } },
		]);
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api()
			.delete(DATA_PATH, { WebhookID: '9' })
			.query({ requestType: 'webhooks' })
			.twice()
			.reply(200, { error: 'WebhookID not found' });

		const failed = await run('delete', { webhookId: '9' });
		const continued = await run('delete', { webhookId: '9' }, true);

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: WebhookID not found',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: WebhookID not found' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});
