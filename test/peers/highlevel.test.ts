import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { createVerify } from 'crypto';

import { start, type HighLevelFake } from '../../peers/highlevel';

describe('HighLevel fake (API v2 contacts, notes, webhooks)', () => {
	let fake: HighLevelFake;
	let receiver: Server;
	let received: Array<{ body: string; signature: string }>;
	beforeEach(async () => {
		received = [];
		receiver = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				received.push({
					body: Buffer.concat(chunks).toString('utf8'),
					signature: String(request.headers['x-wh-signature']),
				});
				response.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
		fake = await start({
			port: 0,
			host: '127.0.0.1',
			seed: 5,
			webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
		});
	});
	afterEach(async () => {
		await fake.stop();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});

	const call = async (
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) => {
		const response = await fetch(`${fake.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${fake.token}`,
				version: '2021-07-28',
				'content-type': 'application/json',
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as any };
	};
	const events = () => received.map((entry) => JSON.parse(entry.body) as Record<string, any>);

	it('pages contacts with POST /contacts/search (page, pageLimit, total)', async () => {
		fake.seedContacts(7);
		const first = await call('POST', '/contacts/search', {
			locationId: fake.locationId,
			page: 1,
			pageLimit: 5,
		});
		expect(first.status).toBe(200);
		expect(first.body.total).toBe(7);
		expect(first.body.contacts).toHaveLength(5);
		const second = await call('POST', '/contacts/search', {
			locationId: fake.locationId,
			page: 2,
			pageLimit: 5,
		});
		expect(second.body.contacts).toHaveLength(2);
		const ids = [...first.body.contacts, ...second.body.contacts].map((c: any) => c.id);
		expect(new Set(ids).size).toBe(7);
		const byEmail = await call('POST', '/contacts/search', {
			locationId: fake.locationId,
			pageLimit: 10,
			filters: [
				{ field: 'email', operator: 'eq', value: first.body.contacts[0].email.toUpperCase() },
			],
		});
		expect(byEmail.body.contacts.map((c: any) => c.id)).toEqual([first.body.contacts[0].id]);
		expect(
			(await call('POST', '/contacts/search', { locationId: fake.locationId, pageLimit: 501 }))
				.status,
		).toBe(422);
		// seeded contacts fire no webhooks
		await fake.settle();
		expect(received).toHaveLength(0);
	});

	it('upserts by email then phone, fires ContactCreate/ContactUpdate only on a change', async () => {
		const created = await call('POST', '/contacts/upsert', {
			locationId: fake.locationId,
			firstName: 'Rosan',
			lastName: 'Deo',
			email: 'Rosan@Deos.com',
			phone: '(888) 888-8888',
			tags: ['a'],
		});
		expect(created.status).toBe(200);
		expect(created.body).toEqual({
			new: true,
			contact: expect.objectContaining({
				email: 'Rosan@Deos.com',
				phone: '+18888888888',
				name: 'Rosan Deo',
			}),
			traceId: expect.any(String),
		});
		const id = created.body.contact.id;
		const same = await call('POST', '/contacts/upsert', {
			locationId: fake.locationId,
			email: 'Rosan@Deos.com',
			firstName: 'Rosan',
		});
		expect(same.body.new).toBe(false);
		expect(same.body.contact.id).toBe(id);
		const byPhone = await call('POST', '/contacts/upsert', {
			locationId: fake.locationId,
			phone: '+1 888-888-8888',
			companyName: 'DGS',
		});
		expect(byPhone.body.contact).toEqual(
			expect.objectContaining({ id, companyName: 'DGS', tags: ['a'], lastName: 'Deo' }),
		);
		await fake.settle();
		expect(events().map((event) => event.type)).toEqual(['ContactCreate', 'ContactUpdate']);
		expect(events()[1]).toEqual(
			expect.objectContaining({
				id,
				locationId: fake.locationId,
				companyName: 'DGS',
				webhookId: expect.any(String),
				timestamp: expect.any(String),
			}),
		);
		// the signature verifies with the fake's public key
		const verifier = createVerify('RSA-SHA256');
		verifier.update(received[1].body);
		expect(verifier.verify(fake.state().publicKey, received[1].signature, 'base64')).toBe(true);
		expect(fake.state().requests.filter((r) => r.contactId === id)).toHaveLength(2);
	});

	it('finds duplicates, reads a contact, lists and creates notes (NoteCreate fires)', async () => {
		const contact = await fake.createContact({ firstName: 'Ann', email: 'ann@example.com' });
		const dup = await call(
			'GET',
			`/contacts/search/duplicate?locationId=${fake.locationId}&email=${encodeURIComponent('ANN@example.com')}`,
		);
		expect(dup.body.contact.id).toBe(contact.id);
		const none = await call(
			'GET',
			`/contacts/search/duplicate?locationId=${fake.locationId}&email=nobody%40example.com`,
		);
		expect(none.body).toEqual({ contact: null });
		expect((await call('GET', `/contacts/${contact.id}`)).body.contact.email).toBe(
			'ann@example.com',
		);
		expect((await call('GET', '/contacts/nope')).status).toBe(400);
		const note = await call('POST', `/contacts/${contact.id}/notes`, { body: 'called back' });
		expect(note.status).toBe(201);
		expect(note.body.note).toEqual(
			expect.objectContaining({ body: 'called back', contactId: contact.id }),
		);
		await fake.addNote(contact.id, 'typed in the app');
		const list = await call('GET', `/contacts/${contact.id}/notes`);
		expect(list.body.notes.map((n: any) => n.body)).toEqual(['called back', 'typed in the app']);
		expect((await call('POST', `/contacts/${contact.id}/notes`, {})).status).toBe(422);
		await fake.settle();
		expect(events().map((event) => event.type)).toEqual([
			'ContactCreate',
			'NoteCreate',
			'NoteCreate',
		]);
		expect(events()[1]).toEqual(
			expect.objectContaining({
				body: 'called back',
				contactId: contact.id,
				id: note.body.note.id,
			}),
		);
	});

	it('lists a contact’s tasks with GET /contacts/:contactId/tasks (only that contact’s, edits shown)', async () => {
		const [ann, bob] = fake.seedContacts(2);
		const first = fake.addTask(ann.id, {
			title: 'Send the CMA',
			body: 'three comps',
			dueDate: '2025-03-04T17:00:00.000Z',
		});
		fake.addTask(ann.id, { title: 'Call back' });
		fake.addTask(bob.id, { title: 'Not Ann’s' });
		fake.updateTask(first.id, { completed: true });
		const list = await call('GET', `/contacts/${ann.id}/tasks`);
		expect(list.status).toBe(200);
		expect(list.body.tasks).toEqual([
			{
				id: first.id,
				title: 'Send the CMA',
				body: 'three comps',
				assignedTo: expect.any(String),
				dueDate: '2025-03-04T17:00:00.000Z',
				completed: true,
				contactId: ann.id,
			},
			expect.objectContaining({ title: 'Call back', completed: false, contactId: ann.id }),
		]);
		expect((await call('GET', `/contacts/${bob.id}/tasks`)).body.tasks).toHaveLength(1);
		expect((await call('GET', '/contacts/nope/tasks')).status).toBe(400);
		expect(fake.state().tasks).toHaveLength(3);
		// task edits fire no webhook (the templates read tasks, they do not listen for them)
		await fake.settle();
		expect(received).toHaveLength(0);
	});

	it('an edit in the app fires ContactUpdate; an edit that changes nothing fires none', async () => {
		const [seeded] = fake.seedContacts(1);
		await fake.updateContact(seeded.id, { firstName: seeded.firstName });
		await fake.updateContact(seeded.id, { companyName: 'New Co' });
		await fake.settle();
		expect(events()).toEqual([
			expect.objectContaining({ type: 'ContactUpdate', id: seeded.id, companyName: 'New Co' }),
		]);
	});

	it.each([
		['no token', { authorization: '' }, 401],
		['a wrong token', { authorization: 'Bearer wrong' }, 401],
		['no Version header', { version: '' }, 400],
	])('rejects %s with the documented error shape', async (_label, headers, status) => {
		const answer = await call(
			'POST',
			'/contacts/search',
			{ locationId: fake.locationId, pageLimit: 5 },
			headers,
		);
		expect(answer.status).toBe(status);
		expect(answer.body.statusCode).toBe(status);
		expect(typeof answer.body.message).toBe('string');
		if (status === 401) expect(answer.body.error).toBe('Unauthorized');
	});

	it('rejects bad bodies: 422 with a message list, another location 403, unknown route 404', async () => {
		const missing = await call('POST', '/contacts/upsert', { email: 'x@example.com' });
		expect(missing.status).toBe(422);
		expect(missing.body).toEqual({
			statusCode: 422,
			message: [expect.any(String)],
			error: 'Unprocessable Entity',
		});
		expect(
			(await call('POST', '/contacts/upsert', { locationId: 'other', email: 'x@example.com' }))
				.status,
		).toBe(403);
		expect(
			(
				await call('POST', '/contacts/upsert', {
					locationId: fake.locationId,
					email: 'not-an-email',
				})
			).status,
		).toBe(422);
		expect(
			(
				await call('POST', '/contacts/upsert', {
					locationId: fake.locationId,
					firstName: 'No Keys',
				})
			).status,
		).toBe(400);
		expect((await call('DELETE', '/contacts/x')).status).toBe(404);
	});
});
