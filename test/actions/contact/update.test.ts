import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const update = (updateFields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation: 'update',
	contactId: {
		__rl: true,
		mode: 'url',
		value: 'https://thewiseagent.com/secure/client/summary?clientId=1822535',
	},
	updateFields,
	...extra,
});

describe('contact → update (updateContact)', () => {
	it('sends the update names, category changes, reassignment and search profile', async () => {
		let form: Record<string, string> = {};
		const scope = api()
			.post(DATA_PATH, (body) => ((form = body), true))
			.query({ requestType: 'updateContact' })
			.reply(200, { Success: '1822535 updated' });
		const { items, error } = await runWiseAgentNode({
			parameters: update(
				{
					firstName: 'Jon',
					lastName: 'Doe',
					county: 'Maricopa',
					buildingFloor: '3',
					subdivision: 'Desert Ridge',
					status: 'Nurture',
					rank: 'B',
					insideTeamId: '1',
					reassign: true,
					addCategories: ['Buyer', 'Hot'],
					removeCategories: ['Cold'],
				},
				{ searchProfile: { movingInMonths: 3, rentOwn: 'own' } },
			),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(form).toEqual({
			clientID: '1822535',
			CFirst: 'Jon',
			Clast: 'Doe',
			County: 'Maricopa',
			BuildingFloor: '3',
			Subdivision: 'Desert Ridge',
			ContactStatus: 'Nurture',
			Rank: 'B',
			InsideTeamId: '1',
			Reassignment: 'true',
			AddCategories: 'Buyer,Hot',
			RemoveCategories: 'Cold',
			propInfo: '1',
			propInfoMoving: '3',
			propInfoRentOwn: 'own',
		});
		expect(items[0]).toEqual({
			json: { ClientID: '1822535', success: true, message: '1822535 updated' },
			pairedItem: { item: 0 },
		});
	});

	it('asks for at least one field and sends nothing', async () => {
		const { error } = await runWiseAgentNode({ parameters: update({}) });
		expect(error?.message).toBe('Update Fields: add at least one field to change (item 0)');
	});

	it('n8n itself refuses a typed ID of the wrong shape (locator regex)', async () => {
		const { error } = await runWiseAgentNode({
			parameters: update({ company: 'X' }, { contactId: { __rl: true, mode: 'id', value: 'abc' } }),
		});
		expect(error?.name).toBe('WorkflowHasIssuesError');
	});

	it('rejects an ID from an expression that is not a Wise Agent contact ID, naming the item', async () => {
		const { error } = await runWiseAgentNode({
			parameters: update(
				{ company: 'X' },
				{ contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			),
			items: [{ id: 'abc' }],
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Contact: "abc" is not a Wise Agent contact ID (item 0)');
	});

	it.each([
		[{ Error: 'Missing ClientID' }, 'Wise Agent: Missing ClientID'],
		[
			{ Error: 'Invalid Field Foo - 1822535 not updated' },
			'Wise Agent: Invalid Field Foo - 1822535 not updated',
		],
	])('turns %j into an error', async (body, message) => {
		api().post(DATA_PATH).query(true).reply(200, body);
		const { error } = await runWiseAgentNode({ parameters: update({ company: 'X' }) });
		expect(error?.message).toBe(message);
	});
});
