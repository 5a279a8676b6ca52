import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const createParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation: 'create',
	firstName: 'John',
	lastName: 'Becker',
	source: 'API',
	...extra,
});

describe('contact → create (webcontact)', () => {
	it('posts every documented field with the API’s names', async () => {
		let form: Record<string, string> = {};
		const scope = api()
			.post(DATA_PATH, (body) => ((form = body), true))
			// Extra form fields also go in the query string: the docs say their "querystring value" is read.
			.query({ requestType: 'webcontact', bedrooms: '3' })
			.reply(200, { success: 'true', data: { ClientID: 1854784, NewContact: true } });

		const { items, error } = await runWiseAgentNode({
			parameters: createParameters({
				additionalFields: {
					email: 'john@example.com',
					homePhone: '480-555-0100',
					mobilePhone: '4805550101',
					workPhone: '4805550102',
					fax: '4805550103',
					company: 'Becker LLC',
					website: 'https://becker.example',
					addressNumber: '11657',
					addressStreet: 'E Carol Ave',
					suiteNo: '2',
					city: 'Scottsdale',
					state: 'AZ',
					zip: '85259',
					country: 'USA',
					rank: 'A',
					status: 'Hot Lead',
					insideTeamId: '98',
					outsideTeamEmail: 'partner@example.com',
					categories: ['Buyer', 'Zillow Lead'],
					callType: '1',
					price: 450000,
					extraFormFields: { field: [{ name: 'bedrooms', value: '3' }] },
				},
				searchProfile: {
					zip: 85259,
					minPrice: 300000,
					maxPrice: 500000,
					minBeds: 3,
					propertyType: 'Residential',
				},
			}),
		});

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(form).toEqual({
			CFirst: 'John',
			CLast: 'Becker',
			Source: 'API',
			CEmail: 'john@example.com',
			HomePhome: '480-555-0100',
			HomePhone: '480-555-0100',
			MobilePhone: '4805550101',
			WorkPhone: '4805550102',
			Fax: '4805550103',
			Company: 'Becker LLC',
			Website: 'https://becker.example',
			AddressNumber: '11657',
			AddressStreet: 'E Carol Ave',
			SuiteNo: '2',
			City: 'Scottsdale',
			State: 'AZ',
			zip: '85259',
			country: 'USA',
			Rank: 'A',
			ContactStatus: 'Hot Lead',
			InsideTeamId: '98',
			OutsideTeamAssignment: 'partner@example.com',
			Categories: 'Buyer;Zillow Lead',
			calltype: '1',
			Price: '450000',
			bedrooms: '3',
			CommaDelimitedFormFields: 'bedrooms',
			propInfo: '1',
			propInfoZip: '85259',
			propInfoMinPrice: '300000',
			propInfoMaxPrice: '500000',
			propInfoMinBeds: '3',
			propInfoPropType: 'Residential',
		});
		expect(items).toEqual([
			{ json: { ClientID: 1854784, NewContact: true }, pairedItem: { item: 0 } },
		]);
	});

	it('passes through NewContact:false when the email already exists', async () => {
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webcontact' })
			.reply(200, {
				success: 'true',
				data: {
					ClientID: 1854784,
					NewContact: false,
					Message: "Use 'updateContact' request to update contacts.",
				},
			});
		const { items } = await runWiseAgentNode({ parameters: createParameters() });
		expect(items[0].json).toEqual({
			ClientID: 1854784,
			NewContact: false,
			Message: "Use 'updateContact' request to update contacts.",
		});
	});

	it('keeps the OutsideTeamAssignment result', async () => {
		const outside = {
			TeamMember: 'Pat',
			leadStatus: 'accepted',
			Email: 'pat@example.com',
			ClientID: 1882108,
		};
		api()
			.post(DATA_PATH)
			.query(true)
			.reply(200, {
				success: 'true',
				data: { ClientID: 1832247, NewContact: true, OutsideTeamAssignment: outside },
			});
		const { items } = await runWiseAgentNode({ parameters: createParameters() });
		expect(items[0].json.OutsideTeamAssignment).toEqual(outside);
	});

	it.each([
		[{ firstName: '={{ "" }}' }, 'First Name: is required (item 0)'],
		[{ source: '  ' }, 'Source: is required (item 0)'],
		[
			{ additionalFields: { email: 'not-an-email' } },
			'Email: "not-an-email" is not a valid email address (item 0)',
		],
		[
			{
				additionalFields: {
					company: 'X',
					extraFormFields: { field: [{ name: 'Company', value: 'Y' }] },
				},
			},
			'Extra Form Fields Name: "Company" is already set by another field (item 0)',
		],
	])('rejects %j before sending anything', async (override, message) => {
		const { error } = await runWiseAgentNode({ parameters: createParameters(override) });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('names the failing item among many', async () => {
		api()
			.post(DATA_PATH)
			.query(true)
			.reply(200, { success: 'true', data: { ClientID: 1, NewContact: true } });
		const { error, items } = await runWiseAgentNode({
			parameters: createParameters({ lastName: '={{ $json.last }}' }),
			items: [{ last: 'Ok' }, { last: '' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { ClientID: 1, NewContact: true }, pairedItem: { item: 0 } },
			{ json: { error: 'Last Name: is required (item 1)' }, pairedItem: { item: 1 } },
		]);
	});
});
