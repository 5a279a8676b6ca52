/**
 * The Lofty fake (peers/lofty) against Lofty's API description (seed 003): Bearer auth with a bare
 * 401, offset/limit paging with _metadata to the end, LeadResponse / NoteResponse shapes, webhooks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { LEAD_ID_START, start, type LoftyFake } from '../../peers/lofty';

let fake: LoftyFake;

beforeAll(async () => {
	fake = await start({ port: 0, host: '127.0.0.1', seed: { leads: 230, systemNotesPerLead: 1 } });
});
afterAll(async () => {
	await fake.stop();
});

async function get(path: string, token: string | null = fake.token) {
	const response = await fetch(`${fake.url}${path}`, {
		headers: token === null ? {} : { Authorization: `Bearer ${token}` },
	});
	const text = await response.text();
	return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

describe('auth (§2.1)', () => {
	it.each([
		['no token', null],
		['a wrong token', 'not-the-token'],
	])('refuses %s with 401 and no content', async (_label, token) => {
		const answer = await get('/v1.0/leads', token);
		expect(answer.status).toBe(401);
		expect(answer.text).toBe('');
	});

	it('refuses the token without the Bearer scheme', async () => {
		const response = await fetch(`${fake.url}/v1.0/leads`, {
			headers: { Authorization: fake.token },
		});
		expect(response.status).toBe(401);
	});
});

describe('GET /v1.0/leads (§3, §5.5.4)', () => {
	it('pages with offset/limit to the end, each lead once, with _metadata', async () => {
		const seen: number[] = [];
		for (let offset = 0, pages = 0; pages < 10; offset += 100, pages++) {
			const { status, json } = await get(`/v1.0/leads?offset=${offset}&limit=100`);
			expect(status).toBe(200);
			expect(json._metadata).toEqual({ collection: 'leads', limit: 100, offset, total: 230 });
			seen.push(...json.leads.map((lead: { leadId: number }) => lead.leadId));
			if (offset + json.leads.length >= json._metadata.total) break;
		}
		expect(seen).toHaveLength(230);
		expect(new Set(seen).size).toBe(230);
		expect(seen[0]).toBe(LEAD_ID_START);
	});

	it('defaults to 25 leads from the start', async () => {
		const { json } = await get('/v1.0/leads');
		expect(json.leads).toHaveLength(25);
		expect(json._metadata).toMatchObject({ limit: 25, offset: 0 });
	});

	it('refuses a limit outside [1, 100]', async () => {
		expect((await get('/v1.0/leads?limit=101')).status).toBe(400);
		expect((await get('/v1.0/leads?limit=0')).status).toBe(400);
	});

	it('gives LeadResponse records (§6.45): names, emails, phones, tags, assignee', async () => {
		const { json } = await get('/v1.0/leads?offset=0&limit=1');
		const lead = json.leads[0];
		expect(lead).toMatchObject({
			leadId: LEAD_ID_START,
			firstName: expect.any(String),
			lastName: expect.any(String),
			emails: [expect.stringMatching(/@/)],
			phones: expect.any(Array),
			source: expect.any(String),
			assignedUserId: expect.any(Number),
			assignedUser: expect.any(String),
		});
		expect(lead.tags[0]).toEqual({
			tagId: expect.any(Number),
			tagName: expect.any(String),
			leadId: LEAD_ID_START,
		});
	});
});

describe('GET /v1.0/leads/{leadId} (§5.5.9)', () => {
	it('gives one lead, 404 without content for an unknown one', async () => {
		const { status, json } = await get(`/v1.0/leads/${LEAD_ID_START + 1}`);
		expect(status).toBe(200);
		expect(json.leadId).toBe(LEAD_ID_START + 1);
		const missing = await get('/v1.0/leads/1');
		expect(missing.status).toBe(404);
		expect(missing.text).toBe('');
	});
});

describe('GET /v1.0/notes (§5.7.2)', () => {
	it('lists the lead’s notes as a bare NoteResponse array, system notes only on request', async () => {
		const { status, json } = await get(`/v1.0/notes?leadId=${LEAD_ID_START}`);
		expect(status).toBe(200);
		expect(json).toHaveLength(3);
		expect(json[0]).toMatchObject({
			noteId: expect.any(Number),
			leadId: LEAD_ID_START,
			content: expect.any(String),
			systemNote: false,
		});
		const withSystem = await get(`/v1.0/notes?leadId=${LEAD_ID_START}&includeSystemNote=true`);
		expect(withSystem.json).toHaveLength(4);
	});

	it('needs leadId', async () => {
		expect((await get('/v1.0/notes')).status).toBe(400);
	});
});

describe('GET /v1.0/members (§5.6.2)', () => {
	it('pages the team members (UserResponse)', async () => {
		const { json } = await get('/v1.0/members?offset=0&limit=2');
		expect(json._metadata).toEqual({ collection: 'members', limit: 2, offset: 0, total: 3 });
		expect(json.members[0]).toMatchObject({
			id: expect.any(Number),
			memberUserId: expect.any(Number),
			email: expect.any(String),
			firstName: expect.any(String),
			lastName: expect.any(String),
		});
		const rest = await get('/v1.0/members?offset=2&limit=2');
		expect(rest.json.members).toHaveLength(1);
	});
});

describe('webhooks (§5.12)', () => {
	it('subscribes, delivers the LeadResponse of list 2 to the callback, lists and deletes', async () => {
		const received: unknown[] = [];
		const receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				received.push(JSON.parse(body));
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			const response = await fetch(`${fake.url}/v1.0/webhook`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${fake.token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ callbackUrl, listId: 2 }),
			});
			expect(response.status).toBe(200);
			const webhook = (await response.json()) as { subscribeId: number };
			expect(webhook).toMatchObject({
				callbackUrl,
				listId: 2,
				subscribeId: expect.any(Number),
				teamId: expect.any(Number),
			});
			const listed = await get('/v1.0/webhooks');
			expect(listed.json).toEqual([webhook]);

			fake.updateLead(LEAD_ID_START + 2, { firstName: 'Renamed' });
			const deliveries = await fake.fireLeadWebhook(LEAD_ID_START + 2);
			expect(deliveries).toEqual([expect.objectContaining({ status: 200, url: callbackUrl })]);
			expect(received).toEqual([
				expect.objectContaining({ leadId: LEAD_ID_START + 2, firstName: 'Renamed' }),
			]);

			const deleted = await fetch(`${fake.url}/v1.0/webhook/${webhook.subscribeId}`, {
				method: 'DELETE',
				headers: { Authorization: `Bearer ${fake.token}` },
			});
			expect(deleted.status).toBe(200);
			expect((await get('/v1.0/webhooks')).json).toEqual([]);
			expect(await fake.fireLeadWebhook(LEAD_ID_START + 2)).toEqual([]);
		} finally {
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	});

	it('refuses a subscription without callbackUrl or listId', async () => {
		const response = await fetch(`${fake.url}/v1.0/webhook`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${fake.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ listId: 2 }),
		});
		expect(response.status).toBe(400);
	});
});

describe('helpers', () => {
	it('adds and changes leads and notes, counts requests', async () => {
		const lead = fake.addLead({ firstName: 'New', lastName: 'Lead', emails: ['new@x.test'] });
		fake.addNote(lead.leadId, 'hello');
		const { json } = await get(`/v1.0/notes?leadId=${lead.leadId}`);
		expect(json.map((note: { content: string }) => note.content)).toEqual(['hello']);
		const state = fake.state();
		expect(state.leads).toHaveLength(231);
		expect(state.requests['GET /v1.0/notes']).toBeGreaterThan(0);
	});
});
