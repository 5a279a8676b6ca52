import { resources } from '../../nodes/WiseAgent/actions/resources';
import { runWiseAgentNode } from '../helpers/n8n';
import { expectRejectedBeforeSending, locator, mockRequest, setUpNock } from '../helpers/mockApi';

/**
 * The input defects an adversarial run found, one test each (they fail on the code before the
 * fix): every bad value is rejected before any request, naming the field and the item; valid
 * values are sent as typed. The rules are in nodes/WiseAgent/helpers/validation.ts.
 */
setUpNock();

/** An expression parameter whose value comes from the item, so any JS value can reach the node. */
const FROM_ITEM = '={{ $json.v }}';
const itemWith = (v: unknown) => [{ v }] as never;

const MB = 'x'.repeat(1_000_000);

/** Every list operation with the parameters it needs besides Return All / Limit. */
const LIST_OPERATIONS: Record<string, Record<string, unknown>> = {
	'contact.getAll': {},
	'note.getAll': { contactId: locator('42') },
	'task.getAll': {},
	'call.getAll': { contactId: locator('42') },
	'property.getAll': {},
	'property.getManySearchProfiles': { contactId: locator('42') },
	'category.getAll': {},
	'vendor.getAll': {},
	'team.getInside': {},
	'team.getOutside': {},
	'source.getAll': {},
	'marketingProgram.getAll': {},
	'transaction.getAll': {},
	'transaction.getNotes': { transactionId: '7' },
	'content.getAll': {},
	'content.getCategories': {},
	'calendar.getEvents': { startDate: '2024-05-14T00:00:00', endDate: '2024-05-15T00:00:00' },
	'webhook.getAll': {},
};

const parametersOf = (key: string, extra: Record<string, unknown> = {}) => {
	const [resource, operation] = key.split('.');
	return { resource, operation, ...LIST_OPERATIONS[key], ...extra };
};

describe('Limit: a bad limit is an error, not 0 items (every list operation)', () => {
	it('covers every operation that has a Limit', () => {
		const withLimit = Object.entries(resources).flatMap(([resource, definition]) =>
			Object.values(definition.operations)
				.filter((operation) => operation.description.some((field) => field.name === 'limit'))
				.map((operation) => `${resource}.${String(operation.option.value)}`),
		);
		expect(withLimit.sort()).toEqual(Object.keys(LIST_OPERATIONS).sort());
	});

	const badLimits: Array<[string, unknown]> = [
		['"abc"', 'abc'],
		['-1', -1],
		['"1,000,000"', '1,000,000'],
		['{}', {}],
		['0', 0],
		['2.5', 2.5],
		['NaN', NaN],
	];
	for (const key of Object.keys(LIST_OPERATIONS)) {
		it.each(badLimits)(`${key}: Limit %s`, async (_label, limit) => {
			await expectRejectedBeforeSending(
				{ parameters: parametersOf(key, { limit: FROM_ITEM }), items: itemWith(limit) },
				'Limit',
			);
		});
	}

	it('Return All "false" (text from an expression) is not read as true', async () => {
		const { request } = mockRequest('GET', 'getSources', [{ ID: 1 }, { ID: 2 }, { ID: 3 }]);
		const result = await runWiseAgentNode({
			parameters: { resource: 'source', operation: 'getAll', returnAll: FROM_ITEM, limit: 2 },
			items: itemWith('false'),
		});
		expect(request.query?.requestType).toBe('getSources');
		expect(result.items).toHaveLength(2);
	});
});

describe('Contact Get Many → Updated Since: every value is a date or an error', () => {
	const getMany = (updatedSince: unknown, updatedSinceParameter = 'DateUpdatedUTC') => ({
		resource: 'contact',
		operation: 'getAll',
		limit: 5,
		filters: { updatedSince, updatedSinceParameter },
	});

	it.each<[string, unknown]>([
		['"" (the filter is not dropped)', ''],
		['0', 0],
		['null', null],
		['"5" (not 2001-05-01)', '5'],
		['"Feb 30 2024" (not 1 March)', 'Feb 30 2024'],
		['1e20 (not "Invalid time value")', 1e20],
		['"0001-01-01" (not 1901)', '0001-01-01'],
		['"2024-02-30"', '2024-02-30'],
		['an object', {}],
		['a list', ['2024-05-14']],
	])('rejects %s naming the field, before sending', async (_label, value) => {
		await expectRejectedBeforeSending(
			{ parameters: getMany(FROM_ITEM), items: itemWith(value) },
			'Updated Since',
		);
	});

	it('rejects a typed empty filter too', async () => {
		await expectRejectedBeforeSending({ parameters: getMany('') }, 'Updated Since');
	});

	it('still sends a real date, in UTC or Arizona time', async () => {
		const { request } = mockRequest('GET', 'getContacts', []);
		await runWiseAgentNode({
			parameters: getMany('2024-05-14T10:00:00Z', 'dtupdated'),
		});
		expect(request.query).toMatchObject({ dtupdated: '05/14/2024 03:00' });
	});

	it('an unknown Time Zone Sent to Wise Agent is an error, not a silent DateUpdatedUTC', async () => {
		await expectRejectedBeforeSending(
			{ parameters: getMany('2024-05-14T10:00:00Z', 'DTUPDATED') },
			'Time Zone Sent to Wise Agent',
		);
	});

	it('an unknown Search By is an error, not a search of all contacts', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: {
					resource: 'contact',
					operation: 'getAll',
					searchBy: FROM_ITEM,
					// Every search field filled: n8n cannot tell which one the expression shows.
					nameQuery: 'Smith',
					email: 'a@example.com',
					phone: '4805550199',
					categories: ['Buyer'],
					types: 'Lender',
				},
				items: itemWith('nameQuery'),
			},
			'Search By',
		);
	});
});

describe('Dates that are not dates never reach the API (no NaN/NaN/NaN NaN:NaN)', () => {
	it.each<[string, Record<string, unknown>, unknown, string]>([
		[
			'Calendar Get Many Events: Start 1e20',
			{
				resource: 'calendar',
				operation: 'getEvents',
				startDate: FROM_ITEM,
				endDate: '2024-05-15T00:00:00',
			},
			1e20,
			'Start',
		],
		[
			'Note Get Many: Date 1e20 names the field (not "Invalid time value")',
			{
				resource: 'note',
				operation: 'getAll',
				contactId: locator('42'),
				filters: { date: FROM_ITEM },
			},
			1e20,
			'Date',
		],
		[
			'Task Create: Due Date "5" is not 1 May 2001',
			{
				resource: 'task',
				operation: 'create',
				description: 'Call back',
				additionalFields: { dueDate: FROM_ITEM },
			},
			'5',
			'Due Date',
		],
	])('%s', async (_case, parameters, value, field) => {
		await expectRejectedBeforeSending({ parameters, items: itemWith(value) }, field);
	});
});

describe('Search profile: zips are text, numbers are numbers', () => {
	const createProfile = (searchProfile: Record<string, unknown>) => ({
		resource: 'property',
		operation: 'createSearchProfile',
		contactId: locator('42'),
		searchProfile,
	});

	it.each([
		['02134', '02134'],
		['02134-1234', '02134-1234'],
	])('sends Zip %s as typed', async (zip, sent) => {
		const { request } = mockRequest('POST', 'addPropertySearchCriteria', { success: 'added' });
		const result = await runWiseAgentNode({ parameters: createProfile({ zip }) });
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({ clientid: '42', propInfo: '1', propInfoZip: sent });
	});

	it('contact Create sends the profile Zip with its leading zero', async () => {
		const { request } = mockRequest('POST', 'webcontact', { success: 'true', data: {} });
		await runWiseAgentNode({
			parameters: {
				resource: 'contact',
				operation: 'create',
				firstName: 'Ann',
				lastName: 'Lee',
				source: 'API',
				searchProfile: { zip: '02134' },
			},
		});
		expect(request.body).toMatchObject({ propInfo: '1', propInfoZip: '02134' });
	});

	it.each<[string, string, unknown]>([
		['Zip', 'zip', 'abc'],
		['Zip', 'zip', '0213'],
		['Zip', 'zip', '02134-12'],
		['Zip', 'zip', 2134],
		['Min Bedrooms', 'minBeds', 'abc'],
		['Min Bedrooms', 'minBeds', {}],
		['Min Bedrooms', 'minBeds', 2.5],
		['Min Price', 'minPrice', 'abc'],
		['Min Price', 'minPrice', {}],
		['Min Price', 'minPrice', -1],
		['Max Price', 'maxPrice', Infinity],
	])('rejects %s (%s) = %j', async (field, name, value) => {
		await expectRejectedBeforeSending(
			{ parameters: createProfile({ [name]: FROM_ITEM }), items: itemWith(value) },
			field,
		);
	});

	it.each<[string, string, unknown]>([
		['Bedrooms', 'numBedrooms', 'abc'],
		['Bedrooms', 'numBedrooms', {}],
		['Listing Price', 'listingPrice', 'abc'],
		['Listing Price', 'listingPrice', {}],
	])('property Create rejects %s (%s) = %j', async (field, name, value) => {
		await expectRejectedBeforeSending(
			{
				parameters: {
					resource: 'property',
					operation: 'create',
					addressNum: '1',
					address: 'Main St',
					additionalFields: { [name]: FROM_ITEM },
				},
				items: itemWith(value),
			},
			field,
		);
	});
});

describe('null from an expression is not the text "null"', () => {
	it.each<[string, Record<string, unknown>, unknown, string]>([
		[
			'Contact Get Many: Name or Company null',
			{ resource: 'contact', operation: 'getAll', searchBy: 'name', nameQuery: FROM_ITEM },
			null,
			'Name or Company',
		],
		[
			'Vendor Get Many: Name or Company null',
			{ resource: 'vendor', operation: 'getAll', searchBy: 'name', nameQuery: FROM_ITEM },
			null,
			'Name or Company',
		],
		[
			'Note Create: Subject null',
			{
				resource: 'note',
				operation: 'create',
				contactId: locator('42'),
				note: 'Hi',
				subject: FROM_ITEM,
			},
			null,
			'Subject',
		],
		[
			'Note Create: a category list with null in it',
			{
				resource: 'note',
				operation: 'create',
				contactId: locator('42'),
				note: 'Hi',
				additionalFields: { categories: FROM_ITEM },
			},
			['Buyer', null],
			'Category Names',
		],
		[
			'Category Add Contacts: Additional Contact IDs null is not dropped',
			{
				resource: 'category',
				operation: 'addContacts',
				category: 'Buyer',
				contactId: locator('42'),
				additionalContactIds: FROM_ITEM,
			},
			null,
			'Additional Contact IDs',
		],
	])('%s', async (_case, parameters, value, field) => {
		await expectRejectedBeforeSending({ parameters, items: itemWith(value) }, field);
	});
});

describe('1 MB strings are not posted: every text field has a bound', () => {
	it.each<[string, Record<string, unknown>, string]>([
		[
			'Note Create → Note',
			{ resource: 'note', operation: 'create', contactId: locator('42'), note: FROM_ITEM },
			'Note',
		],
		[
			'Contact Create → First Name',
			{
				resource: 'contact',
				operation: 'create',
				firstName: FROM_ITEM,
				lastName: 'L',
				source: 'API',
			},
			'First Name',
		],
		[
			'Contact Update → City',
			{
				resource: 'contact',
				operation: 'update',
				contactId: locator('42'),
				updateFields: { city: FROM_ITEM },
			},
			'City',
		],
		[
			'Contact Get Many → Name or Company',
			{ resource: 'contact', operation: 'getAll', searchBy: 'name', nameQuery: FROM_ITEM },
			'Name or Company',
		],
		[
			'Task Create → Description',
			{ resource: 'task', operation: 'create', description: FROM_ITEM },
			'Description',
		],
		[
			'Calendar Create Event → Event Name',
			{
				resource: 'calendar',
				operation: 'createEvent',
				eventName: FROM_ITEM,
				eventStart: '2024-05-14T10:00:00',
			},
			'Event Name',
		],
		[
			'Property Create → Notes',
			{
				resource: 'property',
				operation: 'create',
				addressNum: '1',
				address: 'Main St',
				additionalFields: { notes: FROM_ITEM },
			},
			'Notes',
		],
		[
			'Contact Add Custom Field → Value',
			{
				resource: 'contact',
				operation: 'addCustomField',
				contactId: locator('42'),
				key: 'K',
				value: FROM_ITEM,
			},
			'Value',
		],
		[
			'Category Get Contact Count → Category',
			{ resource: 'category', operation: 'getContactCount', category: FROM_ITEM },
			'Category',
		],
		[
			'Content Create → HTML',
			{ resource: 'content', operation: 'create', name: 'N', html: FROM_ITEM },
			'HTML',
		],
	])('%s', async (_label, parameters, field) => {
		await expectRejectedBeforeSending({ parameters, items: itemWith(MB) }, field);
	});

	it('NUL characters are rejected too', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: {
					resource: 'note',
					operation: 'create',
					contactId: locator('42'),
					note: FROM_ITEM,
				},
				items: itemWith('a\u0000b'),
			},
			'Note',
		);
	});
});

describe('Contact Update Custom Field: a value can be cleared, explicitly', () => {
	const update = (extra: Record<string, unknown>) => ({
		resource: 'contact',
		operation: 'updateCustomField',
		contactId: locator('42'),
		...extra,
	});

	it('Clear Value sends Value= (empty), which clears it', async () => {
		const { request } = mockRequest('DELETE', 'editClientCustomData', { success: true });
		const result = await runWiseAgentNode({
			parameters: update({ key: 'BuyersLink', value: '', clearValue: true }),
		});
		expect(result.error).toBeUndefined();
		expect(request.body).toEqual({ ClientID: '42', Key: 'BuyersLink', Value: '' });
	});

	it('an empty Value without Clear Value is an error, not a request that changes nothing', async () => {
		await expectRejectedBeforeSending(
			{ parameters: update({ key: 'BuyersLink', value: FROM_ITEM }), items: itemWith('') },
			'Value',
		);
	});

	it('renaming by Custom Field ID without a Value keeps the value (no Value sent)', async () => {
		const { request } = mockRequest('DELETE', 'editClientCustomData', { success: true });
		await runWiseAgentNode({
			parameters: update({ key: 'NewKey', customFieldId: '27392', value: '' }),
		});
		expect(request.body).toEqual({ ClientID: '42', Key: 'NewKey', ClientCustomID: '27392' });
	});
});

describe('Separators inside list entries are not new entries', () => {
	it('Note Create: a category "Buyer,Seller" from an expression is rejected, not two categories', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: {
					resource: 'note',
					operation: 'create',
					contactId: locator('42'),
					note: 'Hi',
					additionalFields: { categories: FROM_ITEM },
				},
				items: itemWith(['Buyer,Seller']),
			},
			'Category Names',
		);
	});

	it('Contact Create: an Extra Form Field named requestType is rejected', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: {
					resource: 'contact',
					operation: 'create',
					firstName: 'Ann',
					lastName: 'Lee',
					source: 'API',
					additionalFields: {
						extraFormFields: { field: [{ name: 'requestType', value: 'deleteProperty' }] },
					},
				},
			},
			'Extra Form Fields Name',
		);
	});

	it('Contact Get Many: a phone with letters is rejected, not searched as its digits', async () => {
		await expectRejectedBeforeSending(
			{
				parameters: {
					resource: 'contact',
					operation: 'getAll',
					searchBy: 'phone',
					phone: 'ext 12',
				},
			},
			'Phone',
		);
	});

	it('Property Update: Archived "true" (text) is true, not "false"', async () => {
		const { request } = mockRequest('PUT', 'updateProperty', { status: 'success', data: {} });
		await runWiseAgentNode({
			parameters: {
				resource: 'property',
				operation: 'update',
				propertyId: locator('5'),
				updateFields: { archive: FROM_ITEM },
			},
			items: itemWith('true'),
		});
		expect(request.body).toEqual({ propertyID: '5', Archive: 'true' });
	});
});
