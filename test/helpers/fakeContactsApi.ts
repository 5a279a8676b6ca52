import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { DATA_PATH } from './n8n';

/**
 * A stateful stand-in for Wise Agent's `getContacts` / `getContactsCount`, for tests that run a
 * trigger against a changing account over simulated time. A real HTTP server on 127.0.0.1 (point
 * the credential's Server URL at `url`): through n8n's HTTP stack it answers about four times
 * faster than a nock interceptor, which matters for thousands of polls.
 *
 * Two clocks: n8n's is `Date.now()` (moved by the test with jest's fake Date), Wise Agent's is
 * n8n's plus `skewMs`. Every change is stamped on Wise Agent's clock; it may become visible to
 * readers later than its stamp (a late commit). A read returns each contact as its latest
 * committed version, filtered by `DateUpdatedUTC` (or `dtupdated`, Arizona time), paged with
 * `page` / `page_size`.
 */

/**
 * How the `DateUpdatedUTC` filter ("updated since") is read:
 * - `inclusive`: DateUpdatedUTC >= since (the minute given, at :00.000);
 * - `exclusive`: the record's minute > since, i.e. nothing from the minute given itself (the
 *   strictest reading of a minute-precision "since"; a full-precision `>` lies in between).
 */
export type SinceReading = 'inclusive' | 'exclusive';

/**
 * How record times are printed: `iso` = `2026-12-01T11:44:57.123Z`, `usMinute` =
 * `12/1/2026 11:44` (24-hour UTC, no seconds).
 */
export type TimeFormat = 'iso' | 'usMinute';

export interface FakeContactsOptions {
	/** Wise Agent's clock minus n8n's clock (ms). */
	skewMs: number;
	since: SinceReading;
	format: TimeFormat;
}

export interface ContactVersion {
	/** The test's own tag for this change (its index in the scenario), or -1 for seeded history. */
	tag: number;
	/** DateUpdatedUTC on Wise Agent's clock (ms). */
	stamp: number;
	/** The n8n-clock instant from which reads return this version. */
	visibleAt: number;
}

interface FakeContact {
	id: number;
	/** DateAddedUTC on Wise Agent's clock (ms). */
	added: number;
	/** In stamp order (= commit order: a contact's changes never overtake each other here). */
	versions: ContactVersion[];
}

export interface FakeRequest {
	/** n8n's clock when the request arrived. */
	at: number;
	query: Record<string, string>;
	/** Number of records answered (getContacts) or the count (getContactsCount). */
	answered: number;
}

const MINUTE = 60_000;
const ARIZONA_OFFSET_MS = -7 * 3_600_000;
const DEFAULT_PAGE_SIZE = 100;

export class FakeContactsApi {
	readonly requests: FakeRequest[] = [];

	/** Requests the fake could not read as the documented API (reported, answered with an error). */
	readonly problems: string[] = [];

	private readonly contacts = new Map<number, FakeContact>();

	constructor(readonly options: FakeContactsOptions) {}

	/** Wise Agent's clock at n8n time `at` (now by default). */
	apiTime(at = Date.now()): number {
		return at + this.options.skewMs;
	}

	/** A contact that existed before the test, visible from the start. Stamps on Wise Agent's clock. */
	seed(id: number, added: number, updated = added) {
		if (this.contacts.has(id)) throw new Error(`contact ${id} seeded twice`);
		this.contacts.set(id, {
			id,
			added,
			versions: [{ tag: -1, stamp: updated, visibleAt: -Infinity }],
		});
	}

	/**
	 * A change made at n8n time `at` (stamped `at + skew` by Wise Agent), readable from
	 * `at + lateMs`. Creates the contact when it does not exist yet. Returns the stamp.
	 */
	change(id: number, at: number, tag: number, lateMs = 0): number {
		const stamp = this.apiTime(at);
		const version: ContactVersion = { tag, stamp, visibleAt: at + lateMs };
		const contact = this.contacts.get(id);
		if (!contact) {
			this.contacts.set(id, { id, added: stamp, versions: [version] });
		} else {
			const last = contact.versions[contact.versions.length - 1];
			if (stamp <= last.stamp || version.visibleAt <= last.visibleAt) {
				throw new Error(`contact ${id}: changes must be added in order`);
			}
			contact.versions.push(version);
		}
		return stamp;
	}

	/** The version of a contact that a read at n8n time `at` returns (undefined: not visible yet). */
	versionAt(id: number, at: number): ContactVersion | undefined {
		const contact = this.contacts.get(id);
		if (!contact) return undefined;
		let visible: ContactVersion | undefined;
		for (const version of contact.versions) if (version.visibleAt <= at) visible = version;
		return visible;
	}

	/** All versions of one contact, oldest first. */
	versionsOf(id: number): readonly ContactVersion[] {
		return this.contacts.get(id)?.versions ?? [];
	}

	/** The record text of a time, as this fake prints it. */
	formatTime(ms: number): string {
		if (this.options.format === 'iso') return new Date(ms).toISOString();
		const d = new Date(ms);
		return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`;
	}

	/** The Server URL to put in the credential (after `start`). */
	url = '';

	private server?: http.Server;

	async start(): Promise<string> {
		const server = http.createServer((req, res) => {
			req.resume();
			const [status, body] =
				req.method === 'GET' && (req.url ?? '').split('?')[0] === DATA_PATH
					? this.answer(req.url ?? '')
					: this.fail(`${req.method} ${req.url} is not simulated`, {});
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.server = server;
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return this.url;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private fail(problem: string, query: Record<string, string>): [number, unknown] {
		this.problems.push(`${problem} (query ${JSON.stringify(query)})`);
		return [400, { error: `fake Wise Agent: ${problem}` }];
	}

	private answer(uri: string): [number, unknown] {
		const query = Object.fromEntries(new URL(uri, 'http://127.0.0.1').searchParams.entries());
		const at = Date.now();
		const fail = (problem: string) => this.fail(problem, query);
		const requestType = query.requestType;
		if (requestType !== 'getContacts' && requestType !== 'getContactsCount') {
			return fail(`request type ${String(requestType)} is not simulated`);
		}
		let since: number | undefined;
		if (query.DateUpdatedUTC !== undefined) {
			since = parseFilterMinute(query.DateUpdatedUTC);
			if (since === undefined)
				return fail(`DateUpdatedUTC "${query.DateUpdatedUTC}" is not a documented format`);
		} else if (query.dtupdated !== undefined) {
			const arizona = parseFilterMinute(query.dtupdated);
			if (arizona === undefined)
				return fail(`dtupdated "${query.dtupdated}" is not a documented format`);
			since = arizona - ARIZONA_OFFSET_MS;
		}
		const matching = this.visibleSince(at, since);
		if (requestType === 'getContactsCount') {
			this.requests.push({ at, query, answered: matching.length });
			return [200, { count: matching.length }];
		}
		let page = matching;
		if (query.page !== undefined || query.page_size !== undefined) {
			const number = Number(query.page ?? '1');
			const size = Number(query.page_size ?? DEFAULT_PAGE_SIZE);
			if (!Number.isInteger(number) || number < 1 || !Number.isInteger(size) || size < 1) {
				return fail('page / page_size must be positive integers');
			}
			page = matching.slice((number - 1) * size, number * size);
		}
		this.requests.push({ at, query, answered: page.length });
		return [200, page.map(([contact, version]) => this.record(contact, version))];
	}

	/** Contacts visible at n8n time `at` whose current version passes the filter, in a stable order. */
	private visibleSince(
		at: number,
		since: number | undefined,
	): Array<[FakeContact, ContactVersion]> {
		const result: Array<[FakeContact, ContactVersion]> = [];
		for (const contact of this.contacts.values()) {
			const version = this.versionAt(contact.id, at);
			if (!version) continue;
			if (since !== undefined) {
				const passes =
					this.options.since === 'inclusive'
						? version.stamp >= since
						: Math.floor(version.stamp / MINUTE) * MINUTE > since;
				if (!passes) continue;
			}
			result.push([contact, version]);
		}
		// Oldest change first, ClientID breaking ties (stable across the pages of one read).
		return result.sort((a, b) => a[1].stamp - b[1].stamp || a[0].id - b[0].id);
	}

	private record(contact: FakeContact, version: ContactVersion) {
		const n = contact.versions.indexOf(version);
		return {
			ClientID: contact.id,
			CFirst: `First${contact.id}`,
			CLast: `Last${contact.id}`,
			CEmail: `c${contact.id}@example.com`,
			Categories: JSON.stringify([{ name: n === 0 ? 'Lead' : `Stage ${n}` }]),
			Rank: 'Unranked',
			Status: null,
			Source: 'API',
			DtUpdated: arizonaText(version.stamp),
			DateUpdatedUTC: this.formatTime(version.stamp),
			DateAddedUTC: this.formatTime(contact.added),
			CustomData: '[]',
		};
	}
}

/** `YYYY-MM-DD HH:mm` or `MM/DD/YYYY HH:mm` (24-hour), as documented; anything else: undefined. */
export function parseFilterMinute(text: string): number | undefined {
	let match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
	if (match) {
		const [, y, mo, d, h, mi] = match;
		return checked(+y, +mo, +d, +h, +mi);
	}
	match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
	if (match) {
		const [, mo, d, y, h, mi] = match;
		return checked(+y, +mo, +d, +h, +mi);
	}
	return undefined;
}

function checked(y: number, mo: number, d: number, h: number, mi: number): number | undefined {
	const ms = Date.UTC(y, mo - 1, d, h, mi);
	const back = new Date(ms);
	return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60
		? ms
		: undefined;
}

function arizonaText(utcMs: number): string {
	const d = new Date(utcMs + ARIZONA_OFFSET_MS);
	const hour = d.getUTCHours();
	const h12 = hour % 12 === 0 ? 12 : hour % 12;
	return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hour < 12 ? 'AM' : 'PM'}`;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
