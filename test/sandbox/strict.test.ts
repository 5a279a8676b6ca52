/**
 * Strict mode: only the parameter names (case-sensitive) and value spellings the docs print are
 * accepted; anything else is refused with HTTP 200 in the request type's documented error style,
 * naming the parameter, and the request has no effect. requestType values are exact in every mode.
 */
import { type Sandbox, STRICT_SPECS } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { ALL_ROUTES } from '../../sandbox/handlers/index';
import { api, withSandbox } from './helpers';

let sandbox: Sandbox;
let token: string;
let clientId: number;
let vendorId: number;

beforeAll(async () => {
	({ sandbox, token } = await withSandbox({ strict: true }));
	clientId = [...sandbox.store.data.contacts.keys()][0];
	vendorId = [...sandbox.store.data.vendors.keys()][0];
});
afterAll(() => sandbox.stop());
afterEach(() => {
	sandbox.settings.strict = true;
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (method: Method, requestType: string, params: Record<string, string | number> = {}) =>
	api(sandbox, token, method, requestType, params);

const contact = () => sandbox.store.data.contacts.get(clientId)!;

describe('strict mode: every request type has a documented parameter list', () => {
	it('covers every route', () => {
		const keys = ALL_ROUTES.map((r) => `${r.method} ${r.requestType}`);
		expect(keys.filter((k) => !STRICT_SPECS[k])).toEqual([]);
		expect(Object.keys(STRICT_SPECS).filter((k) => !keys.includes(k))).toEqual([]);
	});

	it('is off by default, on with the option, the CLI flag or the control API', async () => {
		const { sandbox: loose, token: looseToken } = await withSandbox({ contacts: 3 });
		try {
			expect(loose.settings.strict).toBe(false);
			const id = [...loose.store.data.contacts.keys()][0];
			const lenient = await api(loose, looseToken, 'GET', 'getSingleContact', { ClientId: id });
			expect(lenient.json[0].ClientID).toBe(id);
			const set = await fetch(`${loose.baseUrl}/__sandbox/settings`, {
				method: 'POST',
				body: JSON.stringify({ strict: true }),
			});
			expect(((await set.json()) as { strict: boolean }).strict).toBe(true);
			const strict = await api(loose, looseToken, 'GET', 'getSingleContact', { ClientId: id });
			expect(strict.json).toEqual({
				Error: 'unknown parameter ClientId (the docs spell it clientID)',
			});
			const bad = await fetch(`${loose.baseUrl}/__sandbox/settings`, {
				method: 'POST',
				body: JSON.stringify({ strict: 'yes' }),
			});
			expect(bad.status).toBe(400);
			expect(loose.settings.strict).toBe(true);
		} finally {
			await loose.stop();
		}
		expect(parseArgs(['--strict']).strict).toBe(true);
		expect(parseArgs([]).strict).toBeUndefined();
	});
});

describe('strict mode: request-type names', () => {
	it.each([
		['GET', 'getcalendar'],
		['GET', 'GetContacts'],
		['GET', 'getsinglecontact'],
		['POST', 'Tasks'],
		['GET', 'Webhooks'],
		['GET', 'content'], // the GET is `Content`; `content` is the POST
		['POST', 'Content'],
		['POST', 'WebContact'],
	] as Array<[Method, string]>)('%s %s is an unknown request type', async (method, requestType) => {
		const res = await call(method, requestType);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ Error: `Invalid requestType '${requestType}' for ${method}` });
	});

	it('the documented names answer', async () => {
		const start = await call('GET', 'getCalendar', {
			startDate: '2024-05-13 00:00',
			endDate: '2024-05-20 00:00',
		});
		expect(Array.isArray(start.json)).toBe(true);
		expect(Array.isArray((await call('GET', 'Content')).json.data)).toBe(true);
		expect((await call('GET', 'getContactsCount')).json.count).toBeGreaterThan(0);
	});

	it('`requestType` itself is the only spelling of the request-type parameter', async () => {
		const url = `${sandbox.baseUrl}/http/webconnect.asp?RequestType=getUser`;
		const headers = { Authorization: `Bearer ${token}` };
		expect(await (await fetch(url, { headers })).json()).toEqual({ Error: 'Missing requestType' });
		const both = `${sandbox.baseUrl}/http/webconnect.asp?requestType=getUser&RequestType=getUser`;
		expect(await (await fetch(both, { headers })).json()).toEqual({
			Error: 'unknown parameter RequestType',
		});
	});
});

describe('strict mode: parameter-name casing and unknown parameters', () => {
	it('getSingleContact takes `clientID` only', async () => {
		expect((await call('GET', 'getSingleContact', { clientID: clientId })).json[0].ClientID).toBe(
			clientId,
		);
		for (const name of ['ClientId', 'ClientID', 'clientid']) {
			expect((await call('GET', 'getSingleContact', { [name]: clientId })).json).toEqual({
				Error: `unknown parameter ${name} (the docs spell it clientID)`,
			});
		}
		expect(
			(await call('GET', 'getSingleContact', { clientID: clientId, foo: 'bar' })).json,
		).toEqual({ Error: 'unknown parameter foo' });
	});

	it('getClientAddresses / getContactNotes take `ClientID` (as printed there)', async () => {
		expect(
			Array.isArray((await call('GET', 'getClientAddresses', { ClientID: clientId })).json),
		).toBe(true);
		expect((await call('GET', 'getClientAddresses', { clientID: clientId })).json).toEqual({
			Error: 'unknown parameter clientID (the docs spell it ClientID)',
		});
		expect((await call('GET', 'getContactNotes', { clientId })).json).toEqual({
			Error: 'unknown parameter clientId (the docs spell it ClientID)',
		});
	});

	it('updateContact answers the documented "Invalid Field" error and changes nothing', async () => {
		const before = structuredClone(contact());
		const wrongCase = await call('POST', 'updateContact', { clientID: clientId, CLast: 'Changed' });
		expect(wrongCase.json).toEqual({ Error: `Invalid Field CLast - ${clientId} not updated` });
		const notAField = await call('POST', 'updateContact', { clientID: clientId, Source: 'Zillow' });
		expect(notAField.json).toEqual({ Error: `Invalid Field Source - ${clientId} not updated` });
		const idCase = await call('POST', 'updateContact', { ClientID: clientId, City: 'Mesa' });
		expect(idCase.json).toEqual({ Error: `Invalid Field ClientID - ${clientId} not updated` });
		expect(contact()).toEqual(before);

		const ok = await call('POST', 'updateContact', { clientID: clientId, Clast: 'Changed' });
		expect(ok.json).toEqual({ Success: `${clientId} updated` });
		expect(contact().CLast).toBe('Changed');
	});

	it('updateContact accepts both printed spellings InsideTeamId / InsideTeamID (sandbox choice)', async () => {
		const team = sandbox.store.data.team[1].InsideTeamId;
		for (const name of ['InsideTeamId', 'InsideTeamID']) {
			const res = await call('POST', 'updateContact', {
				clientID: clientId,
				[name]: team,
				Reassignment: 'true',
			});
			expect(res.json).toEqual({ Success: `${clientId} updated` });
		}
		expect(contact().insideTeamIds).toEqual([team]);
		expect(
			(await call('POST', 'updateContact', { clientID: clientId, insideteamid: team })).json,
		).toEqual({ Error: `Invalid Field insideteamid - ${clientId} not updated` });
	});

	it('webcontact: HomePhome as printed (HomePhone too), example spellings city/state, CommaDelimitedFormFields extras', async () => {
		const count = sandbox.store.data.contacts.size;
		const unlisted = await call('POST', 'webcontact', {
			CFirst: 'Strict',
			CLast: 'Lead',
			Source: 'API',
			bedrooms: '3',
		});
		expect(unlisted.json.data.Message).toBe('unknown parameter bedrooms');
		expect(sandbox.store.data.contacts.size).toBe(count);

		const created = await call('POST', 'webcontact', {
			CFirst: 'Strict',
			CLast: 'Lead',
			Source: 'API',
			CEmail: 'strict.lead@example.org',
			HomePhome: '4805550100',
			city: 'Scottsdale',
			state: 'AZ',
			zip: '85259',
			CommaDelimitedFormFields: 'bedrooms,bathrooms',
			bedrooms: '3',
			bathrooms: '2',
			calltype: '1',
		});
		expect(created.json).toMatchObject({ success: 'true', data: { NewContact: true } });
		const lead = sandbox.store.data.contacts.get(created.json.data.ClientID)!;
		expect(lead).toMatchObject({ HomePhone: '4805550100', City: 'Scottsdale', State: 'AZ' });
		expect(lead.extraDetails).toEqual({ bedrooms: '3', bathrooms: '2' });
	});

	it('addClientAddress: one documented variant per request, never a mix', async () => {
		const mixed = await call('POST', 'addClientAddress', {
			ClientID: clientId,
			AddressNum: '1',
			address: 'Main St',
		});
		expect(mixed.json).toEqual({
			success: false,
			message: 'unknown parameter address (the docs spell it Address)',
		});
		const lower = await call('POST', 'addClientAddress', {
			clientid: clientId,
			addressNum: '1',
			address: 'Main St',
			city: 'Mesa',
			state: 'AZ',
		});
		expect(lower.json).toEqual({ success: true, clientAddressID: expect.any(Number) });
		const upper = await call('POST', 'addClientAddress', {
			ClientID: clientId,
			AddressNum: '2',
			Address: 'Main St',
			Zip: '85201',
		});
		expect(upper.json).toEqual({ success: true, ClientAddressID: expect.any(Number) });
	});

	it('calls: `clientId`/`callId` for GET, `ClientId`/`CallId` for POST/PUT, as printed', async () => {
		const created = await call('POST', 'calls', { ClientId: clientId, Reason: 'Strict' });
		expect(created.json).toEqual({ success: true, id: expect.any(Number) });
		const id = created.json.id;
		expect((await call('GET', 'calls', { callId: id })).json.Data[0].CallId).toBe(String(id));
		expect((await call('GET', 'calls', { CallId: id })).json).toEqual({
			success: false,
			message: 'unknown parameter CallId (the docs spell it callId)',
		});
		expect((await call('POST', 'calls', { clientId, Reason: 'x' })).json).toEqual({
			success: false,
			message: 'unknown parameter clientId (the docs spell it ClientId)',
		});
		// DateCompleted is printed for PUT only.
		expect(
			(await call('POST', 'calls', { ClientId: clientId, DateCompleted: '2024-01-01 10:00' })).json
				.message,
		).toBe('unknown parameter DateCompleted');
	});

	it('addPropertyPhoto takes `propertyId` (lower-case d), the other property calls `propertyID`', async () => {
		const propertyId = [...sandbox.store.data.properties.keys()][0];
		expect(
			(
				await call('POST', 'addPropertyPhoto', {
					propertyID: propertyId,
					imageURLS_CSV: 'https://i/1',
				})
			).json,
		).toEqual({
			status: 'error',
			data: { message: 'unknown parameter propertyID (the docs spell it propertyId)' },
		});
		expect(
			(await call('POST', 'addPropertyPhoto', { propertyId, imageURLS_CSV: 'https://i/1' })).json,
		).toEqual({ status: 'success', data: { message: 'Property Photos added.' } });
		expect((await call('DELETE', 'deleteProperty', { PropertyID: propertyId })).json).toEqual({
			error: 'unknown parameter PropertyID (the docs spell it propertyID)',
		});
		expect(sandbox.store.data.properties.has(propertyId)).toBe(true);
	});

	it('notes take `noteID`; addPropertySearchCriteria has no propInfoCity in the docs', async () => {
		const noteId = [...sandbox.store.data.notes.values()].find(
			(n) => !n.locked && !n.vendor,
		)!.NoteID;
		expect((await call('PUT', 'updateContactNote', { NoteID: noteId, note: 'x' })).json).toEqual([
			{ success: 'false', message: 'unknown parameter NoteID (the docs spell it noteID)' },
		]);
		expect(sandbox.store.data.notes.get(noteId)!.Note).not.toBe('x');
		expect(
			(
				await call('POST', 'addPropertySearchCriteria', {
					clientid: clientId,
					propInfo: 1,
					propInfoCity: 'Mesa',
				})
			).json,
		).toEqual({ error: 'unknown parameter propInfoCity' });
	});

	it('DELETE webhooks takes one of WebhookID, TaskID, CallId', async () => {
		const [taskId] = sandbox.store.data.tasks.keys();
		const [callId] = sandbox.store.data.calls.keys();
		expect((await call('DELETE', 'webhooks', { TaskID: taskId, CallId: callId })).json).toEqual({
			success: false,
			message: 'unknown parameter CallId (not documented together with TaskID)',
		});
		expect(sandbox.store.data.tasks.has(taskId)).toBe(true);
		expect(sandbox.store.data.calls.has(callId)).toBe(true);
	});
});

describe('strict mode: value spellings', () => {
	it('tasks: Completed is "yes or no"', async () => {
		const count = sandbox.store.data.tasks.size;
		for (const value of ['true', 'false', '1', 'Yes', 'YES', 'on']) {
			expect(
				(await call('POST', 'tasks', { Description: 'Strict', Completed: value })).json,
			).toEqual({
				success: false,
				message: `invalid value '${value}' for Completed (documented: yes, no)`,
			});
		}
		expect(sandbox.store.data.tasks.size).toBe(count);
		const created = await call('POST', 'tasks', { Description: 'Strict', Completed: 'no' });
		expect(created.json).toEqual({ success: true, TaskID: expect.any(Number) });
		const id = created.json.TaskID;
		expect((await call('PUT', 'tasks', { TaskID: id, Completed: 'true' })).json.message).toBe(
			"invalid value 'true' for Completed (documented: yes, no)",
		);
		expect(sandbox.store.data.tasks.get(id)!.completed).toBe(false);
		expect((await call('PUT', 'tasks', { TaskID: id, Completed: 'yes' })).json).toEqual({
			success: true,
			TaskID: id,
		});
		expect(sandbox.store.data.tasks.get(id)!.completed).toBe(true);
		expect((await call('PUT', 'tasks', { TaskID: id, completed: 'no' })).json.message).toBe(
			'unknown parameter completed (the docs spell it Completed)',
		);
		expect((await call('PUT', 'tasks', { TaskID: id, Priority: 'High' })).json.message).toBe(
			"invalid value 'High' for Priority (documented: 0, 1, 2, 3)",
		);
	});

	it('calls: Completed / FlagImportant are booleans (true/false), orderByNextContactDate true', async () => {
		const created = await call('POST', 'calls', { ClientId: clientId, Completed: 'yes' });
		expect(created.json).toEqual({
			success: false,
			message: "invalid value 'yes' for Completed (documented: true, false)",
		});
		const ok = await call('POST', 'calls', {
			ClientId: clientId,
			Completed: 'false',
			FlagImportant: 'true',
		});
		expect(ok.json.success).toBe(true);
		expect(
			(await call('PUT', 'calls', { CallId: ok.json.id, FlagImportant: '1' })).json.message,
		).toBe("invalid value '1' for FlagImportant (documented: true, false)");
		expect(sandbox.store.data.calls.get(ok.json.id)!.flagImportant).toBe(true);
		expect(
			(await call('GET', 'calls', { clientId, orderByNextContactDate: 'yes' })).json.message,
		).toBe("invalid value 'yes' for orderByNextContactDate (documented: true, false)");
		expect(
			(await call('GET', 'calls', { clientId, orderByNextContactDate: 'true' })).json.Data.length,
		).toBeGreaterThan(0);
	});

	it('updateContact: Reassignment is a boolean', async () => {
		const team = sandbox.store.data.team[0].InsideTeamId;
		const res = await call('POST', 'updateContact', {
			clientID: clientId,
			InsideTeamId: team,
			Reassignment: 'yes',
		});
		expect(res.json).toEqual({ Error: `Invalid Field Reassignment - ${clientId} not updated` });
		expect(contact().insideTeamIds).not.toEqual([team]);
	});

	it('getProperties showArchived, getContacts categoryAll, notes vendor are true/false', async () => {
		for (const value of ['1', 'True', 'yes']) {
			expect((await call('GET', 'getProperties', { showArchived: value })).json).toEqual({
				status: 'error',
				data: { message: `invalid value '${value}' for showArchived (documented: true, false)` },
			});
		}
		expect(Array.isArray((await call('GET', 'getProperties', { showArchived: 'true' })).json)).toBe(
			true,
		);
		expect(
			(await call('GET', 'getContacts', { categories: 'Buyer', categoryAll: 'yes' })).json,
		).toEqual({ Error: "invalid value 'yes' for categoryAll (documented: true, false)" });
		expect(
			Array.isArray(
				(await call('GET', 'getContacts', { categories: 'Buyer', categoryAll: 'true' })).json,
			),
		).toBe(true);
		const vendorNote = await call('POST', 'addContactNote', {
			clientids: `V${vendorId}`,
			note: 'v',
		});
		const noteId = vendorNote.json[0].data[0].NoteID;
		expect(
			(await call('PUT', 'updateContactNote', { noteID: noteId, note: 'w', vendor: 'yes' })).json,
		).toEqual([
			{ success: 'false', message: "invalid value 'yes' for vendor (documented: true, false)" },
		]);
		expect(
			(await call('PUT', 'updateContactNote', { noteID: noteId, note: 'w', vendor: 'true' })).json,
		).toEqual([{ success: 'true' }]);
		expect(
			(await call('DELETE', 'removeContactNote', { noteID: noteId, vendor: '1' })).json[0].message,
		).toBe("invalid value '1' for vendor (documented: true, false)");
		expect(sandbox.store.data.notes.has(noteId)).toBe(true);
	});

	it('addProperty Archive, addPlannerEvent AM/PM, webhooks Status, webcontact calltype', async () => {
		const properties = sandbox.store.data.properties.size;
		expect(
			(await call('POST', 'addProperty', { AddressNum: '1', Address: 'A St', Archive: 'yes' }))
				.json,
		).toEqual({
			status: 'error',
			data: { message: "invalid value 'yes' for Archive (documented: true, false)" },
		});
		expect(sandbox.store.data.properties.size).toBe(properties);
		const event = {
			eventName: 'Showing',
			eventStartDate: '2024-06-01',
			eventStartTime: '10:00',
		};
		expect(
			(await call('POST', 'addPlannerEvent', { ...event, eventAMPM: 'pm' })).json.message,
		).toBe("invalid value 'pm' for eventAMPM (documented: AM, PM)");
		expect(
			(await call('POST', 'addPlannerEvent', { ...event, eventAMPM: 'PM' })).json.success,
		).toBe(true);
		expect(
			(
				await call('POST', 'webhooks', {
					EventType: 'contactCreate',
					Status: 'active',
					Url: 'https://example.org/hook',
				})
			).json.message,
		).toBe("invalid value 'active' for Status (documented: Active, Disabled)");
		expect(
			(await call('POST', 'webcontact', { CFirst: 'a', CLast: 'b', Source: 'c', calltype: '3' }))
				.json.data.Message,
		).toBe("invalid value '3' for calltype (documented: 1, 2)");
	});
});
