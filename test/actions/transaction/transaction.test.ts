import nock from 'nock';
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { getTransactions } from '../../../nodes/WiseAgent/methods/loadOptions';
import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

const OPEN = {
	CLName: '12 Main St',
	CLDataID: 11,
	deleted: 0,
	Completed: 0,
	CompletedDate: '1/1/1900',
};
const DONE = {
	CLName: '9 Oak Ave',
	CLDataID: 12,
	deleted: 0,
	Completed: 1,
	CompletedDate: '3/2/2024',
};
const GONE = {
	CLName: 'Old deal',
	CLDataID: 13,
	deleted: 1,
	Completed: 0,
	CompletedDate: '1/1/1900',
};
const TRANSACTIONS = [OPEN, DONE, GONE];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Transaction → Get Many (getTransactionNames)', () => {
	const getMany = (options: INodeParameters = {}) => ({
		resource: 'transaction',
		operation: 'getAll',
		returnAll: true,
		options,
	});
	const reply = () =>
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getTransactionNames' })
			.reply(200, JSON.stringify(JSON.stringify(TRANSACTIONS)));

	it.each([
		['leaves deleted ones out by default', {} as INodeParameters, [OPEN, DONE]],
		['includes deleted ones on request', { includeDeleted: true }, TRANSACTIONS],
		['can leave completed ones out', { includeCompleted: false }, [OPEN]],
	])('%s', async (_label, options, expected) => {
		const scope = reply();

		const result = await runWiseAgentNode({ parameters: getMany(options) });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual(expected.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('applies the limit after filtering', async () => {
		reply();

		const result = await runWiseAgentNode({
			parameters: { ...getMany(), returnAll: false, limit: 1 },
		});

		expect(result.items.map((item) => item.json)).toEqual([OPEN]);
	});

	it('the Transaction dropdown lists non-deleted transactions', async () => {
		const context = {
			getNode: () => ({ name: 'Wise Agent' }),
			getCredentials: async () => ({ serverUrl: SERVER_URL }),
			helpers: { httpRequestWithAuthentication: async () => JSON.stringify(TRANSACTIONS) },
		} as unknown as ILoadOptionsFunctions;

		expect(await getTransactions.call(context)).toEqual([
			{ name: '12 Main St', value: '11', description: undefined },
			{ name: '9 Oak Ave', value: '12', description: 'Completed' },
		]);
	});
});

describe('Transaction → Get Notes (getTransactionNotes)', () => {
	const getNotes = (transactionId: string) => ({
		resource: 'transaction',
		operation: 'getNotes',
		transactionId,
		returnAll: true,
	});

	it('sends transactionID and emits one item per note', async () => {
		const notes = [
			{ NoteMemo: 'Inspection booked', NoteDate: '5/1/2024' },
			{ NoteMemo: 'Appraisal in', NoteDate: '5/9/2024' },
		];
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getTransactionNotes', transactionID: '11' })
			.reply(200, { Notes: notes });

		const result = await runWiseAgentNode({ parameters: getNotes('11') });

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual(notes.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('rejects a non-numeric transaction ID without a request', async () => {
		const result = await runWiseAgentNode({ parameters: getNotes('12 Main St') });

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Transaction: "12 Main St" is not a numeric ID (item 0)',
		});
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getTransactionNotes', transactionID: '99' })
			.twice()
			.reply(200, { error: 'Transaction not found' });

		const failed = await runWiseAgentNode({ parameters: getNotes('99') });
		const continued = await runWiseAgentNode({ parameters: getNotes('99'), continueOnFail: true });

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Transaction not found',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: Transaction not found' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Transaction → Attach File (attachFile)', () => {
	const attach = (extra: Record<string, unknown>) => ({
		resource: 'transaction',
		operation: 'attachFile',
		url: 'https://files.example.com/contract.pdf',
		...extra,
	});
	const contact = (value: string) => ({ __rl: true, mode: 'id', value });
	const SUCCESS = { status: 'success', data: { message: 'File(s) uploaded' } };

	it('posts CLDataID, ClientID, Description and url', async () => {
		const scope = api()
			.post(DATA_PATH, {
				CLDataID: '11',
				ClientID: 'V26855',
				Description: 'Signed contract',
				url: 'https://files.example.com/contract.pdf',
			})
			.query({ requestType: 'attachFile' })
			.reply(200, SUCCESS);

		const result = await runWiseAgentNode({
			parameters: attach({
				transactionId: '11',
				contactId: contact('v26855'),
				fileDescription: 'Signed contract',
			}),
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{
				json: { ...SUCCESS, success: true, CLDataID: '11', ClientID: 'V26855' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('works with a contact only (no transaction)', async () => {
		const scope = api()
			.post(DATA_PATH, { ClientID: '42', url: 'https://files.example.com/contract.pdf' })
			.query({ requestType: 'attachFile' })
			.reply(200, SUCCESS);

		const result = await runWiseAgentNode({ parameters: attach({ contactId: contact('42') }) });

		expect(scope.isDone()).toBe(true);
		expect(result.items[0].json).toMatchObject({ success: true, ClientID: '42' });
	});

	it.each([
		[{}, 'Transaction: give a Transaction, a Contact, or both (item 0)'],
		[
			{ transactionId: '11', url: 'ftp://files.example.com/a.pdf' },
			'File URL: "ftp://files.example.com/a.pdf" is not an http(s) URL (item 0)',
		],
		[
			{ transactionId: '11', url: 'contract.pdf' },
			'File URL: "contract.pdf" is not an http(s) URL (item 0)',
		],
		[{ transactionId: '11', url: '={{ "" }}' }, 'File URL: is required (item 0)'],
	])('rejects %j without a request', async (extra, message) => {
		const result = await runWiseAgentNode({ parameters: attach(extra) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
	});

	it.each([['File Exceeded maximum upload size of 20MB'], ['File type not allowed']])(
		'reports the documented error "%s"',
		async (message) => {
			// Documented exactly so: {"status": "error","data": "{message": "…"}}
			api()
				.post(DATA_PATH)
				.query({ requestType: 'attachFile' })
				.reply(200, `{"status": "error","data": "{message\\": \\"${message}\\"}"}`);

			const result = await runWiseAgentNode({ parameters: attach({ transactionId: '11' }) });

			expect(result.error).toMatchObject({
				name: 'NodeApiError',
				message: `Wise Agent: ${message}`,
			});
		},
	);

	it('with continueOnFail, pairs the error item with its input and goes on', async () => {
		api()
			.post(DATA_PATH, { CLDataID: '11', url: 'https://files.example.com/a.exe' })
			.query({ requestType: 'attachFile' })
			.reply(200, { status: 'error', data: { message: 'File type not allowed' } })
			.post(DATA_PATH, { CLDataID: '11', url: 'https://files.example.com/b.pdf' })
			.query({ requestType: 'attachFile' })
			.reply(200, SUCCESS);

		const result = await runWiseAgentNode({
			parameters: attach({ transactionId: '11', url: '={{ $json.url }}' }),
			items: [
				{ url: 'https://files.example.com/a.exe' },
				{ url: 'https://files.example.com/b.pdf' },
			],
			continueOnFail: true,
		});

		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: File type not allowed' }),
				pairedItem: { item: 0 },
			},
			{ json: { ...SUCCESS, success: true, CLDataID: '11' }, pairedItem: { item: 1 } },
		]);
	});
});
