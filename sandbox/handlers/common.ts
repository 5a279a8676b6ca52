import type { Store } from '../store';
import type { WebhookEventType } from '../types';

/**
 * Request parameters, query string first then form body. Names are matched case-insensitively:
 * webconnect.asp is classic ASP, where Request("clientid") finds `clientID` too, and the docs spell
 * the same parameter several ways (clientID / ClientID / clientid, propertyID / PropertyID / propertyId).
 */
export class Params {
	private readonly values = new Map<string, string>();
	private readonly names: string[] = [];
	/** Every name=value pair as sent, duplicates and both sources included (strict mode checks these). */
	readonly raw: Array<[string, string]> = [];

	constructor(...sources: URLSearchParams[]) {
		for (const source of sources) {
			for (const [name, value] of source) {
				this.raw.push([name, value]);
				const key = name.toLowerCase();
				if (!this.values.has(key)) {
					this.values.set(key, value);
					this.names.push(name);
				}
			}
		}
	}

	has(name: string): boolean {
		return this.values.has(name.toLowerCase());
	}

	/** Trimmed value, or undefined when absent. */
	get(name: string): string | undefined {
		return this.values.get(name.toLowerCase())?.trim();
	}

	/** Value of the first present name, for documented aliases (HomePhome / HomePhone). */
	first(...names: string[]): string | undefined {
		for (const name of names) if (this.has(name)) return this.get(name);
		return undefined;
	}

	/** The exact spelling the client used for a name, to tell documented casing variants apart. */
	spelling(name: string): string | undefined {
		return this.names.find((n) => n.toLowerCase() === name.toLowerCase());
	}

	bool(name: string): boolean {
		return /^(true|1|yes|on)$/i.test(this.get(name) ?? '');
	}

	entries(): Array<[string, string]> {
		return this.names.map((n) => [n, this.values.get(n.toLowerCase()) ?? '']);
	}
}

export interface WebhookEvent {
	type: WebhookEventType;
	/** A documented more specific EventType (contactUpdateCategory, taskUpdateComplete, ...). */
	subtype?: string;
	ids: Array<number | string>;
}

/** Runtime switches the handlers read (a subset of `Sandbox.settings`). */
export interface HandlerSettings {
	/** How the docs' `DELETE requestType=webhooks` + `TaskID` / `CallId` is read; see sandbox/README.md. */
	deleteReading: DeleteReading;
}

/**
 * `asPrinted`: tasks and calls are deleted through `DELETE webhooks` + `TaskID` / `CallId`, as the docs
 * print it; `DELETE tasks` / `DELETE calls` do not exist. `resource`: the print is a misprint for
 * `DELETE tasks` / `DELETE calls`, and `DELETE webhooks` + `TaskID` / `CallId` is acknowledged but deletes nothing.
 */
export type DeleteReading = 'asPrinted' | 'resource';
export const DELETE_READINGS: readonly DeleteReading[] = ['asPrinted', 'resource'];

export interface RequestContext {
	method: string;
	requestType: string;
	params: Params;
	store: Store;
	now: number;
	settings: HandlerSettings;
	/** Queues a webhook event; the server delivers it after the response has been sent. */
	emit(event: WebhookEvent): void;
}

export interface Reply {
	status?: number;
	body: unknown;
	/** Send `body` (a string) as text/plain instead of JSON. */
	text?: boolean;
	/** The docs print this body wrapped in quotes (`"[{"success": "true"}]"`); see the stringWrappedJson quirk. */
	docQuoted?: boolean;
}

export interface ScopeRule {
	/** Every listed scope is needed. */
	all?: string[];
	/** At least one listed scope is needed. */
	any?: string[];
}

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	requestType: string;
	/** When it returns false the route does not exist (answered like any unknown request type / method). */
	available?: (settings: HandlerSettings) => boolean;
	scopes: ScopeRule | ((params: Params) => ScopeRule);
	handle(ctx: RequestContext): Reply;
}

export const ok = (body: unknown, docQuoted = false): Reply => ({ body, docQuoted });

/** The documented error styles, all sent with HTTP 200 like the real API. */
export const errors = {
	/** `{"Error":"Missing ClientID"}` (updateContact, addCategories). */
	capital: (message: string): Reply => ({ body: { Error: message } }),
	/** `{"error":"SearchID not found"}` (updatePropertySearchCriteria, deleteProperty). */
	lower: (message: string): Reply => ({ body: { error: message } }),
	/** `{"status":"error","data":{"message":"..."}}` (properties, attachFile). */
	status: (message: string): Reply => ({ body: { status: 'error', data: { message } } }),
	/** `{"success":false,"message":"..."}` (addClientCustom). */
	successFalse: (message: string): Reply => ({ body: { success: false, message } }),
	/** `[{"success":"false","message":"..."}]`, the failure twin of `[{"success":"true"}]` (sandbox choice). */
	arrayFalse: (message: string): Reply => ({
		body: [{ success: 'false', message }],
		docQuoted: true,
	}),
};

/** Comma (or other) delimited list, trimmed, empties dropped. */
export function splitList(text: string | undefined, separator: string | RegExp = ','): string[] {
	if (!text) return [];
	return text
		.split(separator)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

/** Positive integer or undefined. */
export function parseId(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
	const n = Number(text.trim());
	return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export interface ContactRef {
	vendor: boolean;
	id: number;
}

/** `1822535` is a client, `V26855` a vendor (docs: "Prepend with 'V' for vendors"). */
export function parseContactRef(text: string | undefined): ContactRef | undefined {
	const m = /^\s*([vV]?)(\d+)\s*$/.exec(text ?? '');
	if (!m) return undefined;
	const id = parseId(m[2]);
	return id === undefined ? undefined : { vendor: m[1] !== '', id };
}

export function formatContactRef(ref: ContactRef): string {
	return ref.vendor ? `V${ref.id}` : String(ref.id);
}

export function contactRefExists(store: Store, ref: ContactRef): boolean {
	return ref.vendor ? store.data.vendors.has(ref.id) : store.data.contacts.has(ref.id);
}

/** Integer or the fallback (used for page / page_size and numeric fields). */
export function intParam(text: string | undefined, fallback: number): number {
	if (text === undefined || !/^-?\d+$/.test(text)) return fallback;
	return Number(text);
}

/**
 * Slices one page. `page` starts at 1; a page past the end is an empty list (no total is sent,
 * clients stop on a short page).
 */
export function paginate<T>(list: readonly T[], params: Params, defaultPageSize: number): T[] {
	const page = Math.max(1, intParam(params.get('page'), 1));
	const size = Math.max(1, intParam(params.get('page_size'), defaultPageSize));
	return list.slice((page - 1) * size, page * size);
}

/** Applies the documented character limits; returns the first field that is too long. */
export function findTooLong(params: Params, limits: Record<string, number>): string | undefined {
	for (const [field, limit] of Object.entries(limits)) {
		const value = params.get(field);
		if (value !== undefined && value.length > limit)
			return `${field} exceeds the ${limit} character limit`;
	}
	return undefined;
}

export const digitsOnly = (text: string): string => text.replace(/\D/g, '');
