import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);
/** The documented `"[{"success": "true"}]"`: a JSON string holding JSON. */
const SUCCESS = JSON.stringify(JSON.stringify([{ success: 'true' }]));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Marketing Program → Get Many (getPrograms)', () => {
	it('decodes the documented string body into one item per program', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getPrograms' })
			.reply(
				200,
				JSON.stringify(
					JSON.stringify([
						{ ProgramName: 'Web Auto Email Campaign', ProgramID: '234' },
						{ ProgramName: 'Web New Buyer Email Campaign', ProgramID: '235' },
					]),
				),
			);

		const result = await runWiseAgentNode({
			parameters: { resource: 'marketingProgram', operation: 'getAll', returnAll: true },
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{
				json: { ProgramName: 'Web Auto Email Campaign', ProgramID: '234' },
				pairedItem: { item: 0 },
			},
			{
				json: { ProgramName: 'Web New Buyer Email Campaign', ProgramID: '235' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('returns no items for the documented empty answer “[]"', async () => {
		api().get(DATA_PATH).query({ requestType: 'getPrograms' }).reply(200, '“[]"');

		const result = await runWiseAgentNode({
			parameters: { resource: 'marketingProgram', operation: 'getAll', returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});

describe('Marketing Program → Add Contacts (addClientsToMarketingProgram)', () => {
	const addContacts = (extra: Record<string, unknown> = {}) => ({
		resource: 'marketingProgram',
		operation: 'addContacts',
		programId: '={{ $json.program }}',
		contactId: { __rl: true, mode: 'id', value: '={{ $json.contact }}' },
		additionalContactIds: '={{ $json.more ?? "" }}',
		...extra,
	});
	const batched = addContacts({ options: { batchItems: true } });
	const expectPost = (form: Record<string, string>, reply: unknown = SUCCESS) =>
		api()
			.post(DATA_PATH, form)
			.query({ requestType: 'addClientsToMarketingProgram' })
			.reply(200, reply as string);

	it('without batching sends one request per item, with the locator and extra ids', async () => {
		const first = expectPost({ programID: '234', clientids: '1822535,1822536,V26855' });
		const second = expectPost({ programID: '234', clientids: '7' });

		const result = await runWiseAgentNode({
			parameters: addContacts(),
			items: [
				{ program: '234', contact: '1822535', more: '1822536, v26855, 1822535' },
				{ program: '234', contact: '7' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(first.isDone() && second.isDone()).toBe(true);
		expect(result.items).toEqual([
			{
				json: {
					success: true,
					programID: '234',
					clientIds: ['1822535', '1822536', 'V26855'],
					contactCount: 3,
					requests: 1,
				},
				pairedItem: { item: 0 },
			},
			{
				json: { success: true, programID: '234', clientIds: ['7'], contactCount: 1, requests: 1 },
				pairedItem: { item: 1 },
			},
		]);
	});

	it('with Batch Items sends one request per program, paired with every item of the group', async () => {
		const program234 = expectPost({ programID: '234', clientids: '1,2,3' });
		const program235 = expectPost({ programID: '235', clientids: '10' });

		const result = await runWiseAgentNode({
			parameters: batched,
			items: [
				{ program: '234', contact: '1' },
				{ program: '235', contact: '10' },
				{ program: '234', contact: '2', more: '1' },
				{ program: '234', contact: '3' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(program234.isDone() && program235.isDone()).toBe(true);
		expect(result.items).toEqual([
			{
				json: {
					success: true,
					programID: '234',
					clientIds: ['1', '2', '3'],
					contactCount: 3,
					requests: 1,
				},
				pairedItem: [{ item: 0 }, { item: 2 }, { item: 3 }],
			},
			{
				json: { success: true, programID: '235', clientIds: ['10'], contactCount: 1, requests: 1 },
				pairedItem: { item: 1 },
			},
		]);
	});

	it('splits a batch above 500 contacts into several requests, one output item for the group', async () => {
		const ids = Array.from({ length: 501 }, (_, i) => String(i + 1));
		const firstPart = expectPost({ programID: '234', clientids: ids.slice(0, 500).join(',') });
		const secondPart = expectPost({ programID: '234', clientids: '501' });

		const result = await runWiseAgentNode({
			parameters: batched,
			items: [
				{ program: '234', contact: '1', more: ids.slice(1, 499).join(',') },
				{ program: '234', contact: '500', more: '501' },
			],
		});

		expect(firstPart.isDone() && secondPart.isDone()).toBe(true);
		expect(
			result.items.map((item) => [item.json.requests, item.json.contactCount, item.pairedItem]),
		).toEqual([[2, 501, [{ item: 0 }, { item: 1 }]]]);
	});

	it('validates every item before sending anything, batched or not', async () => {
		const result = await runWiseAgentNode({
			parameters: addContacts(),
			items: [
				{ program: '234', contact: '1' },
				{ program: '234', contact: '2', more: '3, abc' },
			],
		});

		// nock allows no request here: one would have failed with a network error instead.
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Additional Contact IDs: "abc" is not a Wise Agent contact ID (item 1)',
		});
		expect(result.items).toEqual([]);
	});

	it('rejects a missing program before sending anything', async () => {
		const result = await runWiseAgentNode({
			parameters: addContacts(),
			items: [{ program: '', contact: '1' }],
		});

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Program: is required (item 0)',
		});
	});

	it('fails with the API message of a 200 error body', async () => {
		expectPost({ programID: '234', clientids: '1,2' }, { Error: 'Invalid programID' });

		const result = await runWiseAgentNode({
			parameters: batched,
			items: [
				{ program: '234', contact: '1' },
				{ program: '234', contact: '2' },
			],
		});

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Invalid programID',
		});
	});

	it('with continueOnFail, fails per group and per invalid item, keeping the others', async () => {
		expectPost(
			{ programID: '234', clientids: '1,3' },
			{ success: false, message: 'Program is inactive' },
		);
		expectPost({ programID: '235', clientids: '10' });

		const result = await runWiseAgentNode({
			parameters: batched,
			items: [
				{ program: '234', contact: '1' },
				{ program: '235', contact: '10' },
				{ program: '234', contact: 'x' },
				{ program: '234', contact: '3' },
			],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: Program is inactive' }),
				pairedItem: [{ item: 0 }, { item: 3 }],
			},
			{
				json: { success: true, programID: '235', clientIds: ['10'], contactCount: 1, requests: 1 },
				pairedItem: { item: 1 },
			},
			{
				json: expect.objectContaining({
					error: 'Contact: "x" is not a Wise Agent contact ID (item 2)',
				}),
				pairedItem: { item: 2 },
			},
		]);
	});
});
