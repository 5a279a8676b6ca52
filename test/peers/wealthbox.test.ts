/**
 * The Wealthbox fake (peers/wealthbox) against Wealthbox's API documentation (seed 004):
 * ACCESS_TOKEN or Bearer auth, the unsuccessful-response body on 401, page/per_page paging to the
 * end, collections keyed by the plural resource name, contacts / notes / tasks / users shapes.
 */
import { CONTACT_ID_START, start, type WealthboxFake } from '../../peers/wealthbox';

let fake: WealthboxFake;

beforeAll(async () => {
	fake = await start({ port: 0, host: '127.0.0.1', seed: { contacts: 60 } });
});
afterAll(async () => {
	await fake.stop();
});

async function get(path: string, headers: Record<string, string> = { ACCESS_TOKEN: fake.token }) {
	const response = await fetch(`${fake.url}${path}`, { headers });
	return { status: response.status, json: JSON.parse(await response.text()) };
}

describe('Authentication', () => {
	it('accepts the ACCESS_TOKEN header and an OAuth Bearer token', async () => {
		expect((await get('/v1/contacts')).status).toBe(200);
		expect((await get('/v1/contacts', { Authorization: `Bearer ${fake.token}` })).status).toBe(200);
	});

	it.each([
		['no token', {}],
		['a wrong ACCESS_TOKEN', { ACCESS_TOKEN: 'wrong' }],
		['a wrong Bearer token', { Authorization: 'Bearer wrong' }],
	])('refuses %s: 401 with success false and errors', async (_label, headers) => {
		const answer = await get('/v1/contacts', headers as Record<string, string>);
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ success: false, errors: ['No valid API key provided.'] });
	});
});

describe('Pagination', () => {
	it('pages contacts with page/per_page to the end (a short page is the last)', async () => {
		const ids: number[] = [];
		for (let page = 1; page <= 10; page++) {
			const { status, json } = await get(`/v1/contacts?per_page=25&page=${page}`);
			expect(status).toBe(200);
			expect(Object.keys(json)).toEqual(['contacts']);
			ids.push(...json.contacts.map((contact: { id: number }) => contact.id));
			if (json.contacts.length < 25) break;
		}
		expect(ids).toHaveLength(60);
		expect(new Set(ids).size).toBe(60);
	});

	it('defaults to page 1 with 25 records; past the end is empty', async () => {
		expect((await get('/v1/contacts')).json.contacts).toHaveLength(25);
		expect((await get('/v1/contacts?page=9&per_page=25')).json.contacts).toEqual([]);
	});

	it('refuses a bad page with the unsuccessful-response body', async () => {
		const answer = await get('/v1/contacts?page=0');
		expect(answer.status).toBe(400);
		expect(answer.json.success).toBe(false);
	});
});

describe('shapes', () => {
	it('contacts: names, email_addresses, phone_numbers, tags, assigned_to', async () => {
		const { json } = await get('/v1/contacts?per_page=1');
		expect(json.contacts[0]).toMatchObject({
			id: CONTACT_ID_START,
			first_name: expect.any(String),
			last_name: expect.any(String),
			contact_source: expect.any(String),
			email_addresses: [
				{
					id: expect.any(Number),
					address: expect.stringMatching(/@/),
					principal: true,
					kind: 'Work',
				},
			],
			phone_numbers: expect.arrayContaining([
				expect.objectContaining({ kind: 'Mobile', principal: true }),
			]),
			tags: expect.arrayContaining([{ id: expect.any(Number), name: expect.any(String) }]),
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d [AP]M [+-]\d{4}$/),
		});
	});

	it('notes: StatusUpdate records linked to contacts, filtered by resource_id', async () => {
		const all = await get('/v1/notes?per_page=200');
		expect(all.json.notes).toHaveLength(120);
		const one = await get(`/v1/notes?resource_id=${CONTACT_ID_START}&resource_type=Contact`);
		expect(one.json.notes).toHaveLength(2);
		expect(one.json.notes[0]).toMatchObject({
			id: expect.any(Number),
			content: expect.any(String),
			linked_to: [{ id: CONTACT_ID_START, type: 'Contact', name: expect.any(String) }],
		});
	});

	it('tasks: open ones by default, completed=true returns completed tasks as well', async () => {
		const open = await get('/v1/tasks?per_page=200');
		const all = await get('/v1/tasks?per_page=200&completed=true');
		expect(all.json.tasks).toHaveLength(60);
		expect(open.json.tasks.length).toBe(40);
		expect(open.json.tasks.every((task: { complete: boolean }) => !task.complete)).toBe(true);
		expect(all.json.tasks[0]).toMatchObject({
			id: expect.any(Number),
			name: expect.any(String),
			due_date: expect.any(String),
			priority: expect.stringMatching(/^(Low|Medium|High)$/),
			linked_to: [expect.objectContaining({ type: 'Contact' })],
		});
	});

	it('users: id, email, name', async () => {
		const { json } = await get('/v1/users');
		expect(json.users[0]).toEqual({
			id: expect.any(Number),
			email: expect.any(String),
			name: expect.any(String),
			account: expect.any(Number),
			excluded_from_assignments: false,
		});
	});

	it('unknown paths: 404 with the unsuccessful-response body', async () => {
		const answer = await get('/v1/nothing');
		expect(answer.status).toBe(404);
		expect(answer.json.success).toBe(false);
	});
});

describe('helpers', () => {
	it('change records between runs', async () => {
		fake.updateContact(CONTACT_ID_START, { first_name: 'Changed' });
		const task = fake.addTask(CONTACT_ID_START, { name: 'New task' });
		fake.updateTask(task.id, { complete: true });
		const { json } = await get('/v1/contacts?per_page=1');
		expect(json.contacts[0].first_name).toBe('Changed');
		expect(fake.state().tasks.find((entry) => entry.id === task.id)?.complete).toBe(true);
	});
});
