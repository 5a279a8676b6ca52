import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

const INSIDE = [
	{
		InsideTeamId: 1,
		Name: 'Ann Broker',
		Phone: '123-456-7890',
		Email: 'ann@x.com',
		JobTitle: 'Broker',
	},
	{ InsideTeamId: 98, Name: 'Bob Agent', Phone: '', Email: 'bob@x.com', JobTitle: 'Agent' },
];
const OUTSIDE = [{ TeamMember: 'Lou Lender', Email: 'lou@bank.com', Cell: '1', Phone: '2' }];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each([
	['getInside', 'getTeam', INSIDE],
	['getOutside', 'getOutsideTeam', OUTSIDE],
])('Team → %s (%s)', (operation, requestType, members) => {
	it('sends a bare GET and returns one item per member', async () => {
		const scope = api().get(DATA_PATH).query({ requestType }).reply(200, members);

		const result = await runWiseAgentNode({
			parameters: { resource: 'team', operation, returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual(members.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('applies the limit to the list', async () => {
		api()
			.get(DATA_PATH)
			.query({ requestType })
			.reply(200, [...members, ...members]);

		const result = await runWiseAgentNode({
			parameters: { resource: 'team', operation, returnAll: false, limit: 1 },
		});

		expect(result.items).toEqual([{ json: members[0], pairedItem: { item: 0 } }]);
	});

	it('fails with the API message of a 200 error body', async () => {
		api().get(DATA_PATH).query({ requestType }).reply(200, { error: 'insufficient scope' });

		const result = await runWiseAgentNode({ parameters: { resource: 'team', operation } });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: insufficient scope',
		});
	});

	it('with continueOnFail, pairs the error item with its input', async () => {
		api().get(DATA_PATH).query({ requestType }).reply(200, members);
		api().get(DATA_PATH).query({ requestType }).reply(200, { Error: 'Scope team not granted' });

		const result = await runWiseAgentNode({
			parameters: { resource: 'team', operation, returnAll: true },
			items: [{}, {}],
			continueOnFail: true,
		});

		expect(result.items.at(-1)).toEqual({
			json: expect.objectContaining({ error: 'Wise Agent: Scope team not granted' }),
			pairedItem: { item: 1 },
		});
		expect(result.items.slice(0, -1).map((item) => item.pairedItem)).toEqual(
			members.map(() => ({ item: 0 })),
		);
	});
});
