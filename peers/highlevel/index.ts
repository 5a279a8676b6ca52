/**
 * A minimal local fake of HighLevel's API v2 (LeadConnector): only what the templates
 * `templates/highlevel-*.json` call, plus the webhooks HighLevel sends. Written from HighLevel's public
 * OpenAPI documents (github.com/GoHighLevel/highlevel-api-docs, `apps/contacts.json`,
 * `common/common-schemas.json`, `docs/webhook events/*.md`, `docs/oauth/WebhookAuthentication.md`) and the
 * "Search Contacts" guide (marketplace.gohighlevel.com/docs/ghl/contacts/search-contacts-advanced), not from
 * the templates:
 *
 * - every request: `Authorization: Bearer <token>` (securitySchemes.bearer: a Private Integration Token or a
 *   Sub-Account access token) and `Version: 2021-07-28` (a required header on every contacts operation).
 * - `POST /contacts/search` ("Search Contacts"): body `{ locationId, page, pageLimit (max 500), query?,
 *   filters? }` → `{ contacts: [...], total }`; filters: `{ field, operator: 'eq', value }` on email, phone,
 *   firstNameLowerCase, lastNameLowerCase (others: 422).
 * - `GET /contacts/search/duplicate?locationId&email|number` ("Get Duplicate Contact"): `{ contact }`, null
 *   when none (email first, then phone, as the "Allow Duplicate Contact" setting documents).
 * - `GET /contacts/:contactId` → `{ contact }` (ContactsByIdSuccessfulResponseDto).
 * - `POST /contacts/upsert` (UpsertContactDto → `{ new, contact, traceId }`): matched by email, then phone;
 *   given fields overwrite, `tags` replaces all tags (documented), absent fields stay.
 * - `GET /contacts/:contactId/notes` → `{ notes }`; `POST /contacts/:contactId/notes` (NotesDTO, `body`
 *   required) → 201 `{ note }`.
 * - `GET /contacts/:contactId/tasks` → `{ tasks }` ("List tasks for a contact", seed 001's third use case).
 *   Seed 001 names the route but prints no shape; the task fields (`id, title, body, assignedTo, dueDate` ISO
 *   UTC, `completed, contactId`) and the `{ tasks }` wrapper follow HighLevel's public task schema (the
 *   "Update Task Completed" reference prints the same task object). The list is not paged (none documented).
 * - errors: 401 UnauthorizedDTO `{ statusCode: 401, message, error: 'Unauthorized' }` (no or wrong token),
 *   400 BadRequestDTO `{ statusCode: 400, message }`, 422 UnprocessableDTO `{ statusCode: 422, message: [..],
 *   error: 'Unprocessable Entity' }`.
 * - webhooks (ContactCreate, ContactUpdate, NoteCreate): the documented payloads plus `timestamp` and
 *   `webhookId`, signed in `x-wh-signature` (RSA-SHA256, base64). HighLevel signs with its own key; this fake
 *   signs with a key pair of its own (`publicKey` in `state()`). ContactUpdate fires only when a field
 *   really changed ("whenever the specific fields in contact is updated"); API writes fire them too.
 *
 * Fake choices (not documented): ids are 20 random letters/digits; phones are stored in E.164 (`+1` and 10
 * digits, as the documented examples show); search results are in creation order; no rate limit; an unknown
 * contact id answers 400 `Contact not found`; a missing Version header answers 400.
 *
 * Node built-ins only; listens on 127.0.0.1.
 */
import { createSign, generateKeyPairSync, randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { listenLocal, mulberry32 as prng, sendJson } from '../lib/server';

export const HIGHLEVEL_API_VERSION = '2021-07-28';

export interface HighLevelContact {
	id: string;
	locationId: string;
	name: string;
	firstName: string;
	lastName: string;
	email: string;
	emailLowerCase: string;
	phone: string;
	companyName: string;
	source: string;
	tags: string[];
	address1: string;
	city: string;
	state: string;
	postalCode: string;
	country: string;
	website: string;
	dnd: boolean;
	type: string;
	customFields: Array<{ id: string; value: unknown }>;
	dateAdded: string;
	dateUpdated: string;
}

export interface HighLevelNote {
	id: string;
	body: string;
	userId: string;
	contactId: string;
	dateAdded: string;
}

export interface HighLevelTask {
	id: string;
	title: string;
	body: string;
	assignedTo: string;
	/** ISO time in UTC, e.g. 2021-07-08T02:30:00.000Z */
	dueDate: string;
	completed: boolean;
	contactId: string;
}

/** Task fields a caller (tests, "the HighLevel app") may set. */
export type HighLevelTaskInput = Partial<
	Pick<HighLevelTask, 'title' | 'body' | 'assignedTo' | 'dueDate' | 'completed'>
>;

export interface HighLevelDelivery {
	type: string;
	id: string;
	url: string;
	status: number | null;
	error?: string;
}

export interface HighLevelRequestLog {
	method: string;
	path: string;
	status: number;
	/** the contact an upsert wrote (created or changed), for counting writes per record */
	contactId?: string;
}

export interface HighLevelState {
	locationId: string;
	contacts: HighLevelContact[];
	notes: HighLevelNote[];
	tasks: HighLevelTask[];
	deliveries: HighLevelDelivery[];
	requests: HighLevelRequestLog[];
	publicKey: string;
}

export interface HighLevelStartOptions {
	port?: number;
	host?: '127.0.0.1';
	/** PRNG seed of ids and generated contacts */
	seed?: number;
	/** contacts generated at start (default 0) */
	contacts?: number;
	/** where webhooks go (a marketplace app's webhook URL); none: no deliveries */
	webhookUrl?: string;
}

/** Contact fields a caller (tests, "the HighLevel app") may set. */
export type HighLevelContactInput = Partial<
	Pick<
		HighLevelContact,
		| 'firstName'
		| 'lastName'
		| 'email'
		| 'phone'
		| 'companyName'
		| 'source'
		| 'tags'
		| 'address1'
		| 'city'
		| 'state'
		| 'postalCode'
		| 'country'
		| 'website'
		| 'dnd'
	>
>;

export interface HighLevelFake {
	url: string;
	token: string;
	locationId: string;
	stop(): Promise<void>;
	state(): HighLevelState;
	setWebhookUrl(url: string | undefined): void;
	/** adds generated contacts (no webhooks: an import done before the app was installed) */
	seedContacts(count: number): HighLevelContact[];
	/** a contact created in the HighLevel app: fires ContactCreate */
	createContact(input: HighLevelContactInput): Promise<HighLevelContact>;
	/** an edit in the HighLevel app: fires ContactUpdate when something changed */
	updateContact(id: string, input: HighLevelContactInput): Promise<HighLevelContact>;
	/** a note added in the HighLevel app: fires NoteCreate */
	addNote(contactId: string, body: string): Promise<HighLevelNote>;
	/** a task added in the HighLevel app (no webhook: the templates read tasks, they do not listen) */
	addTask(contactId: string, input: HighLevelTaskInput): HighLevelTask;
	/** an edit of a task in the HighLevel app */
	updateTask(taskId: string, input: HighLevelTaskInput): HighLevelTask;
	contact(id: string): HighLevelContact | undefined;
	contactByEmail(email: string): HighLevelContact | undefined;
	/** resolves when every queued webhook has been delivered (or failed) */
	settle(timeoutMs?: number): Promise<void>;
}

const INPUT_FIELDS = [
	'firstName',
	'lastName',
	'email',
	'phone',
	'companyName',
	'source',
	'tags',
	'address1',
	'city',
	'state',
	'postalCode',
	'country',
	'website',
	'dnd',
] as const;

const FIRST = ['Ava', 'Ben', 'Cleo', 'Dev', 'Emma', 'Finn', 'Gia', 'Hugo', 'Iris', 'Jack'];
const LAST = ['Reyes', 'Nakamura', 'Okafor', 'Schmidt', 'Larsen', 'Moreau', 'Kowalski', 'Silva'];
const COMPANIES = ['', 'Acme Realty', 'Sun Valley Homes', 'Cactus Capital', ''];
const TAGS = ['buyer', 'seller', 'investor', 'hot lead', 'newsletter'];

/** E.164 as HighLevel shows phones: 10 digits get +1, others keep their digits. */
export function e164(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (!digits) return '';
	if (digits.length === 10) return `+1${digits}`;
	return `+${digits}`;
}

class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: Record<string, unknown>,
	) {
		super(String(body.message));
	}
}

const badRequest = (message: string) => new ApiError(400, { statusCode: 400, message });
const unprocessable = (...messages: string[]) =>
	new ApiError(422, { statusCode: 422, message: messages, error: 'Unprocessable Entity' });

export async function start(options: HighLevelStartOptions = {}): Promise<HighLevelFake> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1') throw new Error('the HighLevel fake listens on 127.0.0.1 only');
	const random = prng(options.seed ?? 1);
	const makeId = () =>
		Array.from({ length: 20 }, () => {
			const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
			return alphabet[Math.floor(random() * alphabet.length)];
		}).join('');
	const token = `pit-${makeId().toLowerCase()}`;
	const locationId = makeId();
	const userId = makeId();
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
	const contacts = new Map<string, HighLevelContact>();
	const notes: HighLevelNote[] = [];
	const tasks: HighLevelTask[] = [];
	const deliveries: HighLevelDelivery[] = [];
	const requests: HighLevelRequestLog[] = [];
	let webhookUrl = options.webhookUrl;
	let deliveryChain: Promise<void> = Promise.resolve();
	let serial = 0;

	// ------------------------------------------------------------------------- records

	function newContact(input: HighLevelContactInput): HighLevelContact {
		const at = new Date().toISOString();
		const contact: HighLevelContact = {
			id: makeId(),
			locationId,
			name: '',
			firstName: '',
			lastName: '',
			email: '',
			emailLowerCase: '',
			phone: '',
			companyName: '',
			source: '',
			tags: [],
			address1: '',
			city: '',
			state: '',
			postalCode: '',
			country: 'US',
			website: '',
			dnd: false,
			type: 'lead',
			customFields: [],
			dateAdded: at,
			dateUpdated: at,
		};
		apply(contact, input);
		contacts.set(contact.id, contact);
		return contact;
	}

	/** Writes the given fields; returns whether anything changed. */
	function apply(contact: HighLevelContact, input: HighLevelContactInput): boolean {
		let changed = false;
		for (const field of INPUT_FIELDS) {
			const raw = input[field];
			if (raw === undefined) continue;
			let value: unknown = raw === null ? '' : raw;
			if (field === 'phone') value = e164(String(value));
			if (field === 'email') value = String(value).trim();
			if (field === 'tags') value = [...new Set((value as string[]).map((tag) => tag.trim()))];
			if (JSON.stringify(contact[field]) !== JSON.stringify(value)) {
				(contact as unknown as Record<string, unknown>)[field] = value;
				changed = true;
			}
		}
		contact.emailLowerCase = contact.email.toLowerCase();
		contact.name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
		if (changed) contact.dateUpdated = new Date().toISOString();
		return changed;
	}

	function generated(): HighLevelContactInput {
		const n = ++serial;
		const firstName = FIRST[Math.floor(random() * FIRST.length)];
		const lastName = `${LAST[Math.floor(random() * LAST.length)]}${n}`;
		return {
			firstName,
			lastName,
			email: `${firstName}.${lastName}@example.com`.toLowerCase(),
			phone: `480555${String(n).padStart(4, '0')}`,
			companyName: COMPANIES[Math.floor(random() * COMPANIES.length)],
			source: 'facebook ad',
			tags: [TAGS[Math.floor(random() * TAGS.length)]],
			city: 'Phoenix',
			state: 'AZ',
		};
	}

	function byEmail(email: string): HighLevelContact | undefined {
		const wanted = email.trim().toLowerCase();
		if (!wanted) return undefined;
		for (const contact of contacts.values()) if (contact.emailLowerCase === wanted) return contact;
		return undefined;
	}

	function byPhone(phone: string): HighLevelContact | undefined {
		const wanted = e164(phone);
		if (!wanted) return undefined;
		for (const contact of contacts.values()) if (contact.phone === wanted) return contact;
		return undefined;
	}

	// ------------------------------------------------------------------------- webhooks

	function fire(type: string, payload: Record<string, unknown>): void {
		const target = webhookUrl;
		if (!target) return;
		const body = JSON.stringify({
			type,
			locationId,
			...payload,
			timestamp: new Date().toISOString(),
			webhookId: randomUUID(),
		});
		const signer = createSign('RSA-SHA256');
		signer.update(body);
		const signature = signer.sign(privateKey, 'base64');
		const delivery: HighLevelDelivery = {
			type,
			id: String(payload.id),
			url: target,
			status: null,
		};
		deliveries.push(delivery);
		deliveryChain = deliveryChain.then(async () => {
			try {
				const response = await fetch(target, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-wh-signature': signature },
					body,
					signal: AbortSignal.timeout(15_000),
				});
				await response.arrayBuffer();
				delivery.status = response.status;
			} catch (error) {
				delivery.error = (error as Error).message;
			}
		});
	}

	const contactPayload = (contact: HighLevelContact) => {
		const { emailLowerCase: _lower, type: _type, dateUpdated: _updated, ...rest } = contact;
		void _lower;
		void _type;
		void _updated;
		return { ...rest, attachments: [], assignedTo: '' };
	};

	function upsertContact(input: HighLevelContactInput): {
		created: boolean;
		changed: boolean;
		contact: HighLevelContact;
	} {
		const existing =
			(input.email ? byEmail(String(input.email)) : undefined) ??
			(input.phone ? byPhone(String(input.phone)) : undefined);
		if (!existing) {
			const contact = newContact(input);
			fire('ContactCreate', contactPayload(contact));
			return { created: true, changed: true, contact };
		}
		const changed = apply(existing, input);
		if (changed) fire('ContactUpdate', contactPayload(existing));
		return { created: false, changed, contact: existing };
	}

	function createNote(contactId: string, body: string, noteUserId: string): HighLevelNote {
		const note: HighLevelNote = {
			id: makeId(),
			body,
			userId: noteUserId,
			contactId,
			dateAdded: new Date().toISOString(),
		};
		notes.push(note);
		fire('NoteCreate', { id: note.id, body, contactId, dateAdded: note.dateAdded });
		return note;
	}

	// ------------------------------------------------------------------------- HTTP

	function requireLocation(value: unknown): void {
		if (typeof value !== 'string' || value === '')
			throw unprocessable('locationId must be a string');
		if (value !== locationId) {
			throw new ApiError(403, {
				statusCode: 403,
				message: 'The token does not have access to this location',
			});
		}
	}

	function readInput(body: Record<string, unknown>): HighLevelContactInput {
		const input: Record<string, unknown> = {};
		for (const field of INPUT_FIELDS) {
			const value = body[field];
			if (value === undefined) continue;
			if (field === 'tags') {
				if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
					throw unprocessable('tags must be an array of strings');
				}
			} else if (field === 'dnd') {
				if (typeof value !== 'boolean') throw unprocessable('dnd must be a boolean value');
			} else if (value !== null && typeof value !== 'string') {
				throw unprocessable(`${field} must be a string`);
			}
			input[field] = value;
		}
		if (
			typeof input.email === 'string' &&
			input.email &&
			!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)
		) {
			throw unprocessable('email must be an email');
		}
		return input as HighLevelContactInput;
	}

	function findContact(id: string): HighLevelContact {
		const contact = contacts.get(id);
		if (!contact) throw badRequest('Contact not found');
		return contact;
	}

	function search(body: Record<string, unknown>): Record<string, unknown> {
		requireLocation(body.locationId);
		const pageLimit = body.pageLimit;
		if (
			typeof pageLimit !== 'number' ||
			!Number.isInteger(pageLimit) ||
			pageLimit < 1 ||
			pageLimit > 500
		) {
			throw unprocessable('pageLimit must be an integer from 1 to 500');
		}
		const page = body.page === undefined ? 1 : body.page;
		if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
			throw unprocessable('page must be a positive integer');
		}
		if (page * pageLimit > 10000)
			throw badRequest('page and pageLimit reach past 10,000 records: use searchAfter');
		let list = [...contacts.values()];
		const filters = body.filters === undefined ? [] : body.filters;
		if (!Array.isArray(filters)) throw unprocessable('filters must be an array');
		const readers: Record<string, (contact: HighLevelContact) => string> = {
			email: (contact) => contact.emailLowerCase,
			phone: (contact) => contact.phone,
			firstNameLowerCase: (contact) => contact.firstName.toLowerCase(),
			lastNameLowerCase: (contact) => contact.lastName.toLowerCase(),
		};
		for (const filter of filters as Array<Record<string, unknown>>) {
			const read = readers[String(filter.field)];
			if (!read || filter.operator !== 'eq') {
				throw unprocessable(
					`filter ${String(filter.field)} ${String(filter.operator)} is not supported`,
				);
			}
			let wanted = String(filter.value ?? '').toLowerCase();
			if (filter.field === 'phone') wanted = e164(wanted);
			list = list.filter((contact) => read(contact) === wanted);
		}
		if (typeof body.query === 'string' && body.query.trim()) {
			const text = body.query.trim().toLowerCase();
			list = list.filter((contact) =>
				[contact.name, contact.email, contact.phone, contact.companyName].some((value) =>
					value.toLowerCase().includes(text),
				),
			);
		}
		return {
			contacts: list
				.slice((page - 1) * pageLimit, page * pageLimit)
				.map((contact) => ({ ...contact })),
			total: list.length,
		};
	}

	function route(
		method: string,
		path: string,
		query: URLSearchParams,
		body: Record<string, unknown>,
		log: HighLevelRequestLog,
	): { status: number; body: unknown } {
		if (method === 'POST' && path === '/contacts/search')
			return { status: 200, body: search(body) };
		if (method === 'GET' && path === '/contacts/search/duplicate') {
			requireLocation(query.get('locationId') ?? '');
			const email = query.get('email') ?? '';
			const number = query.get('number') ?? '';
			if (!email && !number) throw badRequest('email or number is required');
			const found = (email ? byEmail(email) : undefined) ?? (number ? byPhone(number) : undefined);
			return { status: 200, body: { contact: found ? { ...found } : null } };
		}
		if (method === 'POST' && path === '/contacts/upsert') {
			requireLocation(body.locationId);
			const input = readInput(body);
			if (!input.email && !input.phone) throw badRequest('email or phone is required');
			const outcome = upsertContact(input);
			if (outcome.changed) log.contactId = outcome.contact.id;
			return {
				status: 200,
				body: { new: outcome.created, contact: { ...outcome.contact }, traceId: randomUUID() },
			};
		}
		const notesMatch = /^\/contacts\/([^/]+)\/notes$/.exec(path);
		if (notesMatch) {
			const contact = findContact(decodeURIComponent(notesMatch[1]));
			if (method === 'GET') {
				return {
					status: 200,
					body: {
						notes: notes
							.filter((note) => note.contactId === contact.id)
							.map((note) => ({ ...note })),
					},
				};
			}
			if (method === 'POST') {
				if (typeof body.body !== 'string' || body.body === '')
					throw unprocessable('body must be a string');
				const note = createNote(
					contact.id,
					body.body,
					typeof body.userId === 'string' ? body.userId : userId,
				);
				return { status: 201, body: { note: { ...note } } };
			}
		}
		const tasksMatch = /^\/contacts\/([^/]+)\/tasks$/.exec(path);
		if (tasksMatch && method === 'GET') {
			const contact = findContact(decodeURIComponent(tasksMatch[1]));
			return {
				status: 200,
				body: {
					tasks: tasks.filter((task) => task.contactId === contact.id).map((task) => ({ ...task })),
				},
			};
		}
		const contactMatch = /^\/contacts\/([^/]+)$/.exec(path);
		if (contactMatch && method === 'GET') {
			return {
				status: 200,
				body: { contact: { ...findContact(decodeURIComponent(contactMatch[1])) } },
			};
		}
		throw new ApiError(404, {
			statusCode: 404,
			message: `Cannot ${method} ${path}`,
			error: 'Not Found',
		});
	}

	function handle(
		request: IncomingMessage,
		text: string,
		log: HighLevelRequestLog,
	): { status: number; body: unknown } {
		if (request.headers.authorization !== `Bearer ${token}`) {
			throw new ApiError(401, {
				statusCode: 401,
				message: 'Invalid token: access token is invalid',
				error: 'Unauthorized',
			});
		}
		if (request.headers.version !== HIGHLEVEL_API_VERSION) {
			throw badRequest(`Version header must be ${HIGHLEVEL_API_VERSION}`);
		}
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		let body: Record<string, unknown> = {};
		if (text.trim()) {
			try {
				const parsed = JSON.parse(text) as unknown;
				if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
					throw new Error('not an object');
				body = parsed as Record<string, unknown>;
			} catch {
				throw badRequest('Unexpected token in JSON body');
			}
		}
		const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		return route(request.method ?? 'GET', path, url.searchParams, body, log);
	}

	const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const log: HighLevelRequestLog = {
				method: request.method ?? '',
				path: (request.url ?? '').split('?')[0],
				status: 0,
			};
			let status: number;
			let body: unknown;
			try {
				({ status, body } = handle(request, Buffer.concat(chunks).toString('utf8'), log));
			} catch (error) {
				if (error instanceof ApiError) ({ status, body } = error);
				else {
					status = 500;
					body = { statusCode: 500, message: (error as Error).message };
				}
			}
			log.status = status;
			requests.push(log);
			sendJson(response, status, body);
		});
	});
	const listening = await listenLocal(server, options.port, host);
	const { url } = listening;

	const fake: HighLevelFake = {
		url,
		token,
		locationId,
		async stop() {
			await fake.settle(5000).catch(() => undefined);
			await listening.stop();
		},
		state: () => ({
			locationId,
			contacts: [...contacts.values()].map((contact) => structuredClone(contact)),
			notes: notes.map((note) => ({ ...note })),
			tasks: tasks.map((task) => ({ ...task })),
			deliveries: deliveries.map((delivery) => ({ ...delivery })),
			requests: requests.map((entry) => ({ ...entry })),
			publicKey: publicKeyPem,
		}),
		setWebhookUrl(next) {
			webhookUrl = next;
		},
		seedContacts: (count) =>
			Array.from({ length: count }, () => structuredClone(newContact(generated()))),
		async createContact(input) {
			const outcome = upsertContact(input);
			return structuredClone(outcome.contact);
		},
		async updateContact(id, input) {
			const contact = findContact(id);
			if (apply(contact, input)) fire('ContactUpdate', contactPayload(contact));
			return structuredClone(contact);
		},
		async addNote(contactId, body) {
			return { ...createNote(findContact(contactId).id, body, userId) };
		},
		addTask(contactId, input) {
			const task: HighLevelTask = {
				id: makeId(),
				title: 'Follow up',
				body: '',
				assignedTo: userId,
				dueDate: new Date(Date.now() + 86_400_000).toISOString(),
				completed: false,
				contactId: findContact(contactId).id,
				...input,
			};
			tasks.push(task);
			return { ...task };
		},
		updateTask(taskId, input) {
			const task = tasks.find((entry) => entry.id === taskId);
			if (!task) throw new Error(`task ${taskId} not found`);
			Object.assign(task, input);
			return { ...task };
		},
		contact: (id) => (contacts.has(id) ? structuredClone(contacts.get(id)!) : undefined),
		contactByEmail: (email) => {
			const found = byEmail(email);
			return found ? structuredClone(found) : undefined;
		},
		async settle(timeoutMs = 10_000) {
			let timer: NodeJS.Timeout | undefined;
			try {
				await Promise.race([
					(async () => {
						// deliveries queued while waiting are awaited too
						for (let round = 0; round < 1000; round++) {
							const current = deliveryChain;
							await current;
							if (current === deliveryChain) return;
						}
					})(),
					new Promise<never>((_, reject) => {
						timer = setTimeout(
							() => reject(new Error(`webhook deliveries still running after ${timeoutMs} ms`)),
							timeoutMs,
						);
					}),
				]);
			} finally {
				if (timer) clearTimeout(timer);
			}
		},
	};
	if (options.contacts) fake.seedContacts(options.contacts);
	return fake;
}
