import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Source → Get Many (getSources)', () => {
	it('reads the documented string-wrapped list and returns one item per source', async () => {
		// Documented body: "[ {"ID": integer, "Name": "234"} ]", a JSON string holding JSON.
		const scope = api()
			.get(DATA_PATH)
			.query({ requestType: 'getSources' })
			.reply(
				200,
				JSON.stringify(
					JSON.stringify([
						{ ID: 1, Name: 'Zillow' },
						{ ID: 2, Name: 'Web' },
					]),
				),
			);

		const result = await runWiseAgentNode({
			parameters: { resource: 'source', operation: 'getAll', returnAll: true },
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { ID: 1, Name: 'Zillow' }, pairedItem: { item: 0 } },
			{ json: { ID: 2, Name: 'Web' }, pairedItem: { item: 0 } },
		]);
	});

	it('returns at most Limit sources (default 50)', async () => {
		const sources = Array.from({ length: 60 }, (_, i) => ({ ID: i, Name: `S${i}` }));
		api().get(DATA_PATH).query({ requestType: 'getSources' }).reply(200, sources);

		const result = await runWiseAgentNode({
			parameters: { resource: 'source', operation: 'getAll' },
		});

		expect(result.items).toHaveLength(50);
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType: 'getSources' })
			.twice()
			.reply(200, { Error: 'Denied' });

		const failed = await runWiseAgentNode({
			parameters: { resource: 'source', operation: 'getAll' },
		});
		const continued = await runWiseAgentNode({
			parameters: { resource: 'source', operation: 'getAll' },
			continueOnFail: true,
		});

		expect(failed.error).toMatchObject({ name: 'NodeApiError', message: 'Wise Agent: Denied' });
		expect(continued.items).toEqual([
			{ json: expect.objectContaining({ error: 'Wise Agent: Denied' }), pairedItem: { item: 0 } },
		]);
	});
});
