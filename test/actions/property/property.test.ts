import { runWiseAgentNode } from '../../helpers/n8n';
import {
	expectApiError,
	expectErrorItem,
	expectInputError,
	expectRejectedBeforeSending,
	jsonOf,
	locator,
	mockRequest,
	setUpNock,
	tripwire,
} from '../../helpers/mockApi';

setUpNock();

const property = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'property',
	operation,
	...parameters,
});

const properties = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ PropertyID: String(from + i) }));

describe('property: create (addProperty)', () => {
	it('sends the address, the contact, the additional fields under their API names', async () => {
		const { scope, request } = mockRequest('POST', 'addProperty', {
			status: 'success',
			data: { propertyId: '1234' },
		});
		const result = await runWiseAgentNode({
			parameters: property('create', {
				addressNum: '13400',
				address: 'E Shea Blvd',
				contactId: locator('42'),
				additionalFields: {
					archive: true,
					suite: '2B',
					city: 'Scottsdale',
					clientRelation: 'Owner',
					listingPrice: 450000,
					dateListed: '2024-02-01T00:00:00',
					mlsArea: 'North',
					buyerAgentCommission: '2.5%',
					imageUrls: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'],
				},
			}),
			timezone: 'America/Phoenix',
		});
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({
			AddressNum: '13400',
			Address: 'E Shea Blvd',
			Archive: 'true',
			AddressSuit: '2B',
			City: 'Scottsdale',
			ClientRelation: 'Owner',
			ListingPrice: '450000',
			DateListed: '02/01/2024',
			mlsarea: 'North',
			BuyerAgent_Commission: '2.5%',
			imageURLS_CSV: 'https://img.example.com/1.jpg,https://img.example.com/2.jpg',
			ClientId: '42',
		});
		expect(result.items).toEqual([
			{ json: { success: true, propertyId: '1234' }, pairedItem: { item: 0 } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('checks the documented length limits before sending', async () => {
		const wire = tripwire();
		const result = await runWiseAgentNode({
			parameters: property('create', {
				addressNum: '1',
				address: 'Main',
				additionalFields: { subdivision: 's'.repeat(256) },
			}),
		});
		expectInputError(result, 'Subdivision');
		expect(result.error?.message).toContain('at most 255');
		const street = await runWiseAgentNode({
			parameters: property('create', { addressNum: '1'.repeat(51), address: 'Main' }),
		});
		expectInputError(street, 'Street Number');
		expect(wire.isDone()).toBe(false);
	});

	it('rejects a bad image URL and a missing street name', async () => {
		const wire = tripwire();
		expectInputError(
			await runWiseAgentNode({
				parameters: property('create', {
					addressNum: '1',
					address: 'Main',
					additionalFields: { imageUrls: ['ftp://x/y.jpg'] },
				}),
			}),
			'Image URLs',
		);
		expectInputError(
			await runWiseAgentNode({
				parameters: property('create', { addressNum: '1', address: '={{ $json.street }}' }),
				items: [{ street: ' ' }],
			}),
			'Street Name',
		);
		expect(wire.isDone()).toBe(false);
	});

	it('{"status":"error",...} → NodeApiError; continueOnFail → paired error item', async () => {
		const parameters = property('create', { addressNum: '1', address: 'Main' });
		mockRequest('POST', 'addProperty', { status: 'error', data: { message: 'user not found' } });
		expectApiError(await runWiseAgentNode({ parameters }), 'user not found');
		mockRequest('POST', 'addProperty', { status: 'error', data: { message: 'user not found' } });
		expectErrorItem(await runWiseAgentNode({ parameters, continueOnFail: true }), 'user not found');
	});
});

describe('property: update (updateProperty)', () => {
	it('PUTs propertyID and only the supplied fields, street fields included', async () => {
		const { scope, request } = mockRequest('PUT', 'updateProperty', {
			status: 'success',
			data: { propertyId: '1234' },
		});
		const result = await runWiseAgentNode({
			parameters: property('update', {
				propertyId: locator('1234'),
				updateFields: { address: 'N Main St', numBedrooms: 3, tourUrl: 'https://tour' },
			}),
		});
		expect(request.body).toEqual({
			propertyID: '1234',
			Address: 'N Main St',
			NumBedrooms: '3',
			TourUrl: 'https://tour',
		});
		expect(jsonOf(result)).toEqual([{ success: true, propertyId: '1234' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('"Property not found" → NodeApiError', async () => {
		mockRequest('PUT', 'updateProperty', {
			status: 'error',
			data: { message: 'Property not found' },
		});
		expectApiError(
			await runWiseAgentNode({
				parameters: property('update', { propertyId: locator('1'), updateFields: { city: 'X' } }),
			}),
			'Property not found',
		);
	});

	it('rejects an empty update, a bad id, an over-long tour URL', async () => {
		const wire = tripwire();
		expectInputError(
			await runWiseAgentNode({ parameters: property('update', { propertyId: locator('1') }) }),
			'Update Fields',
		);
		expectInputError(
			await runWiseAgentNode({
				parameters: property('update', {
					propertyId: { __rl: true, mode: 'list', value: 'P1' },
					updateFields: { city: 'X' },
				}),
			}),
			'Property',
		);
		expectInputError(
			await runWiseAgentNode({
				parameters: property('update', {
					propertyId: locator('1'),
					updateFields: { tourUrl: 'https://' + 'a'.repeat(1020) },
				}),
			}),
			'Tour URL',
		);
		expect(wire.isDone()).toBe(false);
	});
});

/** A property as getProperty documents it (Details shortened), and its compact shape. */
const PROPERTY = {
	PropertyID: '12434',
	StreetNum: '13400',
	Street: 'E Shea Blvd',
	City: 'Scottsdale',
	State: 'AZ',
	PostalCode: '85259',
	Subdivision: '',
	County: 'Maricopa',
	POBox: '',
	Country: '',
	Suite: '',
	LotNum: '',
	MLS: '6712345',
	primaryPhoto: 'https://example.com/front.jpg',
	Details: {
		ListingPrice: 725000,
		LastSalePrice: 0,
		YearBuilt: '1999',
		NumBedrooms: '4',
		NumBathrooms: '2.5',
		NumHalfBathrooms: '1',
		SquareFt: '2,450',
		DateListed: '05/01/2024',
		PropertyType: 'Single Family',
		ListingStatus: 'Active',
		Description: 'Mountain views',
		AgentID: '0',
	},
};
const SIMPLIFIED_PROPERTY = {
	id: '12434',
	address: {
		street: '13400 E Shea Blvd',
		suite: null,
		city: 'Scottsdale',
		state: 'AZ',
		zip: '85259',
		county: 'Maricopa',
		country: null,
		subdivision: null,
	},
	mls: '6712345',
	type: 'Single Family',
	status: 'Active',
	listingPrice: 725000,
	// 0 is the API's "no price".
	lastSalePrice: null,
	bedrooms: 4,
	bathrooms: 2.5,
	squareFeet: 2450,
	yearBuilt: 1999,
	listedOn: '2024-05-01',
	description: 'Mountain views',
	photoUrl: 'https://example.com/front.jpg',
};

describe('property: get, get many, delete, photos, connection', () => {
	it('gets by id, as the compact property', async () => {
		const { scope, request } = mockRequest('GET', 'getProperty', {
			status: 'success',
			data: PROPERTY,
		});
		const result = await runWiseAgentNode({
			parameters: property('get', { propertyId: locator('12434') }),
		});
		expect(request.query).toEqual({ requestType: 'getProperty', propertyID: '12434' });
		expect(result.items).toEqual([{ json: SIMPLIFIED_PROPERTY, pairedItem: { item: 0 } }]);
		expect(Object.keys(result.items[0].json).length).toBeLessThanOrEqual(15);
		expect(scope.isDone()).toBe(true);
	});

	it('with Simplify off, gets the record as sent', async () => {
		mockRequest('GET', 'getProperty', { status: 'success', data: PROPERTY });
		const result = await runWiseAgentNode({
			parameters: property('get', { propertyId: locator('12434'), simplify: false }),
		});
		expect(jsonOf(result)).toEqual([PROPERTY]);
	});

	it('gets by address fields / MLS', async () => {
		const { request } = mockRequest('GET', 'getProperty', [{ PropertyID: '5' }]);
		const result = await runWiseAgentNode({
			parameters: property('get', {
				findBy: 'address',
				addressFields: { streetNum: '13400', street: ' E Shea Blvd ' },
			}),
		});
		expect(request.query).toEqual({
			requestType: 'getProperty',
			StreetNum: '13400',
			Street: 'E Shea Blvd',
		});
		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: '5', mls: null })]);
	});

	it('by address needs at least one field', async () => {
		await expectRejectedBeforeSending(
			{ parameters: property('get', { findBy: 'address' }) },
			'Address Fields',
		);
	});

	it('unknown id → the API message', async () => {
		mockRequest('GET', 'getProperty', {
			status: 'error',
			data: { message: 'Property ID 79899 Does not exist' },
		});
		expectApiError(
			await runWiseAgentNode({ parameters: property('get', { propertyId: locator('79899') }) }),
			'Property ID 79899 Does not exist',
		);
	});

	it('get many: page size 50, showArchived, stops on a short page', async () => {
		const first = mockRequest('GET', 'getProperties', properties(1, 50), { page: 1 });
		mockRequest(
			'GET',
			'getProperties',
			{ status: 'success', data: properties(51, 10) },
			{ page: 2 },
		);
		const result = await runWiseAgentNode({
			parameters: property('getAll', { returnAll: true, showArchived: true }),
		});
		expect(first.request.query).toEqual({
			requestType: 'getProperties',
			showArchived: 'true',
			page: '1',
			page_size: '50',
		});
		expect(result.items).toHaveLength(60);
		expect(result.items[59].pairedItem).toEqual({ item: 0 });
		expect(result.items[59].json).toMatchObject({ id: '60', address: { street: null } });
	});

	it('get many: limit in the middle of a page', async () => {
		mockRequest('GET', 'getProperties', properties(1, 50), { page: 1 });
		mockRequest('GET', 'getProperties', properties(51, 50), { page: 2 });
		const result = await runWiseAgentNode({ parameters: property('getAll', { limit: 70 }) });
		expect(result.items).toHaveLength(70);
	});

	it('deletes with DELETE deleteProperty; {"error":"propertyID was not found"} → error', async () => {
		const { scope, request } = mockRequest('DELETE', 'deleteProperty', { status: 'success' });
		const result = await runWiseAgentNode({
			parameters: property('delete', { propertyId: locator('123') }),
		});
		expect(request.body).toEqual({ propertyID: '123' });
		expect(jsonOf(result)).toEqual([
			{ status: 'success', success: true, propertyId: '123', deleted: true },
		]);
		expect(scope.isDone()).toBe(true);

		mockRequest('DELETE', 'deleteProperty', { error: 'propertyID was not found' });
		expectApiError(
			await runWiseAgentNode({ parameters: property('delete', { propertyId: locator('123') }) }),
			'propertyID was not found',
		);
	});

	it('adds photos (addPropertyPhoto)', async () => {
		const { scope, request } = mockRequest('POST', 'addPropertyPhoto', {
			status: 'success',
			data: { message: 'Property Photos added.' },
		});
		const result = await runWiseAgentNode({
			parameters: property('addPhotos', {
				propertyId: locator('9'),
				imageUrls: ['https://a.example/1.png', 'http://b.example/2.png'],
			}),
		});
		expect(request.body).toEqual({
			propertyId: '9',
			imageURLS_CSV: 'https://a.example/1.png,http://b.example/2.png',
		});
		expect(jsonOf(result)).toEqual([
			{ success: true, message: 'Property Photos added.', propertyId: '9' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('add photos: "Property Not Found." → error; no URL → input error', async () => {
		mockRequest('POST', 'addPropertyPhoto', {
			status: 'error',
			data: { message: 'Property Not Found.' },
		});
		expectApiError(
			await runWiseAgentNode({
				parameters: property('addPhotos', { propertyId: locator('9'), imageUrls: ['https://x/1'] }),
			}),
			'Property Not Found.',
		);
		await expectRejectedBeforeSending(
			{
				parameters: property('addPhotos', { propertyId: locator('9'), imageUrls: [] }),
			},
			'Image URLs',
		);
	});

	it('connects a contact (addPropertyConnection)', async () => {
		const { scope, request } = mockRequest('POST', 'addPropertyConnection', {
			status: 'success',
			data: { message: 'Client property relationship created.' },
		});
		const result = await runWiseAgentNode({
			parameters: property('connectContact', {
				propertyId: locator('9'),
				contactId: locator('42'),
				clientRelation: 'Buyer',
			}),
		});
		expect(request.body).toEqual({ PropertyID: '9', ClientID: '42', ClientRelation: 'Buyer' });
		expect(jsonOf(result)).toEqual([
			{
				success: true,
				message: 'Client property relationship created.',
				PropertyID: '9',
				ClientID: '42',
			},
		]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('property: search profiles', () => {
	it('creates with the add spelling (propInfo*) and reads the documented non-JSON answer', async () => {
		const { scope, request } = mockRequest(
			'POST',
			'addPropertySearchCriteria',
			'{"success": "property search profile added"},{"clientid": "1074010", "searchID": "1234"}',
		);
		const result = await runWiseAgentNode({
			parameters: property('createSearchProfile', {
				contactId: locator('1074010'),
				searchProfile: { zip: 85212, minPrice: 100000, propertyType: 'Residential' },
			}),
		});
		expect(request.body).toEqual({
			clientid: '1074010',
			propInfo: '1',
			propInfoZip: '85212',
			propInfoMinPrice: '100000',
			propInfoPropType: 'Residential',
		});
		expect(jsonOf(result)).toEqual([
			{
				success: 'property search profile added',
				clientid: '1074010',
				searchID: '1234',
			},
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('create needs at least one criterion', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: property('createSearchProfile', { contactId: locator('1') }),
			},
			'Search Criteria',
		);
	});

	it('updates with the update spelling (prop*, minPrice) and searchID', async () => {
		const { scope, request } = mockRequest(
			'PUT',
			'updatePropertySearchCriteria',
			'{"success": true}',
		);
		const result = await runWiseAgentNode({
			parameters: property('updateSearchProfile', {
				searchId: '1234',
				searchProfile: { zip: 85212, maxPrice: 200000, minBeds: 2 },
			}),
		});
		expect(request.body).toEqual({
			searchID: '1234',
			propInfo: '1',
			propZip: '85212',
			maxPrice: '200000',
			propBed: '2',
		});
		expect(jsonOf(result)).toEqual([{ success: true, SearchID: '1234' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('update: the documented doubled-quote error → NodeApiError "SearchID not found"', async () => {
		mockRequest('PUT', 'updatePropertySearchCriteria', '"{""error"": ""SearchID not found""}"');
		expectApiError(
			await runWiseAgentNode({
				parameters: property('updateSearchProfile', {
					searchId: '1',
					searchProfile: { zip: '01234' },
				}),
			}),
			'SearchID not found',
		);
	});

	it('gets one by SearchID; an empty object means not found', async () => {
		const { request } = mockRequest('GET', 'getPropertySearchCriteria', {
			propCity: 'Mesa',
			propZip: '85212',
		});
		const result = await runWiseAgentNode({
			parameters: property('getSearchProfile', { searchId: '1234' }),
		});
		expect(request.query).toEqual({ requestType: 'getPropertySearchCriteria', SearchID: '1234' });
		expect(jsonOf(result)).toEqual([{ SearchID: '1234', propCity: 'Mesa', propZip: '85212' }]);

		mockRequest('GET', 'getPropertySearchCriteria', {});
		const missing = await runWiseAgentNode({
			parameters: property('getSearchProfile', { searchId: '9' }),
			continueOnFail: true,
		});
		expect(missing.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: search profile 9 was not found' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('lists a contact’s profiles from propertySearchCriteria, limit applied', async () => {
		const { request } = mockRequest('GET', 'getPropertySearchCriteriaList', {
			propertySearchCriteria: [{ SearchID: '1' }, { SearchID: '2' }, { SearchID: '3' }],
		});
		const result = await runWiseAgentNode({
			parameters: property('getManySearchProfiles', { contactId: locator('42'), limit: 2 }),
		});
		expect(request.query).toEqual({ requestType: 'getPropertySearchCriteriaList', clientID: '42' });
		expect(result.items).toEqual([
			{ json: { SearchID: '1' }, pairedItem: { item: 0 } },
			{ json: { SearchID: '2' }, pairedItem: { item: 0 } },
		]);

		mockRequest('GET', 'getPropertySearchCriteriaList', { propertySearchCriteria: [] });
		const none = await runWiseAgentNode({
			parameters: property('getManySearchProfiles', { contactId: locator('42'), returnAll: true }),
		});
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	});
});
