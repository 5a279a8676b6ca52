/**
 * A minimal local fake of the Wealthbox CRM API, written from Wealthbox's API documentation
 * (/work/shared/seeds/004_839b812f37c0b638.txt; the headings below are its section titles).
 * Only what the Wealthbox template needs: contacts, notes, tasks and users. Node built-ins only;
 * listens on 127.0.0.1.
 *
 * - "Authentication": a personal token in the `ACCESS_TOKEN` header, or an OAuth token as
 *   `Authorization: Bearer <token>`; both are accepted. Anything else: "401 - Unauthorized: No valid
 *   API key provided", with the "Unsuccessful response" body `{ "success": false, "errors": … }`.
 * - "Pagination": `page` (default 1) and `per_page` (default 25) on every list; no total comes back.
 * - "Successful response returning a collection": a JSON object whose key is the plural resource
 *   name (`{ "contacts": [...] }`).
 * - "Retrieve all contacts" GET /v1/contacts (Contact: id, first_name, last_name, company_name,
 *   contact_source, contact_type, assigned_to, tags[{id,name}], email_addresses[{address,principal,kind}],
 *   phone_numbers[{address,principal,kind}], street_addresses[…], created_at, updated_at …).
 * - "Retrieve all notes" GET /v1/notes{?resource_id}{?resource_type}: StatusUpdate (id, content,
 *   linked_to[{id,type,name}], visible_to, tags, created_at, updated_at).
 * - "Retrieve all tasks" GET /v1/tasks{?resource_id}{?resource_type}{?assigned_to}{?completed}: (id, name,
 *   due_date, complete, priority, linked_to, description, assigned_to …); `completed=true` "Return
 *   completed tasks as well", so without it only open tasks are listed.
 * - "Retrieve all users" GET /v1/users: `{ users: [{ id, email, name, account, excluded_from_assignments }] }`.
 *
 * Fake choices (the documentation does not say): lists come in ascending id order (the docs say
 * collections "are not ordered"; a stable order lets paging see each record once), `per_page` above
 * 1000 or a non-positive `page` is `400` with the unsuccessful-response body, and `errors` is a list
 * of messages.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { listenLocal, mulberry32, sendJson } from '../lib/server';

export interface WealthboxLink {
	id: number;
	type: 'Contact';
	name: string;
}

export interface WealthboxValue {
	id: number;
	address: string;
	principal: boolean;
	kind: string;
}

export interface WealthboxContact {
	id: number;
	first_name: string;
	last_name: string;
	type: string;
	company_name: string;
	contact_source: string;
	contact_type: string;
	assigned_to: number | null;
	tags: Array<{ id: number; name: string }>;
	email_addresses: WealthboxValue[];
	phone_numbers: Array<WealthboxValue & { extension?: string }>;
	street_addresses: Array<{
		id: number;
		street_line_1: string;
		street_line_2: string;
		city: string;
		state: string;
		zip_code: string;
		country: string;
		principal: boolean;
		kind: string;
	}>;
	background_information: string;
	created_at: string;
	updated_at: string;
	[key: string]: unknown;
}

export interface WealthboxNote {
	id: number;
	creator: number;
	content: string;
	linked_to: WealthboxLink[];
	visible_to: string;
	tags: Array<{ id: number; name: string }>;
	created_at: string;
	updated_at: string;
}

export interface WealthboxTask {
	id: number;
	creator: number;
	name: string;
	due_date: string;
	complete: boolean;
	priority: 'Low' | 'Medium' | 'High';
	linked_to: WealthboxLink[];
	description: string;
	assigned_to: number | null;
	visible_to: string;
	created_at: string;
	updated_at: string;
}

export interface WealthboxUser {
	id: number;
	email: string;
	name: string;
	account: number;
	excluded_from_assignments: boolean;
}

export interface WealthboxSeed {
	/** generated contacts (default 0) */
	contacts?: number;
	/** notes per generated contact (default 2) */
	notesPerContact?: number;
	/** tasks per generated contact (default 1; every third one complete) */
	tasksPerContact?: number;
	/** users (default: DEFAULT_USERS) */
	users?: WealthboxUser[];
	/** PRNG seed (default 1) */
	random?: number;
}

export interface WealthboxFakeOptions {
	port?: number;
	host?: '127.0.0.1';
	seed?: WealthboxSeed;
	/** the token the fake accepts in ACCESS_TOKEN or as a Bearer token (default: random) */
	token?: string;
}

export interface WealthboxState {
	contacts: WealthboxContact[];
	notes: WealthboxNote[];
	tasks: WealthboxTask[];
	users: WealthboxUser[];
	/** requests per "METHOD /path", also the refused ones */
	requests: Record<string, number>;
}

export interface WealthboxFake {
	url: string;
	token: string;
	stop(): Promise<void>;
	state(): WealthboxState;
	addContact(fields: Partial<WealthboxContact>): WealthboxContact;
	updateContact(id: number, changes: Partial<WealthboxContact>): WealthboxContact;
	addNote(contactId: number, content: string): WealthboxNote;
	addTask(contactId: number | null, fields: Partial<WealthboxTask>): WealthboxTask;
	updateTask(id: number, changes: Partial<WealthboxTask>): WealthboxTask;
}

export const CONTACT_ID_START = 70000;
const NOTE_ID_START = 300000;
const TASK_ID_START = 600000;
const ACCOUNT_ID = 1;

export const DEFAULT_USERS: WealthboxUser[] = [
	{
		id: 11,
		email: 'sandy.agent@example.com',
		name: 'Sandy Agent',
		account: ACCOUNT_ID,
		excluded_from_assignments: false,
	},
	{
		id: 12,
		email: 'ana.assistant@example.com',
		name: 'Ana Assistant',
		account: ACCOUNT_ID,
		excluded_from_assignments: false,
	},
	{
		// no Wise Agent team member has this email
		id: 13,
		email: 'walt.wealthonly@example.com',
		name: 'Walt Wealthonly',
		account: ACCOUNT_ID,
		excluded_from_assignments: false,
	},
];

const FIRST = ['Kevin', 'Lena', 'Marco', 'Nina', 'Omar', 'Pia', 'Raj', 'Sara', 'Theo', 'Uma'];
const LAST = ['Anderson', 'Brooks', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes'];
const SOURCES = ['Referral', 'Conference', 'Direct Mail', 'Cold Call', 'Other'];
const TYPES = ['Client', 'Past Client', 'Prospect'];
const TAGS = ['Clients', 'Retirement', 'High Net Worth', 'Newsletter'];
const PRIORITIES = ['Low', 'Medium', 'High'] as const;
const SEED_EPOCH = Date.UTC(2024, 0, 1);

/** The documentation's timestamp format: "2015-05-24 10:00 AM -0400" (printed here in UTC). */
export function wealthboxTime(ms: number): string {
	const date = new Date(ms);
	const pad = (n: number) => String(n).padStart(2, '0');
	const hours = date.getUTCHours();
	const hour12 = hours % 12 === 0 ? 12 : hours % 12;
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(hour12)}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'} +0000`;
}

function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

class Store {
	contacts = new Map<number, WealthboxContact>();
	notes = new Map<number, WealthboxNote>();
	tasks = new Map<number, WealthboxTask>();
	users: WealthboxUser[];
	requests: Record<string, number> = {};
	private nextContactId = CONTACT_ID_START;
	private nextNoteId = NOTE_ID_START;
	private nextTaskId = TASK_ID_START;
	private nextValueId = 1;

	constructor(seed: WealthboxSeed) {
		this.users = (seed.users ?? DEFAULT_USERS).map((user) => ({ ...user }));
		const rnd = mulberry32(seed.random ?? 1);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
		for (let i = 0; i < (seed.contacts ?? 0); i++) {
			const first = pick(FIRST);
			const last = pick(LAST);
			const n = this.nextContactId - CONTACT_ID_START + 1;
			const user = i % 4 === 3 ? undefined : this.users[i % this.users.length];
			const phones: Array<Partial<WealthboxValue>> = [
				{
					address: `(617) 555-${String(n % 10000).padStart(4, '0')}`,
					kind: 'Mobile',
					principal: true,
				},
			];
			if (i % 3 === 0)
				phones.push({
					address: `(857) 4${String(n).padStart(2, '0').slice(-2)}-${String(n).padStart(4, '0').slice(-4)}`,
					kind: 'Work',
					principal: false,
				});
			const contact = this.addContact({
				first_name: first,
				last_name: last,
				company_name: i % 2 === 0 ? 'Acme Co.' : '',
				contact_source: pick(SOURCES),
				contact_type: pick(TYPES),
				assigned_to: user?.id ?? null,
				tags: [...new Set([pick(TAGS), ...(i % 2 === 0 ? [pick(TAGS)] : [])])].map((name) => ({
					id: TAGS.indexOf(name) + 1,
					name,
				})),
				email_addresses: [
					{
						id: 0,
						address: `${first}.${last}.${n}@wealthbox-fake.test`.toLowerCase(),
						principal: true,
						kind: 'Work',
					},
				],
				phone_numbers: phones as WealthboxValue[],
				street_addresses: [
					{
						id: 0,
						street_line_1: `${100 + n} 12th Ave.`,
						street_line_2: '',
						city: 'Boston',
						state: 'Massachusetts',
						zip_code: '02110',
						country: 'United States',
						principal: true,
						kind: 'Home',
					},
				],
				created_at: wealthboxTime(SEED_EPOCH + i * 60_000),
			});
			for (let k = 0; k < (seed.notesPerContact ?? 2); k++)
				this.addNote(contact.id, `Spoke with ${first} ${last} (${k + 1}) about the portfolio.`);
			for (let k = 0; k < (seed.tasksPerContact ?? 1); k++) {
				this.addTask(contact.id, {
					name: `Call ${first} back (${k + 1})`,
					description: `Follow up on ${pick(TAGS)}`,
					due_date: wealthboxTime(SEED_EPOCH + (30 + i) * 86_400_000 + 15 * 3_600_000),
					priority: pick(PRIORITIES),
					complete: (i + k) % 3 === 2,
					assigned_to: user?.id ?? null,
				});
			}
		}
	}

	private values<T extends Partial<WealthboxValue>>(
		list: T[] | undefined,
	): Array<T & { id: number }> {
		return (list ?? []).map((value) => ({ ...value, id: value.id || this.nextValueId++ }));
	}

	addContact(fields: Partial<WealthboxContact>): WealthboxContact {
		const id = fields.id ?? this.nextContactId++;
		const now = wealthboxTime(Date.now());
		const contact: WealthboxContact = {
			first_name: '',
			last_name: '',
			type: 'Person',
			company_name: '',
			contact_source: '',
			contact_type: '',
			assigned_to: null,
			tags: [],
			background_information: '',
			created_at: now,
			updated_at: now,
			creator: this.users[0]?.id ?? 1,
			...fields,
			id,
			email_addresses: this.values(fields.email_addresses),
			phone_numbers: this.values(fields.phone_numbers),
			street_addresses: this.values(fields.street_addresses),
		};
		this.contacts.set(id, contact);
		return contact;
	}

	updateContact(id: number, changes: Partial<WealthboxContact>): WealthboxContact {
		const contact = this.contacts.get(id);
		if (!contact) throw new Error(`no Wealthbox contact ${id}`);
		Object.assign(contact, changes, { id, updated_at: wealthboxTime(Date.now()) });
		if (changes.email_addresses) contact.email_addresses = this.values(changes.email_addresses);
		if (changes.phone_numbers) contact.phone_numbers = this.values(changes.phone_numbers);
		if (changes.street_addresses) contact.street_addresses = this.values(changes.street_addresses);
		return contact;
	}

	private link(contactId: number | null): WealthboxLink[] {
		if (contactId === null) return [];
		const contact = this.contacts.get(contactId);
		if (!contact) throw new Error(`no Wealthbox contact ${contactId}`);
		return [{ id: contactId, type: 'Contact', name: `${contact.first_name} ${contact.last_name}` }];
	}

	addNote(contactId: number, content: string): WealthboxNote {
		const id = this.nextNoteId++;
		const now = wealthboxTime(Date.now());
		const note: WealthboxNote = {
			id,
			creator: this.users[0]?.id ?? 1,
			content,
			linked_to: this.link(contactId),
			visible_to: 'Everyone',
			tags: [],
			created_at: now,
			updated_at: now,
		};
		this.notes.set(id, note);
		return note;
	}

	addTask(contactId: number | null, fields: Partial<WealthboxTask>): WealthboxTask {
		const id = this.nextTaskId++;
		const now = wealthboxTime(Date.now());
		const task: WealthboxTask = {
			name: '',
			due_date: '',
			complete: false,
			priority: 'Medium',
			description: '',
			assigned_to: null,
			visible_to: 'Everyone',
			creator: this.users[0]?.id ?? 1,
			created_at: now,
			updated_at: now,
			...fields,
			id,
			linked_to: this.link(contactId),
		};
		this.tasks.set(id, task);
		return task;
	}

	updateTask(id: number, changes: Partial<WealthboxTask>): WealthboxTask {
		const task = this.tasks.get(id);
		if (!task) throw new Error(`no Wealthbox task ${id}`);
		Object.assign(task, changes, { id, updated_at: wealthboxTime(Date.now()) });
		return task;
	}
}

interface Answer {
	status: number;
	body: unknown;
}

const refuse = (status: number, message: string): Answer => ({
	status,
	body: { success: false, errors: [message] },
});

function authorized(req: http.IncomingMessage, token: string): boolean {
	return req.headers.access_token === token || req.headers.authorization === `Bearer ${token}`;
}

/** "Pagination": page (from 1, default 1) and per_page (default 25). */
function paged<T>(list: T[], query: URLSearchParams, key: string): Answer {
	const number = (name: string, fallback: number) => {
		const raw = query.get(name);
		return raw === null || raw === '' ? fallback : /^\d+$/.test(raw) ? Number(raw) : NaN;
	};
	const page = number('page', 1);
	const perPage = number('per_page', 25);
	if (!(page >= 1)) return refuse(400, 'page must be a positive integer');
	if (!(perPage >= 1 && perPage <= 1000)) return refuse(400, 'per_page must be from 1 to 1000');
	return { status: 200, body: { [key]: copy(list.slice((page - 1) * perPage, page * perPage)) } };
}

/** resource_id / resource_type filters of the notes and tasks lists. */
function linkedFilter(query: URLSearchParams): (links: WealthboxLink[]) => boolean {
	const id = query.get('resource_id');
	const type = query.get('resource_type');
	if (id === null && type === null) return () => true;
	return (links) =>
		links.some(
			(link) =>
				(id === null || String(link.id) === id) &&
				(type === null || link.type.toLowerCase() === type.toLowerCase()),
		);
}

function route(store: Store, token: string, req: http.IncomingMessage): Answer {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const method = req.method ?? 'GET';
	const path = url.pathname.replace(/\/+$/, '');
	store.requests[`${method} ${path}`] = (store.requests[`${method} ${path}`] ?? 0) + 1;
	if (!authorized(req, token)) return refuse(401, 'No valid API key provided.');
	const query = url.searchParams;
	if (method !== 'GET') return refuse(404, "The requested item doesn't exist.");
	const byId = <T extends { id: number }>(map: Map<number, T>) =>
		[...map.values()].sort((a, b) => a.id - b.id);
	switch (path) {
		case '/v1/contacts':
			return paged(byId(store.contacts), query, 'contacts');
		case '/v1/notes': {
			const matches = linkedFilter(query);
			return paged(
				byId(store.notes).filter((note) => matches(note.linked_to)),
				query,
				'notes',
			);
		}
		case '/v1/tasks': {
			const matches = linkedFilter(query);
			const withCompleted = query.get('completed') === 'true';
			const assignedTo = query.get('assigned_to');
			return paged(
				byId(store.tasks).filter(
					(task) =>
						matches(task.linked_to) &&
						(withCompleted || !task.complete) &&
						(assignedTo === null || String(task.assigned_to) === assignedTo),
				),
				query,
				'tasks',
			);
		}
		case '/v1/users':
			return paged(store.users, query, 'users');
		default:
			return refuse(404, "The requested item doesn't exist.");
	}
}

export async function start(options: WealthboxFakeOptions = {}): Promise<WealthboxFake> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1') throw new Error('the Wealthbox fake listens on 127.0.0.1 only');
	const token = options.token ?? randomBytes(16).toString('hex');
	const store = new Store(options.seed ?? {});
	const server = http.createServer((req, res) => {
		let answer: Answer;
		try {
			answer = route(store, token, req);
		} catch (error) {
			answer = refuse(500, (error as Error).message);
		}
		sendJson(res, answer.status, answer.body);
		req.resume();
	});
	const { url, stop } = await listenLocal(server, options.port, host);
	return {
		url,
		token,
		stop,
		state: () =>
			copy({
				contacts: [...store.contacts.values()],
				notes: [...store.notes.values()],
				tasks: [...store.tasks.values()],
				users: store.users,
				requests: store.requests,
			}),
		addContact: (fields) => copy(store.addContact(fields)),
		updateContact: (id, changes) => copy(store.updateContact(id, changes)),
		addNote: (contactId, content) => copy(store.addNote(contactId, content)),
		addTask: (contactId, fields) => copy(store.addTask(contactId, fields)),
		updateTask: (id, changes) => copy(store.updateTask(id, changes)),
	};
}
