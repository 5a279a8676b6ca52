/**
 * A minimal local fake of Lofty's API, written from Lofty's API description
 * (/work/shared/seeds/003_3f99fb586d5b977f.txt; "§" below names its sections). Only what the
 * Lofty templates need: leads, a lead's notes, team members and webhooks. Node built-ins only;
 * listens on 127.0.0.1.
 *
 * - Auth (§2.1): `Authorization: Bearer <access_token>`; a missing or wrong token gets
 *   `401 Unauthorized` with no content (every operation lists "401 Unauthorized · No Content").
 * - Paging (§3): `offset` + `limit` query parameters; the answer carries
 *   `_metadata { collection, limit, offset, total }` and the records under the collection's name.
 * - GET /v1.0/leads (§5.5.4): `limit` range [1, 100], default 25; `offset` default -1 (read as 0).
 *   `leads` holds LeadResponse records (§6.40, §6.45). §3's example wraps each one in `{ "lead": … }`;
 *   the schema (§6.40 `leads: < LeadResponse > array`) does not: the fake follows the schema.
 * - GET /v1.0/leads/{leadId} (§5.5.9): one LeadResponse; 404 no content when unknown.
 * - GET /v1.0/notes?leadId= (§5.7.2): `< NoteResponse > array` (§6.58), not paged; system notes
 *   only with `includeSystemNote=true` (default false).
 * - GET /v1.0/members (§5.6.2): offset/limit (default 25), `{ _metadata, members: UserResponse[] }`.
 * - POST /v1.0/webhook (§5.12.1, WebhookRequest §6.84 → WebhookResponse §6.85), GET /v1.0/webhooks
 *   (§5.12.3), DELETE /v1.0/webhook/{subscribeId} (§5.12.2). List 2 ("Lead Information") has the
 *   scope LeadResponse (§5.12): a delivery is a JSON POST of the LeadResponse to the callbackUrl.
 *
 * Fake choices (the document does not say): records come in ascending leadId order (stable paging),
 * a bad `limit` or a missing `leadId` is `400 {"message": …}` (the shape of §4's 429 body).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { listenLocal, mulberry32, sendJson } from '../lib/server';

export interface LoftyTag {
	tagId: number;
	tagName: string;
	leadId: number;
}

export interface LoftyLead {
	leadId: number;
	firstName: string;
	lastName: string;
	emails: string[];
	phones: string[];
	source: string;
	tags: LoftyTag[];
	assignedUserId: number | null;
	assignedUser: string;
	streetAddress: string;
	city: string;
	state: string;
	zipCode: string;
	stage: string;
	createTime: string;
	lastUpdateTime: string;
	[key: string]: unknown;
}

export interface LoftyNote {
	noteId: number;
	id: number;
	leadId: number;
	content: string;
	createTime: string;
	lastUpdate: string;
	creatorId: number;
	creatorName: string;
	systemNote: boolean;
	deleteFlag: boolean;
	isPin: boolean;
}

export interface LoftyMember {
	id: number;
	memberUserId: number;
	firstName: string;
	lastName: string;
	email: string;
	phoneNumber: string;
	roleName: string;
}

export interface LoftyWebhook {
	subscribeId: number;
	callbackUrl: string;
	listId: number;
	limit: number;
	teamId: number;
	vendorId: number;
}

export interface LoftyDelivery {
	subscribeId: number;
	listId: number;
	url: string;
	status: number | null;
	error?: string;
}

export interface LoftySeed {
	/** generated leads (default 0) */
	leads?: number;
	/** user notes per generated lead (default 3) */
	notesPerLead?: number;
	/** system notes per generated lead (default 0; hidden unless includeSystemNote=true) */
	systemNotesPerLead?: number;
	/** team members (default: three, see DEFAULT_MEMBERS) */
	members?: LoftyMember[];
	/** PRNG seed (default 1) */
	random?: number;
}

export interface LoftyFakeOptions {
	port?: number;
	host?: '127.0.0.1';
	seed?: LoftySeed;
	/** the access token the fake accepts (default: random) */
	token?: string;
}

export interface LoftyState {
	leads: LoftyLead[];
	notes: LoftyNote[];
	members: LoftyMember[];
	webhooks: LoftyWebhook[];
	deliveries: LoftyDelivery[];
	/** requests per "METHOD /path-pattern", also the refused ones */
	requests: Record<string, number>;
}

export interface LoftyFake {
	url: string;
	token: string;
	stop(): Promise<void>;
	state(): LoftyState;
	addLead(fields: Partial<LoftyLead>): LoftyLead;
	updateLead(leadId: number, changes: Partial<LoftyLead>): LoftyLead;
	addNote(leadId: number, content: string, options?: { systemNote?: boolean }): LoftyNote;
	/** POSTs the lead (LeadResponse) to every list-2 subscription; resolves with the deliveries */
	fireLeadWebhook(leadId: number): Promise<LoftyDelivery[]>;
}

export const TEAM_ID = 13233324;
export const LEAD_ID_START = 563172647600000;
const NOTE_ID_START = 880000000;
const LEAD_LIST_ID = 2;

export const DEFAULT_MEMBERS: LoftyMember[] = [
	{
		id: 501,
		memberUserId: 90001,
		firstName: 'Sandy',
		lastName: 'Agent',
		email: 'sandy.agent@example.com',
		phoneNumber: '4805550100',
		roleName: 'Agent',
	},
	{
		id: 502,
		memberUserId: 90002,
		firstName: 'Ted',
		lastName: 'Teammate',
		email: 'ted.teammate@example.com',
		phoneNumber: '4805550102',
		roleName: 'Agent',
	},
	{
		// no Wise Agent team member has this email or name
		id: 503,
		memberUserId: 90003,
		firstName: 'Lou',
		lastName: 'Loftyonly',
		email: 'lou.loftyonly@example.com',
		phoneNumber: '4805550199',
		roleName: 'Agent',
	},
];

const FIRST = [
	'Ava',
	'Ben',
	'Cleo',
	'Dev',
	'Eli',
	'Fay',
	'Gus',
	'Hana',
	'Ivo',
	'Jun',
	'Kai',
	'Lia',
];
const LAST = ['Ng', 'Ortiz', 'Price', 'Quinn', 'Rossi', 'Shah', 'Tan', 'Ueda', 'Vega', 'Wolfe'];
const SOURCES = ['Zillow', 'Realtor.com', 'Open House', 'Referral', 'Facebook'];
const TAGS = ['Buyer', 'Seller', 'Hot', 'Investor', 'First Time Buyer'];
const SEED_EPOCH = Date.UTC(2024, 0, 1);

/** Lofty prints times like "2024-01-01 10:00:00" (no zone in the doc); the fake uses UTC ISO. */
function time(ms: number): string {
	return new Date(ms).toISOString();
}

class Store {
	leads = new Map<number, LoftyLead>();
	notes = new Map<number, LoftyNote>();
	members: LoftyMember[];
	webhooks: LoftyWebhook[] = [];
	deliveries: LoftyDelivery[] = [];
	requests: Record<string, number> = {};
	private nextLeadId = LEAD_ID_START;
	private nextNoteId = NOTE_ID_START;
	private nextTagId = 1;
	private nextSubscribeId = 1234;

	constructor(seed: LoftySeed) {
		this.members = (seed.members ?? DEFAULT_MEMBERS).map((member) => ({ ...member }));
		const rnd = mulberry32(seed.random ?? 1);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
		for (let i = 0; i < (seed.leads ?? 0); i++) {
			const first = pick(FIRST);
			const last = pick(LAST);
			const n = this.nextLeadId - LEAD_ID_START + 1;
			// every lead has an email; a few have no phone, some two
			const phones: string[] = [];
			if (i % 10 !== 9) phones.push(`312${String(5000000 + n).padStart(7, '0')}`);
			if (i % 4 === 0) phones.push(`773${String(5000000 + n).padStart(7, '0')}`);
			const tags = [...new Set([pick(TAGS), ...(i % 3 === 0 ? [pick(TAGS)] : [])])];
			const member = i % 5 === 4 ? undefined : this.members[i % this.members.length];
			const lead = this.addLead({
				firstName: first,
				lastName: last,
				emails: [`${first}.${last}.${n}@lofty-fake.test`.toLowerCase()],
				phones,
				source: pick(SOURCES),
				tags: tags.map((tagName) => ({ tagId: 0, tagName, leadId: 0 })),
				assignedUserId: member?.memberUserId ?? null,
				assignedUser: member ? `${member.firstName} ${member.lastName}` : '',
				createTime: time(SEED_EPOCH + i * 60_000),
			});
			for (let k = 0; k < (seed.notesPerLead ?? 3); k++)
				this.addNote(lead.leadId, `Note ${k + 1} about ${first} ${last}: ${pick(SOURCES)} inquiry`);
			for (let k = 0; k < (seed.systemNotesPerLead ?? 0); k++)
				this.addNote(lead.leadId, `System: lead assigned`, { systemNote: true });
		}
	}

	addLead(fields: Partial<LoftyLead>): LoftyLead {
		const leadId = fields.leadId ?? this.nextLeadId++;
		const now = time(Date.now());
		const lead: LoftyLead = {
			firstName: '',
			lastName: '',
			emails: [],
			phones: [],
			source: '',
			assignedUserId: null,
			assignedUser: '',
			streetAddress: '',
			city: '',
			state: '',
			zipCode: '',
			stage: 'New',
			createTime: now,
			lastUpdateTime: now,
			teamId: TEAM_ID,
			...fields,
			leadId,
			tags: [],
		};
		lead.tags = this.tagsOf(leadId, fields.tags ?? []);
		this.leads.set(leadId, lead);
		return lead;
	}

	updateLead(leadId: number, changes: Partial<LoftyLead>): LoftyLead {
		const lead = this.leads.get(leadId);
		if (!lead) throw new Error(`no Lofty lead ${leadId}`);
		Object.assign(lead, changes, { leadId, lastUpdateTime: time(Date.now()) });
		if (changes.tags) lead.tags = this.tagsOf(leadId, changes.tags);
		return lead;
	}

	addNote(leadId: number, content: string, options: { systemNote?: boolean } = {}): LoftyNote {
		if (!this.leads.has(leadId)) throw new Error(`no Lofty lead ${leadId}`);
		const noteId = this.nextNoteId++;
		const now = time(Date.now());
		const note: LoftyNote = {
			noteId,
			id: noteId,
			leadId,
			content,
			createTime: now,
			lastUpdate: now,
			creatorId: this.members[0]?.memberUserId ?? 0,
			creatorName: this.members[0]
				? `${this.members[0].firstName} ${this.members[0].lastName}`
				: '',
			systemNote: options.systemNote ?? false,
			deleteFlag: false,
			isPin: false,
		};
		this.notes.set(noteId, note);
		return note;
	}

	subscribe(callbackUrl: string, listId: number, limit: number): LoftyWebhook {
		const webhook = {
			subscribeId: this.nextSubscribeId++,
			callbackUrl,
			listId,
			limit,
			teamId: TEAM_ID,
			vendorId: 123,
		};
		this.webhooks.push(webhook);
		return webhook;
	}

	private tagsOf(leadId: number, tags: Array<Partial<LoftyTag>>): LoftyTag[] {
		return tags.map((tag) => ({
			tagId: tag.tagId || this.nextTagId++,
			tagName: String(tag.tagName ?? ''),
			leadId,
		}));
	}
}

function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

interface Answer {
	status: number;
	body?: unknown;
}

const unauthorized: Answer = { status: 401 };
const notFound: Answer = { status: 404 };
const badRequest = (message: string): Answer => ({ status: 400, body: { message } });

/** An integer query parameter; `fallback` when absent, undefined when not an integer. */
function intParam(query: URLSearchParams, name: string, fallback: number): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}

/** §3 paging over `list`: `{ _metadata, [collection]: page }`, or a 400 for a bad offset/limit. */
function page<T>(
	list: T[],
	query: URLSearchParams,
	collection: string,
	limits: { fallback: number; max: number },
): Answer {
	const limit = intParam(query, 'limit', limits.fallback);
	const offset = intParam(query, 'offset', -1);
	if (limit === undefined || limit < 1 || limit > limits.max)
		return badRequest(`limit must be an integer in [1, ${limits.max}]`);
	if (offset === undefined || offset < -1) return badRequest('offset must be an integer >= 0');
	const start = Math.max(offset, 0);
	return {
		status: 200,
		body: {
			_metadata: { collection, limit, offset: start, total: list.length },
			[collection]: copy(list.slice(start, start + limit)),
		},
	};
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

async function deliver(store: Store, webhook: LoftyWebhook, body: unknown): Promise<LoftyDelivery> {
	const delivery: LoftyDelivery = {
		subscribeId: webhook.subscribeId,
		listId: webhook.listId,
		url: webhook.callbackUrl,
		status: null,
	};
	try {
		const response = await fetch(webhook.callbackUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(15_000),
		});
		await response.text();
		delivery.status = response.status;
	} catch (error) {
		delivery.error = (error as Error).message;
	}
	store.deliveries.push(delivery);
	return delivery;
}

async function route(store: Store, token: string, req: http.IncomingMessage): Promise<Answer> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const method = req.method ?? 'GET';
	const path = url.pathname.replace(/\/+$/, '');
	const pattern = path.replace(/\/\d+$/, '/{id}');
	store.requests[`${method} ${pattern}`] = (store.requests[`${method} ${pattern}`] ?? 0) + 1;
	if (req.headers.authorization !== `Bearer ${token}`) return unauthorized;
	const query = url.searchParams;
	const id = Number(/\/(\d+)$/.exec(path)?.[1]);

	if (method === 'GET' && path === '/v1.0/leads') {
		const leads = [...store.leads.values()].sort((a, b) => a.leadId - b.leadId);
		return page(leads, query, 'leads', { fallback: 25, max: 100 });
	}
	if (method === 'GET' && pattern === '/v1.0/leads/{id}') {
		const lead = store.leads.get(id);
		return lead ? { status: 200, body: copy(lead) } : notFound;
	}
	if (method === 'GET' && path === '/v1.0/notes') {
		const leadId = intParam(query, 'leadId', NaN);
		if (leadId === undefined || Number.isNaN(leadId)) return badRequest('leadId is required');
		const withSystem = query.get('includeSystemNote') === 'true';
		const notes = [...store.notes.values()].filter(
			(note) => note.leadId === leadId && !note.deleteFlag && (withSystem || !note.systemNote),
		);
		return { status: 200, body: copy(notes) };
	}
	if (method === 'GET' && path === '/v1.0/members') {
		return page(store.members, query, 'members', { fallback: 25, max: 100 });
	}
	if (method === 'GET' && path === '/v1.0/webhooks') {
		return { status: 200, body: copy(store.webhooks) };
	}
	if (method === 'POST' && path === '/v1.0/webhook') {
		const body = (await readJson(req)) as Record<string, unknown> | null | undefined;
		const callbackUrl = body?.callbackUrl;
		const listId = Number(body?.listId);
		if (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl))
			return badRequest('callbackUrl is required');
		if (!Number.isInteger(listId) || listId < 1 || listId > 12)
			return badRequest('listId is required');
		const limit = body?.limit === undefined ? 100 : Number(body.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
			return badRequest('limit must be at most 5000');
		return { status: 200, body: copy(store.subscribe(callbackUrl, listId, limit)) };
	}
	if (method === 'DELETE' && pattern === '/v1.0/webhook/{id}') {
		const index = store.webhooks.findIndex((webhook) => webhook.subscribeId === id);
		if (index < 0) return notFound;
		store.webhooks.splice(index, 1);
		return { status: 200, body: 'success' };
	}
	return notFound;
}

export async function start(options: LoftyFakeOptions = {}): Promise<LoftyFake> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1') throw new Error('the Lofty fake listens on 127.0.0.1 only');
	const token = options.token ?? `lofty-${randomBytes(16).toString('hex')}`;
	const store = new Store(options.seed ?? {});
	const server = http.createServer((req, res) => {
		route(store, token, req).then(
			(answer) => sendJson(res, answer.status, answer.body, 'application/json;charset=UTF-8'),
			(error: Error) => sendJson(res, 500, { message: error.message }, 'application/json'),
		);
	});
	const { url, stop } = await listenLocal(server, options.port, host);
	return {
		url,
		token,
		stop,
		state: () =>
			copy({
				leads: [...store.leads.values()],
				notes: [...store.notes.values()],
				members: store.members,
				webhooks: store.webhooks,
				deliveries: store.deliveries,
				requests: store.requests,
			}),
		addLead: (fields) => copy(store.addLead(fields)),
		updateLead: (leadId, changes) => copy(store.updateLead(leadId, changes)),
		addNote: (leadId, content, noteOptions) => copy(store.addNote(leadId, content, noteOptions)),
		fireLeadWebhook: async (leadId) => {
			const lead = store.leads.get(leadId);
			if (!lead) throw new Error(`no Lofty lead ${leadId}`);
			const targets = store.webhooks.filter((webhook) => webhook.listId === LEAD_LIST_ID);
			return await Promise.all(targets.map((webhook) => deliver(store, webhook, copy(lead))));
		},
	};
}
