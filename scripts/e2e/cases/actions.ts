/**
 * (a) The action node's main operations, each run as a real n8n workflow (Webhook -> Wise Agent,
 * activated through the REST API and called over HTTP), checked against the sandbox's state.
 */
import {
	check,
	equal,
	runWiseAgentNode,
	type E2eCase,
	type E2eContext,
	type Json,
} from '../harness';

const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** Shared between the cases of this file (they run in order). */
const shared: { clientId?: number; email: string; taskId?: number; propertyId?: number } = {
	email: `e2e.lead.${Date.now()}@example.com`,
};

function one(items: Json[], what: string): Json {
	equal(items.length, 1, `${what}: number of output items`);
	return items[0];
}

async function run(ctx: E2eContext, label: string, parameters: Json): Promise<Json[]> {
	return await runWiseAgentNode(ctx, label, parameters);
}

export const actionCases: E2eCase[] = [
	{
		name: 'contact create: webcontact creates the contact in the sandbox',
		async run(ctx) {
			const out = one(
				await run(ctx, 'contact create', {
					resource: 'contact',
					operation: 'create',
					firstName: 'Erin',
					lastName: 'Endtoend',
					source: 'Website',
					additionalFields: {
						email: shared.email,
						mobilePhone: '602-555-0199',
						city: 'Mesa',
						categories: ['Buyer'],
					},
				}),
				'create',
			);
			const clientId = Number(out.ClientID);
			check(
				Number.isInteger(clientId) && clientId > 0,
				`create: no ClientID in ${JSON.stringify(out)}`,
			);
			const contact = (await ctx.sandbox.state()).contacts.find((c) => c.ClientID === clientId);
			check(contact, `contact ${clientId} is not in the sandbox`);
			equal(contact.CEmail, shared.email, 'sandbox CEmail');
			equal(contact.CFirst, 'Erin', 'sandbox CFirst');
			equal(contact.City, 'Mesa', 'sandbox City');
			shared.clientId = clientId;
		},
	},
	{
		name: 'contact upsert: same email updates (matchedBy email), a new email creates',
		async run(ctx) {
			const updated = one(
				await run(ctx, 'contact upsert (existing)', {
					resource: 'contact',
					operation: 'upsert',
					firstName: 'Erin',
					lastName: 'Endtoend',
					source: 'Website',
					email: shared.email,
					additionalFields: { company: 'E2E Realty' },
				}),
				'upsert existing',
			);
			equal(updated.action, 'updated', 'upsert existing: action');
			equal(updated.matchedBy, 'email', 'upsert existing: matchedBy');
			const contactOf = (out: Json) => out.contact as Json;
			equal(Number(contactOf(updated).id), shared.clientId, 'upsert existing: contact.id');
			equal(contactOf(updated).company, 'E2E Realty', 'upsert existing: contact.company (read back)');
			const state = await ctx.sandbox.state();
			equal(
				state.contacts.find((c) => c.ClientID === shared.clientId)?.Company,
				'E2E Realty',
				'sandbox Company after upsert',
			);
			const before = state.contacts.length;

			const newEmail = `e2e.new.${Date.now()}@example.com`;
			const created = one(
				await run(ctx, 'contact upsert (new)', {
					resource: 'contact',
					operation: 'upsert',
					firstName: 'Nia',
					lastName: 'New',
					source: 'Referral',
					email: newEmail,
					additionalFields: {},
				}),
				'upsert new',
			);
			equal(created.action, 'created', 'upsert new: action');
			const after = await ctx.sandbox.state();
			equal(after.contacts.length, before + 1, 'sandbox contact count after upsert (new)');
			check(
				after.contacts.some((c) => c.CEmail === newEmail && c.Source === 'Referral'),
				'the upserted contact is not in the sandbox',
			);
		},
	},
	{
		name: 'contact get + getAll (by email, limit, return all)',
		async run(ctx) {
			check(shared.clientId, 'needs the contact of "contact create"');
			const got = one(
				await run(ctx, 'contact get', {
					resource: 'contact',
					operation: 'get',
					contactId: rl(shared.clientId),
				}),
				'get',
			);
			// Simplify (the default): the compact contact.
			equal(Number(got.id), shared.clientId, 'get: id');
			equal(got.email, shared.email, 'get: email');
			check(
				Array.isArray(got.categories) && got.categories.includes('Buyer'),
				`get (simplified): categories ${JSON.stringify(got.categories)}`,
			);
			check(Object.keys(got).length <= 15, `get (simplified): ${Object.keys(got).length} fields`);
			const raw = one(
				await run(ctx, 'contact get (simplify off)', {
					resource: 'contact',
					operation: 'get',
					contactId: rl(shared.clientId),
					simplify: false,
				}),
				'get raw',
			);
			equal(raw.CEmail, shared.email, 'get (simplify off): CEmail');

			const byEmail = await run(ctx, 'contact getAll by email', {
				resource: 'contact',
				operation: 'getAll',
				searchBy: 'email',
				email: shared.email,
			});
			equal(byEmail.length, 1, 'getAll by email: items');
			equal(Number(byEmail[0].id), shared.clientId, 'getAll by email: id');

			const limited = await run(ctx, 'contact getAll limit', {
				resource: 'contact',
				operation: 'getAll',
				limit: 7,
			});
			equal(limited.length, 7, 'getAll limit 7: items');
			const all = await run(ctx, 'contact getAll all', {
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
			});
			equal(
				all.length,
				(await ctx.sandbox.state()).contacts.length,
				'getAll return all: items = sandbox contacts',
			);
		},
	},
	{
		name: 'note create + getAll',
		async run(ctx) {
			check(shared.clientId, 'needs the contact of "contact create"');
			const text = `E2E note ${Date.now()}`;
			const created = one(
				await run(ctx, 'note create', {
					resource: 'note',
					operation: 'create',
					contactId: rl(shared.clientId),
					subject: 'E2E',
					note: text,
				}),
				'note create',
			);
			const noteId = Number(created.NoteID);
			check(noteId > 0, `note create: no NoteID in ${JSON.stringify(created)}`);
			const note = (await ctx.sandbox.state()).notes.find((n) => n.NoteID === noteId);
			check(note, `note ${noteId} is not in the sandbox`);
			equal(note.Note, text, 'sandbox note text');
			equal(note.ownerId, shared.clientId, 'sandbox note owner');

			const notes = await run(ctx, 'note getAll', {
				resource: 'note',
				operation: 'getAll',
				contactId: rl(shared.clientId),
				returnAll: true,
			});
			check(
				// Simplify (the default): the compact note.
				notes.some((n) => Number(n.id) === noteId && n.subject === 'E2E'),
				`note getAll: note ${noteId} missing from ${JSON.stringify(notes).slice(0, 300)}`,
			);
		},
	},
	{
		name: 'task create + complete',
		async run(ctx) {
			check(shared.clientId, 'needs the contact of "contact create"');
			const created = one(
				await run(ctx, 'task create', {
					resource: 'task',
					operation: 'create',
					description: 'E2E call back',
					contactId: rl(shared.clientId),
					additionalFields: { priority: 3, dueDate: '2030-01-15T09:00:00' },
				}),
				'task create',
			);
			const taskId = Number(created.TaskID);
			check(taskId > 0, `task create: no TaskID in ${JSON.stringify(created)}`);
			let task = (await ctx.sandbox.state()).tasks.find((t) => t.TaskID === taskId);
			check(task, `task ${taskId} is not in the sandbox`);
			equal(task.Description, 'E2E call back', 'sandbox task description');
			equal(String(task.ContactID), String(shared.clientId), 'sandbox task contact');
			equal(task.Priority, 3, 'sandbox task priority');
			equal(task.completed, false, 'sandbox task completed (before)');

			const done = one(
				await run(ctx, 'task complete', {
					resource: 'task',
					operation: 'complete',
					taskId: rl(taskId),
				}),
				'task complete',
			);
			equal(done.Completed, true, 'task complete: output Completed');
			task = (await ctx.sandbox.state()).tasks.find((t) => t.TaskID === taskId);
			equal(task?.completed, true, 'sandbox task completed (after)');
			shared.taskId = taskId;
		},
	},
	{
		name: 'call create',
		async run(ctx) {
			check(shared.clientId, 'needs the contact of "contact create"');
			const created = one(
				await run(ctx, 'call create', {
					resource: 'call',
					operation: 'create',
					contactId: rl(shared.clientId),
					nextContactDate: '2030-02-01T10:30:00',
					additionalFields: { reason: 'E2E follow up', callType: 'Phone' },
				}),
				'call create',
			);
			const callId = Number(created.id ?? created.CallId);
			check(callId > 0, `call create: no id in ${JSON.stringify(created)}`);
			const call = (await ctx.sandbox.state()).calls.find((c) => c.CallId === callId);
			check(call, `call ${callId} is not in the sandbox`);
			equal(String(call.ClientId), String(shared.clientId), 'sandbox call client');
			equal(call.Reason, 'E2E follow up', 'sandbox call reason');
		},
	},
	{
		name: 'property create + get (by id and by address)',
		async run(ctx) {
			const street = `E2E Test Rd ${Date.now() % 100000}`;
			const created = one(
				await run(ctx, 'property create', {
					resource: 'property',
					operation: 'create',
					addressNum: '4242',
					address: street,
					additionalFields: { city: 'Tempe', state: 'AZ', zip: '85281', numBedrooms: 4 },
				}),
				'property create',
			);
			const propertyId = Number(
				(created.data as Json | undefined)?.propertyId ?? created.propertyId ?? created.PropertyID,
			);
			check(propertyId > 0, `property create: no property id in ${JSON.stringify(created)}`);
			const property = (await ctx.sandbox.state()).properties.find(
				(p) => p.PropertyID === propertyId,
			);
			check(property, `property ${propertyId} is not in the sandbox`);
			equal(property.fields.Address, street, 'sandbox property street');
			equal(property.fields.City, 'Tempe', 'sandbox property city');

			const byId = one(
				await run(ctx, 'property get', {
					resource: 'property',
					operation: 'get',
					findBy: 'id',
					propertyId: rl(propertyId),
				}),
				'property get',
			);
			check(
				JSON.stringify(byId).includes(String(propertyId)),
				`property get: id ${propertyId} not in ${JSON.stringify(byId).slice(0, 300)}`,
			);
			check(
				JSON.stringify(byId).includes(street),
				`property get: "${street}" not in ${JSON.stringify(byId).slice(0, 300)}`,
			);
			const byAddress = one(
				await run(ctx, 'property get by address', {
					resource: 'property',
					operation: 'get',
					findBy: 'address',
					addressFields: { streetNum: '4242', street, postalCode: '85281' },
				}),
				'property get by address',
			);
			check(
				JSON.stringify(byAddress).includes(String(propertyId)),
				`property get by address: id ${propertyId} not in ${JSON.stringify(byAddress).slice(0, 300)}`,
			);
			shared.propertyId = propertyId;
		},
	},
	{
		name: 'category addContacts',
		async run(ctx) {
			check(shared.clientId, 'needs the contact of "contact create"');
			const out = await run(ctx, 'category addContacts', {
				resource: 'category',
				operation: 'addContacts',
				category: 'Investor E2E',
				contactId: rl(shared.clientId),
				additionalContactIds: '1000, 1001',
			});
			check(out.length >= 1 && out[0].success !== false, `addContacts: ${JSON.stringify(out)}`);
			const state = await ctx.sandbox.state();
			const category = state.categories.find((c) => c.name === 'Investor E2E');
			check(category, 'the category "Investor E2E" is not in the sandbox');
			for (const id of [shared.clientId, 1000, 1001]) {
				const contact = state.contacts.find((c) => c.ClientID === id);
				const names = (contact?.categories ?? []).map((entry) =>
					typeof entry === 'number' ? state.categories.find((c) => c.id === entry)?.name : entry,
				);
				check(
					names.includes('Investor E2E'),
					`contact ${id} is not in "Investor E2E" (${JSON.stringify(contact?.categories)})`,
				);
			}
		},
	},
	{
		name: 'reads: vendor, team, source, account, content, calendar, webhook, marketing program, transaction',
		async run(ctx) {
			const state = await ctx.sandbox.state();
			const count = (key: string) => (state[key] as unknown[]).length;
			const all = async (resource: string, operation: string, extra: Json = {}) =>
				await run(ctx, `${resource} ${operation}`, {
					resource,
					operation,
					returnAll: true,
					...extra,
				});

			equal((await all('vendor', 'getAll')).length, count('vendors'), 'vendor getAll: items');
			equal((await all('team', 'getInside')).length, count('team'), 'team getInside: items');
			const sources = await all('source', 'getAll');
			equal(sources.length, count('sources'), 'source getAll: items');
			check(
				sources.some((s) => s.Name === 'Zillow'),
				'source getAll: no Zillow',
			);
			const user = one(
				await run(ctx, 'account getCurrentUser', {
					resource: 'account',
					operation: 'getCurrentUser',
				}),
				'account',
			);
			equal(user.Email, (state.user as Json).Email, 'account getCurrentUser: Email');
			equal((await all('content', 'getAll')).length, count('content'), 'content getAll: items');
			const events = await all('calendar', 'getEvents', {
				startDate: '2024-05-01T00:00:00',
				endDate: '2024-07-31T23:59:00',
			});
			check(
				events.length > 0,
				'calendar getEvents: no event in May-July 2024 (the seed has 30 from 5/13/2024)',
			);
			equal(
				(await all('webhook', 'getAll')).length,
				(await ctx.sandbox.state()).webhooks.length,
				'webhook getAll: items',
			);
			const programs = await all('marketingProgram', 'getAll');
			equal(programs.length, count('programs'), 'marketingProgram getAll: items');
			const transactions = await all('transaction', 'getAll', {
				options: { includeCompleted: true, includeDeleted: true },
			});
			equal(
				transactions.length,
				count('transactions'),
				'transaction getAll (completed + deleted): items',
			);
		},
	},
];
