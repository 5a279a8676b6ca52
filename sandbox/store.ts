import type { Category, Contact, StoreData } from './types';

export * from './types';

const MAP_KEYS = [
	'contacts',
	'vendors',
	'notes',
	'tasks',
	'calls',
	'categories',
	'programs',
	'transactions',
	'content',
	'calendar',
	'properties',
	'searchCriteria',
	'clientAddresses',
	'webhooks',
] as const;

export function emptyStoreData(): StoreData {
	return {
		user: {
			First: 'Sandy',
			Last: 'Agent',
			Email: 'sandy.agent@example.com',
			Company: 'Sandbox Realty',
		},
		contacts: new Map(),
		vendors: new Map(),
		notes: new Map(),
		tasks: new Map(),
		calls: new Map(),
		categories: new Map(),
		team: [],
		outsideTeam: [],
		sources: [],
		programs: new Map(),
		transactions: new Map(),
		content: new Map(),
		calendar: new Map(),
		properties: new Map(),
		searchCriteria: new Map(),
		clientAddresses: new Map(),
		webhooks: new Map(),
		files: [],
		loginTokens: [],
		sequences: {},
	};
}

/** The in-memory account plus the few indexes the handlers need to stay fast at 100,000 contacts. */
export class Store {
	data: StoreData;
	private emailIndex = new Map<string, number>();
	private orderCache: Contact[] | null = null;

	constructor(data: StoreData = emptyStoreData()) {
		this.data = data;
		this.rebuildIndexes();
	}

	replace(data: StoreData): void {
		this.data = data;
		this.rebuildIndexes();
	}

	nextId(kind: string, start = 1000): number {
		const next = this.data.sequences[kind] ?? start;
		this.data.sequences[kind] = next + 1;
		return next;
	}

	rebuildIndexes(): void {
		this.emailIndex.clear();
		for (const c of this.data.contacts.values()) this.indexEmail(c);
		this.orderCache = null;
	}

	private indexEmail(c: Contact): void {
		const key = c.CEmail.trim().toLowerCase();
		if (key && !this.emailIndex.has(key)) this.emailIndex.set(key, c.ClientID);
	}

	contactByEmail(email: string): Contact | undefined {
		const id = this.emailIndex.get(email.trim().toLowerCase());
		const c = id === undefined ? undefined : this.data.contacts.get(id);
		if (c && c.CEmail.trim().toLowerCase() === email.trim().toLowerCase()) return c;
		// The index is first-come; fall back to a scan when the indexed contact changed its email.
		for (const other of this.data.contacts.values()) {
			if (other.CEmail.trim().toLowerCase() === email.trim().toLowerCase()) return other;
		}
		return undefined;
	}

	addContact(c: Contact): void {
		this.data.contacts.set(c.ClientID, c);
		this.indexEmail(c);
		this.orderCache = null;
	}

	deleteContact(id: number): boolean {
		const c = this.data.contacts.get(id);
		if (!c) return false;
		this.data.contacts.delete(id);
		this.emailIndex.delete(c.CEmail.trim().toLowerCase());
		this.orderCache = null;
		return true;
	}

	/** Call after changing a contact's email so webcontact de-duplication keeps matching. */
	reindexContact(c: Contact): void {
		this.indexEmail(c);
	}

	/** Contacts in ClientID order (the order getContacts pages through). */
	orderedContacts(): Contact[] {
		if (!this.orderCache) this.orderCache = [...this.data.contacts.values()];
		return this.orderCache;
	}

	/** Marks a contact changed now, so polling by dtupdated / DateUpdatedUTC sees it. */
	touchContact(c: Contact, now = Date.now()): void {
		// Strictly increasing, so two edits in the same millisecond still order.
		c.updatedMs = Math.max(now, c.updatedMs + 1);
	}

	categoryByName(name: string): Category | undefined {
		const wanted = name.trim().toLowerCase();
		for (const cat of this.data.categories.values()) {
			if (cat.name.toLowerCase() === wanted) return cat;
		}
		return undefined;
	}

	ensureCategory(name: string): Category {
		const existing = this.categoryByName(name);
		if (existing) return existing;
		const cat = { id: this.nextId('category', 11000), name: name.trim() };
		this.data.categories.set(cat.id, cat);
		return cat;
	}

	/** Plain JSON (Maps become arrays of records) for the state file and GET /__sandbox/state. */
	toJSON(): Record<string, unknown> {
		const out: Record<string, unknown> = { ...this.data };
		for (const key of MAP_KEYS) out[key] = [...this.data[key].values()];
		return out;
	}

	static dataFromJSON(json: Record<string, unknown>): StoreData {
		const data = { ...emptyStoreData(), ...(json as Partial<StoreData>) } as StoreData;
		const idKey: Record<(typeof MAP_KEYS)[number], string> = {
			contacts: 'ClientID',
			vendors: 'VendorID',
			notes: 'NoteID',
			tasks: 'TaskID',
			calls: 'CallId',
			categories: 'id',
			programs: 'ProgramID',
			transactions: 'CLDataID',
			content: 'Id',
			calendar: 'PlannerID',
			properties: 'PropertyID',
			searchCriteria: 'SearchID',
			clientAddresses: 'ClientAddressID',
			webhooks: 'WebhookID',
		};
		for (const key of MAP_KEYS) {
			const list = (json[key] as Array<Record<string, unknown>> | undefined) ?? [];
			(data as unknown as Record<string, Map<number, unknown>>)[key] = new Map(
				list.map((r) => [Number(r[idKey[key]]), r]),
			);
		}
		return data;
	}
}
