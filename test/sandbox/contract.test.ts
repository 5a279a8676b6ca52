/**
 * Contract tests: one or more documented request per request type, checking the documented response
 * shape (including the documented error shapes, which arrive with HTTP 200).
 */
import type { Sandbox } from '../../sandbox';
import { api, inner, withSandbox } from './helpers';

let sandbox: Sandbox;
let token: string;
let clientId: number;
let otherClientId: number;

beforeAll(async () => {
	({ sandbox, token } = await withSandbox());
	[clientId, otherClientId] = [...sandbox.store.data.contacts.keys()];
});
afterAll(() => sandbox.stop());

const call = (
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	requestType: string,
	params: Record<string, string | number | boolean> = {},
) => api(sandbox, token, method, requestType, params);

const CONTACT_KEYS = [
	'ClientID',
	'CFirst',
	'CLast',
	'Title',
	'Categories',
	'InsideTeamAssignment',
	'OutsideTeamAssignment',
	'HomePhone',
	'MobilePhone',
	'WorkPhone',
	'SpouseFirst',
	'SpouseLast',
	'CEmail',
	'Company',
	'AddressStreet',
	'Source',
	'AddressNumber',
	'SuiteNo',
	'County',
	'City',
	'State',
	'Zip',
	'POBox',
	'Country',
	'Rank',
	'Status',
	'DtUpdated',
	'DateUpdatedUTC',
	'DateAddedUTC',
	'LastContactDate',
	'DateMet',
	'Birthday',
	'Anniversary',
	'HomeSaleAnniversary',
	'CustomData',
	'Website',
	'SpouseWebsite',
	'PreferredPhone',
	'SpousePreferredPhone',
];

describe('team and account', () => {
	it('getUser returns [{First, Last, Email}]', async () => {
		const res = await call('GET', 'getUser');
		expect(res.json).toEqual([
			{ First: expect.any(String), Last: expect.any(String), Email: expect.any(String) },
		]);
	});

	it('getTeam and getOutsideTeam return the documented member fields', async () => {
		const team = await call('GET', 'getTeam');
		expect(Object.keys(team.json[0])).toEqual([
			'InsideTeamId',
			'Name',
			'Phone',
			'Cell',
			'Email',
			'JobTitle',
		]);
		expect(typeof team.json[0].InsideTeamId).toBe('number');
		const outside = await call('GET', 'getOutsideTeam');
		expect(Object.keys(outside.json[0])).toEqual(['TeamMember', 'Email', 'Cell', 'Phone']);
	});

	it('getSources returns [{ID, Name}]', async () => {
		const res = await call('GET', 'getSources');
		expect(res.json[0]).toEqual({ ID: expect.any(Number), Name: expect.any(String) });
	});

	it('getLoginToken returns a URL string with a 60 s temp token and optional page', async () => {
		const res = await call('GET', 'getLoginToken', {
			page: 'https://thewiseagent.com/secure/client/summary?clientId=1',
		});
		expect(res.headers.get('content-type')).toMatch(/text\/plain/);
		const url = new URL(res.text);
		expect(`${url.origin}${url.pathname}`).toBe('https://www.thewiseagent.com/secure/login_secure');
		expect(url.searchParams.get('page')).toBe(
			'https://thewiseagent.com/secure/client/summary?clientId=1',
		);
		const temp = url.searchParams.get('accesstoken')!;
		const stored = sandbox.store.data.loginTokens.find((t) => t.token === temp)!;
		expect(stored.expiresMs - Date.now()).toBeGreaterThan(55_000);
		expect(stored.expiresMs - Date.now()).toBeLessThanOrEqual(60_000);
		const first = await fetch(`${sandbox.baseUrl}/secure/login_secure?accesstoken=${temp}`);
		expect(first.status).toBe(200);
		const reused = await fetch(`${sandbox.baseUrl}/secure/login_secure?accesstoken=${temp}`);
		expect(reused.status).toBe(401);
	});

	it('the plugin-seen `user` request type answers', async () => {
		const res = await call('GET', 'user');
		expect(res.json[0].Email).toBe(sandbox.store.data.user.Email);
	});

	it('an unknown request type is an HTTP 200 {"Error"} and requestType is case-sensitive', async () => {
		const res = await call('GET', 'getcontacts');
		expect(res.status).toBe(200);
		expect(res.json.Error).toMatch(/Invalid requestType/);
	});
});

describe('contacts', () => {
	it('getContacts returns a bare array of documented contact records with JSON-in-string fields', async () => {
		const res = await call('GET', 'getContacts', { page: 1, page_size: 5 });
		expect(res.json).toHaveLength(5);
		const c = res.json[0];
		expect(Object.keys(c)).toEqual(CONTACT_KEYS);
		expect(typeof c.ClientID).toBe('number');
		for (const field of [
			'Categories',
			'InsideTeamAssignment',
			'OutsideTeamAssignment',
			'CustomData',
		]) {
			expect(typeof c[field]).toBe('string');
			expect(Array.isArray(inner(c[field]))).toBe(true);
		}
		expect(c.DtUpdated).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/);
		expect(c.DateUpdatedUTC).toMatch(/Z$/);
	});

	it('getSingleContact returns a one-element array; vendors with a V prefix', async () => {
		const res = await call('GET', 'getSingleContact', { clientID: clientId });
		expect(res.json).toHaveLength(1);
		expect(res.json[0].ClientID).toBe(clientId);
		const vendorId = [...sandbox.store.data.vendors.keys()][0];
		const vendor = await call('GET', 'getSingleContact', { clientID: `V${vendorId}` });
		expect(vendor.json[0]).toMatchObject({
			ClientID: `V${vendorId}`,
			Company: expect.any(String),
			ContactName: expect.any(String),
			AlternateContact: expect.any(String),
			Address: expect.any(String),
		});
		const missing = await call('GET', 'getSingleContact', { clientID: 999999 });
		expect(missing.status).toBe(200);
		expect(missing.json.Error).toBeDefined();
	});

	it('getContactsCount returns {"count": n}', async () => {
		const res = await call('GET', 'getContactsCount');
		expect(res.json).toEqual({ count: sandbox.store.data.contacts.size });
	});

	it('getVendors filters exclusively and returns vendor records', async () => {
		const all = await call('GET', 'getVendors');
		expect(all.json.length).toBe(sandbox.store.data.vendors.size);
		const v = [...sandbox.store.data.vendors.values()][0];
		const byEmail = await call('GET', 'getVendors', { email: v.Email, types: 'Nothing-Matches' });
		expect(byEmail.json.map((x: any) => x.ClientID)).toEqual([`V${v.VendorID}`]);
		const byType = await call('GET', 'getVendors', { types: v.Type });
		expect(byType.json.every((x: any) => x.Type === v.Type)).toBe(true);
	});

	it('getClientAddresses lists extra addresses; addClientAddress works in both documented casings', async () => {
		const upper = await call('POST', 'addClientAddress', {
			ClientID: clientId,
			AddressType: 'Business',
			AddressNum: '5636',
			Address: 'E McDowell Rd',
			City: 'Phoenix',
			State: 'AZ',
			Zip: '85008',
		});
		expect(upper.json).toEqual({ success: true, ClientAddressID: expect.any(Number) });
		const lower = await call('POST', 'addClientAddress', {
			clientid: clientId,
			addressNum: '16631',
			address: 'E. 56th St.',
			zip: '85254',
		});
		expect(lower.json).toEqual({ success: true, clientAddressID: expect.any(Number) });
		const noCity = await call('POST', 'addClientAddress', {
			clientid: clientId,
			addressNum: '1',
			address: 'A St',
		});
		expect(noCity.json.success).toBe(false);
		const list = await call('GET', 'getClientAddresses', { ClientID: clientId });
		const added = list.json.find((a: any) => a.ClientAddressID === lower.json.clientAddressID);
		expect(added).toMatchObject({
			ClientID: clientId,
			AddressType: 'other',
			AddressNum: '16631',
			Address: 'E. 56th St.',
			Zip: '85254',
			Subdivision: null,
			Township: null,
		});
		expect(Object.keys(added)).toEqual([
			'ClientAddressID',
			'ClientID',
			'AddressType',
			'AddressNum',
			'Address',
			'SuiteNo',
			'POBox',
			'BldgFloor',
			'City',
			'State',
			'Zip',
			'County',
			'Country',
			'MLS',
			'Subdivision',
			'Township',
		]);
	});

	it('webcontact creates a contact (semicolon categories, team, outside team, search profile)', async () => {
		const res = await call('POST', 'webcontact', {
			CFirst: 'John',
			CLast: 'BECKER',
			CEmail: 'john.becker@example.org',
			Source: 'API',
			AddressNumber: '11657',
			AddressStreet: 'E Carol Ave',
			City: 'Scottsdale',
			State: 'AZ',
			zip: '85259',
			country: 'USA',
			HomePhome: '480-555-0199',
			Categories: 'Buyer;Web Lead',
			InsideTeamId: 2,
			OutsideTeamAssignment: 'olivia.outside@example.com',
			propInfo: 1,
			propInfoZip: 85212,
			propInfoMinPrice: 100000,
			propInfoMaxPrice: 200000,
			CommaDelimitedFormFields: 'bedrooms',
			bedrooms: '3',
		});
		expect(res.json).toEqual({
			success: 'true',
			data: {
				ClientID: expect.any(Number),
				NewContact: true,
				OutsideTeamAssignment: {
					TeamMember: 'Olivia Outside',
					leadStatus: 'accepted',
					Cell: expect.any(String),
					Phone: expect.any(String),
					Email: 'olivia.outside@example.com',
					ClientID: expect.any(Number),
				},
			},
		});
		const id = res.json.data.ClientID;
		const [c] = (await call('GET', 'getSingleContact', { clientID: id })).json;
		expect(c).toMatchObject({
			CFirst: 'John',
			CLast: 'BECKER',
			HomePhone: '480-555-0199',
			Zip: '85259',
			Country: 'USA',
			Source: 'API',
		});
		expect(inner(c.Categories)).toEqual([{ name: 'Buyer' }, { name: 'Web Lead' }]);
		expect(inner(c.InsideTeamAssignment)).toEqual([{ InsideTeamId: 2 }]);
		expect(inner(c.OutsideTeamAssignment)[0].Email).toBe('olivia.outside@example.com');
		const profiles = await call('GET', 'getPropertySearchCriteriaList', { clientID: id });
		expect(profiles.json.propertySearchCriteria[0]).toMatchObject({
			propZip: '85212',
			minPrice: 100000,
			maxPrice: 200000,
		});
		expect(sandbox.store.data.contacts.get(id)!.extraDetails.bedrooms).toBe('3');
		// calltype defaults: phone present -> call list entry.
		const calls = await call('GET', 'calls', { clientId: id });
		expect(calls.json.Data).toHaveLength(1);
	});

	it('webcontact does not update an existing contact (by email) but adds phones', async () => {
		const created = await call('POST', 'webcontact', {
			CFirst: 'Dup',
			CLast: 'Licate',
			CEmail: 'dup@example.org',
			Source: 'API',
		});
		const id = created.json.data.ClientID;
		const again = await call('POST', 'webcontact', {
			CFirst: 'Changed',
			CLast: 'Name',
			CEmail: 'DUP@example.org',
			Source: 'API',
			MobilePhone: '602-555-0000',
		});
		expect(again.json).toEqual({
			success: 'true',
			data: {
				ClientID: id,
				NewContact: false,
				Message: "Use 'updateContact' request to update contacts.",
			},
		});
		const [c] = (await call('GET', 'getSingleContact', { clientID: id })).json;
		expect(c.CFirst).toBe('Dup');
		expect(c.MobilePhone).toBe('602-555-0000');
	});

	it('webcontact requires CFirst, CLast and Source', async () => {
		const res = await call('POST', 'webcontact', { CFirst: 'Only' });
		expect(res.json.success).toBe('false');
	});

	it('updateContact updates documented fields and returns {"Success":"<id> updated"}', async () => {
		const res = await call('POST', 'updateContact', {
			clientID: clientId,
			CFirst: 'Zed',
			Clast: 'Zulu',
			ContactStatus: 'Hot Lead',
			Rank: 'A',
			AddCategories: 'New Lead,Prospect',
			InsideTeamId: 3,
			Reassignment: true,
		});
		expect(res.json).toEqual({ Success: `${clientId} updated` });
		const [c] = (await call('GET', 'getSingleContact', { clientID: clientId })).json;
		expect(c).toMatchObject({ CFirst: 'Zed', CLast: 'Zulu', Status: 'Hot Lead', Rank: 'A' });
		expect(inner(c.Categories).map((x: any) => x.name)).toEqual(
			expect.arrayContaining(['New Lead', 'Prospect']),
		);
		expect(inner(c.InsideTeamAssignment)).toEqual([{ InsideTeamId: 3 }]);
		await call('POST', 'updateContact', { clientID: clientId, RemoveCategories: 'Prospect' });
		const [after] = (await call('GET', 'getSingleContact', { clientID: clientId })).json;
		expect(inner(after.Categories).map((x: any) => x.name)).not.toContain('Prospect');
	});

	it('updateContact documented errors', async () => {
		expect((await call('POST', 'updateContact', { CFirst: 'x' })).json).toEqual({
			Error: 'Missing ClientID',
		});
		expect((await call('POST', 'updateContact', { clientID: clientId, Rank: 'Z' })).json).toEqual({
			Error: `Invalid Field Rank - ${clientId} not updated`,
		});
		expect(
			(await call('POST', 'updateContact', { clientID: clientId, ContactStatus: 'Sleeping' })).json
				.Error,
		).toMatch(/^Invalid Field ContactStatus/);
	});

	it('addClientCustom / duplicate key / editClientCustomData (DELETE)', async () => {
		const added = await call('POST', 'addClientCustom', {
			ClientID: otherClientId,
			Key: 'BuyersLink',
			Value: 'https://a',
		});
		expect(added.json).toEqual({ success: true, ClientCustomID: expect.any(Number) });
		const dup = await call('POST', 'addClientCustom', {
			ClientID: otherClientId,
			Key: 'BuyersLink',
			Value: 'https://b',
		});
		expect(dup.json).toEqual({
			success: false,
			message: `Duplicate Key 'BuyersLink' cannot be inserted for ClientID ${otherClientId}`,
		});
		const byKey = await call('DELETE', 'editClientCustomData', {
			ClientID: otherClientId,
			Key: 'BuyersLink',
			Value: 'https://c',
		});
		expect(byKey.json.success).toBe(true);
		const byId = await call('DELETE', 'editClientCustomData', {
			ClientID: otherClientId,
			ClientCustomID: added.json.ClientCustomID,
			Key: 'SellersLink',
			Value: 'https://d',
		});
		expect(byId.json.success).toBe(true);
		const [c] = (await call('GET', 'getSingleContact', { clientID: otherClientId })).json;
		expect(inner(c.CustomData)).toContainEqual({ Key: 'SellersLink', Value: 'https://d' });
		const neither = await call('DELETE', 'editClientCustomData', {
			ClientID: otherClientId,
			Value: 'x',
		});
		expect(neither.json.success).toBe(false);
	});
});

describe('notes', () => {
	it('addContactNote returns per-contact NoteIDs; getContactNotes reads them with JSON-in-string Categories', async () => {
		const vendorId = [...sandbox.store.data.vendors.keys()][0];
		const res = await call('POST', 'addContactNote', {
			note: '<b>Hi</b>',
			subject: 'Contract',
			categories: 'Buyer,Calllist',
			clientids: `${clientId},V${vendorId}`,
		});
		expect(res.json).toEqual([
			{
				success: 'true',
				data: [
					{ ClientID: clientId, NoteID: expect.any(Number) },
					{ ClientID: `V${vendorId}`, NoteID: expect.any(Number) },
				],
			},
		]);
		const noteId = res.json[0].data[0].NoteID;
		const notes = await call('GET', 'getContactNotes', { ClientID: clientId, NoteID: noteId });
		expect(notes.json).toHaveLength(1);
		expect(notes.json[0]).toMatchObject({
			NoteID: noteId,
			Note: '<b>Hi</b>',
			Subject: 'Contract',
			insideteamid: 0,
			NoteDate: expect.stringMatching(/^\d{1,2}\/\d{1,2}\/\d{4} /),
		});
		expect(inner(notes.json[0].Categories)).toEqual([{ name: 'Buyer' }, { name: 'Calllist' }]);
		const vendorNotes = await call('GET', 'getContactNotes', { ClientID: `V${vendorId}` });
		expect(vendorNotes.json.some((n: any) => n.NoteID === res.json[0].data[1].NoteID)).toBe(true);
	});

	it('updateContactNote / updateContactNoteCategories / removeContactNote; vendor=true; locked notes refused', async () => {
		const vendorId = [...sandbox.store.data.vendors.keys()][1];
		const res = await call('POST', 'addContactNote', {
			note: 'a',
			subject: 's',
			clientids: `${clientId},V${vendorId}`,
		});
		const [clientNote, vendorNote] = res.json[0].data.map((d: any) => d.NoteID);
		expect(
			(await call('PUT', 'updateContactNote', { noteID: clientNote, note: 'b', subject: 't' }))
				.json,
		).toEqual([{ success: 'true' }]);
		expect(
			(
				await call('PUT', 'updateContactNoteCategories', {
					noteID: clientNote,
					categories: 'Seller',
				})
			).json,
		).toEqual([{ success: 'true' }]);
		const [n] = (await call('GET', 'getContactNotes', { ClientID: clientId, NoteID: clientNote }))
			.json;
		expect(n.Note).toBe('b');
		expect(inner(n.Categories)).toEqual([{ name: 'Seller' }]);
		// A vendor note needs vendor=true.
		expect(
			(await call('PUT', 'updateContactNote', { noteID: vendorNote, note: 'v' })).json[0].success,
		).toBe('false');
		expect(
			(await call('PUT', 'updateContactNote', { noteID: vendorNote, note: 'v', vendor: 'true' }))
				.json,
		).toEqual([{ success: 'true' }]);
		sandbox.store.data.notes.get(clientNote)!.locked = true;
		const locked = await call('PUT', 'updateContactNote', { noteID: clientNote, note: 'c' });
		expect(locked.json[0]).toMatchObject({
			success: 'false',
			message: expect.stringMatching(/locked/),
		});
		expect(
			(await call('DELETE', 'removeContactNote', { noteID: clientNote })).json[0].success,
		).toBe('false');
		sandbox.store.data.notes.get(clientNote)!.locked = false;
		expect((await call('DELETE', 'removeContactNote', { noteID: clientNote })).json).toEqual([
			{ success: 'true' },
		]);
		expect(sandbox.store.data.notes.has(clientNote)).toBe(false);
	});

	it('getContactNotes pages with a default page_size of 100', async () => {
		const ids = Array.from({ length: 120 }, () => clientId).join(',');
		await call('POST', 'addContactNote', { note: 'bulk', subject: 'Bulk', clientids: ids });
		const first = await call('GET', 'getContactNotes', { ClientID: clientId, subject: 'bulk' });
		expect(first.json).toHaveLength(100);
		const second = await call('GET', 'getContactNotes', {
			ClientID: clientId,
			subject: 'bulk',
			page: 2,
		});
		expect(second.json).toHaveLength(20);
	});
});

describe('tasks and calls', () => {
	it('tasks GET pages with Page/TotalCount/Data; POST/PUT return {"success":true,"TaskID"}; DELETE via webhooks+TaskID', async () => {
		const list = await call('GET', 'tasks', { page: 1, page_size: 3 });
		expect(list.json).toMatchObject({ Page: 1, TotalCount: sandbox.store.data.tasks.size });
		expect(list.json.Data).toHaveLength(3);
		expect(Object.keys(list.json.Data[0])).toEqual([
			'TaskID',
			'TaskDue',
			'Completed',
			'Priority',
			'Description',
			'AssignedTo',
			'DateCreated',
			'DateModified',
			'EstimatedTime',
			'CompletedDate',
			'ContactID',
		]);
		const created = await call('POST', 'tasks', {
			Description: 'Call John',
			TaskNote: 'n',
			TaskDue: '07/20/2025',
			Priority: 2,
			InsideTeamId: 1,
			EstimatedTime: 1,
			ContactID: clientId,
			Completed: 'no',
		});
		expect(created.json).toEqual({ success: true, TaskID: expect.any(Number) });
		const taskId = created.json.TaskID;
		const updated = await call('PUT', 'tasks', { TaskID: taskId, Completed: 'yes' });
		expect(updated.json).toEqual({ success: true, TaskID: taskId });
		const task = sandbox.store.data.tasks.get(taskId)!;
		expect(task.completed).toBe(true);
		const bad = await call('POST', 'tasks', { Description: 'x', Priority: 9 });
		expect(bad.json.success).toBe(false);
		expect((await call('DELETE', 'webhooks', { TaskID: taskId })).json.success).toBe(true);
		expect(sandbox.store.data.tasks.has(taskId)).toBe(false);
		expect((await call('DELETE', 'tasks', { TaskID: taskId })).json.Error).toMatch(
			/Invalid requestType/,
		);
	});

	it('calls GET/POST/PUT and DELETE via webhooks+CallId', async () => {
		const created = await call('POST', 'calls', {
			NextContactDate: '2025-07-20 09:30',
			CallType: 'Phone',
			FlagImportant: true,
			InsideTeamId: 1,
			Reason: 'Follow up',
			ClientId: clientId,
		});
		expect(created.json).toEqual({ success: true, id: expect.any(Number) });
		const id = created.json.id;
		const single = await call('GET', 'calls', { callId: id });
		expect(single.json.Data[0]).toEqual({
			CallId: String(id),
			Completed: 'false',
			FlagImportant: 'true',
			Reason: 'Follow up',
			AssignedTo: 'Sandy Agent',
			InsideTeamId: '1',
			DateAdded: expect.stringMatching(/ UTC$/),
			NextContactDate: '7/20/2025 9:30:00 AM',
			ClientId: String(clientId),
			CallType: 'Phone',
		});
		expect(
			(await call('PUT', 'calls', { CallId: id, Completed: true, AssignedTo: 'Ted Teammate' }))
				.json,
		).toEqual({ success: true, id });
		const list = await call('GET', 'calls', { clientId, orderByNextContactDate: true });
		expect(
			list.json.Data.some(
				(c: any) =>
					c.CallId === String(id) && c.Completed === 'true' && c.AssignedTo === 'Ted Teammate',
			),
		).toBe(true);
		expect((await call('DELETE', 'webhooks', { CallId: id })).json.success).toBe(true);
		expect(sandbox.store.data.calls.has(id)).toBe(false);
	});
});

describe('categories', () => {
	it('getAllCategoriesWithCount returns {CategoryInfo:[{name,id,clientCount}]}', async () => {
		const res = await call('GET', 'getAllCategoriesWithCount');
		expect(res.json.CategoryInfo[0]).toEqual({
			name: expect.any(String),
			id: expect.any(Number),
			clientCount: expect.any(Number),
		});
	});

	it('addCategories, addClientsToCategory, getCategoryClientCount, removeClientsFromCategory', async () => {
		const added = await call('POST', 'addCategories', { categories: 'Zeta One,Zeta Two' });
		expect(added.json).toEqual({
			success: true,
			categories: [
				{ catName: 'Zeta One', catID: expect.any(String) },
				{ catName: 'Zeta Two', catID: expect.any(String) },
			],
		});
		expect((await call('POST', 'addCategories', {})).json).toEqual({
			Error: 'Missing Categories CSV',
		});
		expect(
			(
				await call('POST', 'addClientsToCategory', {
					category: 'Zeta One',
					clientids: `${clientId},${otherClientId}`,
				})
			).json,
		).toEqual([{ success: 'true' }]);
		expect((await call('GET', 'getCategoryClientCount', { category: 'Zeta One' })).json).toEqual([
			{ success: 'true', categorycount: 2 },
		]);
		expect(
			(
				await call('POST', 'removeClientsFromCategory', {
					category: 'Zeta One',
					clientids: `${clientId}`,
				})
			).json,
		).toEqual([{ success: 'true' }]);
		expect(
			(await call('GET', 'getCategoryClientCount', { category: 'Zeta One' })).json[0].categorycount,
		).toBe(1);
		const info = await call('GET', 'getAllCategoriesWithCount');
		expect(info.json.CategoryInfo.find((c: any) => c.name === 'Zeta One').clientCount).toBe(1);
	});
});

describe('properties', () => {
	let propertyId: string;

	it('addProperty returns {"status":"success","data":{"propertyId"}}; getProperty returns the documented shape', async () => {
		const res = await call('POST', 'addProperty', {
			AddressNum: '13400',
			Address: 'E Shea Blvd',
			City: 'Scottsdale',
			State: 'AZ',
			Zip: '85259',
			MLS: 'M-1',
			ListingPrice: '450000',
			DateListed: '2024-05-01',
			ClientId: clientId,
			imageURLS_CSV: 'https://img/1.jpg,https://img/2.jpg',
		});
		expect(res.json).toEqual({ status: 'success', data: { propertyId: expect.any(String) } });
		propertyId = res.json.data.propertyId;
		const got = await call('GET', 'getProperty', { propertyID: propertyId });
		expect(got.json).toMatchObject({
			PropertyID: propertyId,
			StreetNum: '13400',
			Street: 'E Shea Blvd',
			PostalCode: '85259',
			MLS: 'M-1',
			primaryPhoto: 'https://img/1.jpg',
		});
		expect(got.json.Details).toMatchObject({
			ListingPrice: 450000,
			LastSalePrice: 0,
			DateListed: '05/01/2024',
			AgentID: '0',
			OfficeID: '0',
		});
		const byAddress = await call('GET', 'getProperty', {
			StreetNum: '13400',
			Street: 'e shea blvd',
		});
		expect(byAddress.json.PropertyID).toBe(propertyId);
		const byMls = await call('GET', 'getProperty', { MLS: 'M-1' });
		expect(byMls.json.PropertyID).toBe(propertyId);
	});

	it('getProperty documented error; addProperty required fields and length limits', async () => {
		expect((await call('GET', 'getProperty', { propertyID: 79899 })).json).toEqual({
			status: 'error',
			data: { message: 'Property ID 79899 Does not exist' },
		});
		expect((await call('POST', 'addProperty', { Address: 'x' })).json).toEqual({
			status: 'error',
			data: { message: 'Address and AddressNum must be provided' },
		});
		const long = await call('POST', 'addProperty', { AddressNum: 'x'.repeat(51), Address: 'y' });
		expect(long.json).toEqual({
			status: 'error',
			data: { message: 'AddressNum exceeds the 50 character limit' },
		});
	});

	it('updateProperty, addPropertyPhoto, addPropertyConnection, deleteProperty', async () => {
		expect(
			(
				await call('PUT', 'updateProperty', {
					propertyID: propertyId,
					ListingPrice: '460000',
					Archive: true,
				})
			).json,
		).toEqual({ status: 'success', data: { propertyId } });
		expect((await call('PUT', 'updateProperty', { propertyID: 1, City: 'x' })).json).toEqual({
			status: 'error',
			data: { message: 'Property not found' },
		});
		expect(
			(await call('POST', 'addPropertyPhoto', { propertyId, imageURLS_CSV: 'https://img/3.jpg' }))
				.json,
		).toEqual({ status: 'success', data: { message: 'Property Photos added.' } });
		expect(
			(
				await call('POST', 'addPropertyPhoto', {
					propertyId: 1,
					imageURLS_CSV: 'https://img/3.jpg',
				})
			).json,
		).toEqual({ status: 'error', data: { message: 'Property Not Found.' } });
		expect(
			(
				await call('POST', 'addPropertyConnection', {
					PropertyID: propertyId,
					ClientID: otherClientId,
				})
			).json,
		).toEqual({ status: 'success', data: { message: 'Client property relationship created.' } });
		expect(sandbox.store.data.properties.get(Number(propertyId))!.connections).toContainEqual({
			clientId: otherClientId,
			relation: 'N/A',
		});
		const archived = await call('GET', 'getProperties', { showArchived: true, page_size: 500 });
		expect(archived.json.some((p: any) => p.PropertyID === propertyId)).toBe(true);
		const active = await call('GET', 'getProperties', { page_size: 500 });
		expect(active.json.some((p: any) => p.PropertyID === propertyId)).toBe(false);
		expect((await call('DELETE', 'deleteProperty', { propertyID: propertyId })).json.status).toBe(
			'success',
		);
		expect((await call('DELETE', 'deleteProperty', { propertyID: propertyId })).json).toEqual({
			error: 'propertyID was not found',
		});
	});

	it('getProperties pages with a default of 50', async () => {
		for (let i = 0; i < 55; i++)
			await call('POST', 'addProperty', { AddressNum: String(i), Address: 'Page St' });
		const res = await call('GET', 'getProperties');
		expect(res.json).toHaveLength(50);
		// Most recent first.
		expect(res.json[0].Street).toBe('Page St');
	});

	it('property search criteria: add, get, list, update, documented errors', async () => {
		const added = await call('POST', 'addPropertySearchCriteria', {
			clientid: otherClientId,
			propInfo: 1,
			propInfoZip: 85212,
			propInfoPropType: 'Residential',
			propInfoMinBeds: 2,
			propInfoMoving: 3,
		});
		expect(added.json).toEqual([
			{ success: 'property search profile added' },
			{ clientid: String(otherClientId), searchID: expect.any(String) },
		]);
		const searchId = added.json[1].searchID;
		const single = await call('GET', 'getPropertySearchCriteria', { SearchID: searchId });
		expect(single.json).toMatchObject({
			propZip: '85212',
			propType: 'Residential',
			propBed: 2,
			propMoving: 3,
		});
		expect(single.json.SearchID).toBeUndefined();
		expect((await call('GET', 'getPropertySearchCriteria', { SearchID: 1 })).json).toEqual({});
		expect(
			(
				await call('PUT', 'updatePropertySearchCriteria', {
					searchID: searchId,
					propInfo: 1,
					maxPrice: 200000,
					propBath: 2,
				})
			).json,
		).toEqual({ success: true });
		const list = await call('GET', 'getPropertySearchCriteriaList', { clientID: otherClientId });
		expect(list.json.propertySearchCriteria).toContainEqual(
			expect.objectContaining({ SearchID: searchId, maxPrice: 200000, propBath: 2 }),
		);
		expect(
			(await call('PUT', 'updatePropertySearchCriteria', { searchID: 1, propInfo: 1 })).json,
		).toEqual({ error: 'SearchID not found' });
		expect((await call('GET', 'getPropertySearchCriteriaList', { clientID: 1 })).json).toEqual({
			propertySearchCriteria: [],
		});
	});
});

describe('marketing, content, calendar, files', () => {
	it('getPrograms, addClientsToMarketingProgram', async () => {
		const programs = await call('GET', 'getPrograms');
		expect(programs.json[0]).toEqual({
			ProgramName: expect.any(String),
			ProgramID: expect.any(String),
		});
		expect(
			(
				await call('POST', 'addClientsToMarketingProgram', {
					clientids: `${clientId}`,
					programID: programs.json[0].ProgramID,
				})
			).json,
		).toEqual([{ success: 'true' }]);
		expect(
			(
				await call('POST', 'addClientsToMarketingProgram', {
					clientids: `${clientId}`,
					programID: 1,
				})
			).json[0].success,
		).toBe('false');
	});

	it('getTransactionNames and getTransactionNotes', async () => {
		const names = await call('GET', 'getTransactionNames');
		expect(names.json[0]).toEqual({
			CLName: expect.any(String),
			CLDataID: expect.any(Number),
			deleted: expect.any(Number),
			Completed: expect.any(Number),
			CompletedDate: expect.any(String),
		});
		const notes = await call('GET', 'getTransactionNotes', {
			transactionID: names.json[0].CLDataID,
		});
		expect(notes.json.Notes[0]).toEqual({
			NoteMemo: expect.any(String),
			NoteDate: expect.any(String),
		});
	});

	it('attachFile records the file; executables refused', async () => {
		const res = await call('POST', 'attachFile', {
			ClientID: clientId,
			Description: 'Contract',
			url: 'https://example.com/contract.pdf',
		});
		expect(res.json).toEqual({ status: 'success', data: { message: 'File(s) uploaded' } });
		expect(sandbox.store.data.files.at(-1)).toMatchObject({
			ClientID: clientId,
			url: 'https://example.com/contract.pdf',
		});
		expect(
			(
				await call('POST', 'attachFile', {
					ClientID: clientId,
					url: 'https://example.com/setup.exe',
				})
			).json,
		).toEqual({ status: 'error', data: { message: 'File type not allowed' } });
	});

	it('ContentCategories, Content (list without Html, single with Html), content create/update', async () => {
		const cats = await call('GET', 'ContentCategories');
		expect(cats.json.data).toContainEqual({ Category: 'Buyer' });
		const list = await call('GET', 'Content', { Category: 'Buyer' });
		expect(list.json.data.length).toBeGreaterThan(0);
		expect(list.json.data.every((c: any) => c.Category === 'Buyer' && c.Html === undefined)).toBe(
			true,
		);
		const single = await call('GET', 'Content', { ContentId: list.json.data[0].Id });
		expect(single.json.data[0]).toMatchObject({
			Id: list.json.data[0].Id,
			Html: expect.stringContaining('<h1>'),
		});
		const created = await call('POST', 'content', {
			Name: 'Buyer 03',
			Category: 'Buyer',
			Subject: 'S',
			Html: '<p>x</p>',
		});
		expect(created.json).toEqual({ success: true, ContentId: expect.any(Number) });
		await call('POST', 'content', { ContentId: created.json.ContentId, Subject: 'Changed' });
		expect(sandbox.store.data.content.get(created.json.ContentId)!.Subject).toBe('Changed');
		expect((await call('POST', 'content', { Name: 'x'.repeat(101), Html: 'h' })).json.success).toBe(
			false,
		);
	});

	it('getCalendar (AZ time) and addPlannerEvent', async () => {
		const added = await call('POST', 'addPlannerEvent', {
			eventName: 'Early Morning Meeting',
			eventStartDate: '2030-05-14',
			eventStartTime: '10:00',
			eventAMPM: 'AM',
			eventEndDate: '2030-05-14',
			eventEndTime: '10:30',
			eventEndAMPM: 'AM',
		});
		expect(added.json).toEqual({ success: true, PlannerID: expect.any(Number) });
		const res = await call('GET', 'getCalendar', {
			startDate: '05/14/2030 00:00',
			endDate: '2030-05-14 23:59',
		});
		expect(res.json).toEqual([
			{
				PlannerID: added.json.PlannerID,
				Subject: 'Early Morning Meeting',
				Memo: null,
				StartDate: '5/14/2030 10:00:00 AM',
				EndDate: '5/14/2030 10:30:00 AM',
				AllDayEvent: false,
				Completed: false,
				EventColor: '',
				EventIcon: '',
				location: '',
				InsideTeamID: 0,
				Attendees: '',
			},
		]);
		// 10:00 AZ is 17:00 UTC.
		expect(sandbox.store.data.calendar.get(added.json.PlannerID)!.startMs).toBe(
			Date.UTC(2030, 4, 14, 17, 0),
		);
		expect(
			(await call('GET', 'getCalendar', { startDate: '05/14/2030 00:00' })).json.Error,
		).toBeDefined();
	});
});

describe('webhooks request type', () => {
	it('GET/POST/PUT/DELETE with WebhookID', async () => {
		const created = await call('POST', 'webhooks', {
			Status: 'Active',
			EventType: 'contactCreate',
			Url: 'http://127.0.0.1:9/hook',
		});
		expect(created.json).toEqual({ success: true, WebhookID: expect.any(Number) });
		const id = created.json.WebhookID;
		expect(
			(await call('PUT', 'webhooks', { WebhookID: id, Status: 'Disabled' })).json.success,
		).toBe(true);
		const list = await call('GET', 'webhooks');
		expect(list.json.Data).toContainEqual({
			WebhookID: String(id),
			EventType: 'contactCreate',
			Status: 'Disabled',
			Url: 'http://127.0.0.1:9/hook',
		});
		expect(
			(
				await call('POST', 'webhooks', {
					EventType: 'contactUpdateCategory',
					Url: 'http://127.0.0.1:9/hook',
				})
			).json.success,
		).toBe(false);
		expect((await call('DELETE', 'webhooks', { WebhookID: id })).json.success).toBe(true);
		expect(
			(await call('GET', 'webhooks')).json.Data.some((w: any) => w.WebhookID === String(id)),
		).toBe(false);
	});
});

describe('request conventions', () => {
	it('accepts requestType and fields in the form body, and fields in the query string of a POST', async () => {
		const res = await fetch(
			`${sandbox.baseUrl}/http/webconnect.asp?CFirst=Query&CLast=String&Source=Plugin`,
			{
				method: 'POST',
				headers: {
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: 'requestType=webcontact&CEmail=query.string@example.org',
			},
		);
		const body: any = await res.json();
		expect(body.data.NewContact).toBe(true);
		expect(sandbox.store.data.contacts.get(body.data.ClientID)).toMatchObject({
			CFirst: 'Query',
			Source: 'Plugin',
		});
	});

	it('stringWrappedJson quirk returns documented-in-quotes bodies as a JSON string containing JSON', async () => {
		sandbox.settings.stringWrappedJson = true;
		try {
			const res = await call('GET', 'getUser');
			expect(typeof res.json).toBe('string');
			expect(JSON.parse(res.json)[0].First).toBeDefined();
			// Bodies the docs print without quotes stay plain JSON.
			expect(
				Array.isArray((await call('GET', 'getContacts', { page: 1, page_size: 1 })).json),
			).toBe(true);
		} finally {
			sandbox.settings.stringWrappedJson = false;
		}
	});
});
