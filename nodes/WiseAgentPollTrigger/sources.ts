import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { formatUtcDateTime } from '../WiseAgent/helpers/dates';
import {
	getContacts,
	getProperties,
	PROPERTIES_PAGE_SIZE,
	walkTasks,
} from '../WiseAgent/transport';
import { parseApiDateTime } from './apiDates';

export type PollEvent = 'contact' | 'task' | 'property';
export type PollChange = 'new' | 'newOrUpdated';

/**
 * What the trigger remembers between polls (static data `cursor`). `key` names the event and
 * change kind it was built for: changing either starts over as a first run.
 */
export interface PollCursor extends IDataObject {
	key: string;
	/** Contacts: start of the last poll on n8n's clock (ms). */
	lastPollAt?: number;
	/**
	 * Tasks and properties: the highest value seen (task date as an ordering number, or
	 * PropertyID); null when the account had none yet.
	 */
	watermark?: number | null;
	/** Records already emitted inside the overlap: key → contacts: when seen; others: their value. */
	seen: Record<string, number>;
}

/** Properties are told apart by id: ids this far below the highest seen are still checked. */
export const PROPERTY_ID_OVERLAP = 20;
/** Manual runs look for the latest contact in these windows, smallest first. */
const MANUAL_CONTACT_WINDOWS_DAYS = [1, 30, 365];
const MANUAL_CONTACT_LIMIT = 1000;

export interface PollSettings {
	event: PollEvent;
	change: PollChange;
	overlapMs: number;
	now: number;
}

export interface PollOutcome {
	records: IDataObject[];
	cursor: PollCursor;
}

// ---------------------------------------------------------------- contacts

/**
 * getContacts filtered by `DateUpdatedUTC` (minute precision, UTC) from the last poll minus the
 * overlap. Contacts returned again inside the overlap are recognised by ClientID plus
 * DateUpdatedUTC (New or Updated) or by ClientID (New: DateAddedUTC inside the window).
 */
export async function pollContacts(
	this: IPollFunctions,
	settings: PollSettings,
	cursor: PollCursor,
): Promise<PollOutcome> {
	const since = (cursor.lastPollAt ?? settings.now) - settings.overlapMs;
	const sinceMinute = Math.floor(since / 60_000) * 60_000;
	const contacts = await fetchContactsUpdatedSince.call(this, sinceMinute);
	// Entries older than this cannot come back: the next window starts at now - overlap, and
	// up to `overlap` of clock skew between n8n and Wise Agent is allowed for.
	const keepAfter = settings.now - 2 * settings.overlapMs - 60_000;
	const seen = Object.fromEntries(
		Object.entries(cursor.seen).filter(([, seenAt]) => seenAt >= keepAfter),
	);
	const records: IDataObject[] = [];
	for (const contact of contacts) {
		const id = String(contact.ClientID ?? contact.ClientId ?? '');
		let key: string;
		if (settings.change === 'new') {
			const added = parseApiDateTime(contact.DateAddedUTC);
			if (added === undefined || added < sinceMinute) continue;
			key = id;
		} else {
			key = `${id}@${String(contact.DateUpdatedUTC ?? '')}`;
		}
		if (!(key in seen)) records.push(contact);
		seen[key] = settings.now;
	}
	return { records, cursor: { key: cursor.key, lastPollAt: settings.now, seen } };
}

async function fetchContactsUpdatedSince(
	this: IPollFunctions,
	since: number,
	limit?: number,
): Promise<IDataObject[]> {
	return await getContacts(this, { DateUpdatedUTC: formatUtcDateTime(new Date(since)) }, { limit });
}

export async function latestContact(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<IDataObject | undefined> {
	const field = settings.change === 'new' ? 'DateAddedUTC' : 'DateUpdatedUTC';
	for (const days of MANUAL_CONTACT_WINDOWS_DAYS) {
		const since = settings.now - days * 86_400_000;
		const contacts = await fetchContactsUpdatedSince.call(this, since, MANUAL_CONTACT_LIMIT);
		const latest = latestBy(contacts, (contact) => parseApiDateTime(contact[field]));
		if (latest) return latest;
		if (contacts.length > 0) return contacts[0];
	}
	return undefined;
}

// ---------------------------------------------------------------- tasks and properties

/**
 * The `tasks` list has no date filter, and DateCreated / DateModified are not documented as
 * UTC (unlike contacts' *UTC fields). So the whole list is read, and task dates are only ever
 * compared with other task dates, never with n8n's clock: the cursor keeps the highest one
 * seen, and a task is new when its date is at or above that mark minus the overlap and it was
 * not emitted yet.
 */
export async function fetchAllTasks(this: IPollFunctions): Promise<IDataObject[]> {
	const tasks: IDataObject[] = [];
	await walkTasks(this, (page) => {
		tasks.push(...page);
		return false;
	});
	return tasks;
}

export function taskValue(change: PollChange): (task: IDataObject) => number | undefined {
	return change === 'new'
		? (task) => parseApiDateTime(task.DateCreated)
		: (task) => parseApiDateTime(task.DateModified) ?? parseApiDateTime(task.DateCreated);
}

export function taskKey(change: PollChange): (task: IDataObject) => string {
	return change === 'new'
		? (task) => String(task.TaskID)
		: (task) => `${String(task.TaskID)}@${String(task.DateModified ?? task.DateCreated ?? '')}`;
}

export const propertyValue = (property: IDataObject): number | undefined => {
	const id = Number(property.PropertyID ?? property.PropertyId);
	return Number.isFinite(id) ? id : undefined;
};

export const propertyKey = (property: IDataObject): string =>
	String(property.PropertyID ?? property.PropertyId);

/**
 * getProperties lists the most recent first (documented), so paging stops at the first page
 * that holds a property at or below the mark: everything after it is older.
 */
export async function fetchPropertiesAbove(
	this: IPollFunctions,
	threshold: number,
): Promise<IDataObject[]> {
	return await getProperties(
		this,
		{},
		{
			// A page with an old property comes back short, which ends the paging.
			keep: (property) => (propertyValue(property) ?? -1) >= threshold,
		},
	);
}

export async function fetchNewestProperties(this: IPollFunctions): Promise<IDataObject[]> {
	return await getProperties(this, {}, { limit: PROPERTIES_PAGE_SIZE });
}

/**
 * Records at or above `watermark - overlap` that were not emitted yet; the new cursor keeps the
 * highest value and the keys still inside the overlap.
 */
export function aboveWatermark(
	records: IDataObject[],
	cursor: PollCursor,
	valueOf: (record: IDataObject) => number | undefined,
	keyOf: (record: IDataObject) => string,
	overlap: number,
): PollOutcome {
	const threshold = cursor.watermark == null ? -Infinity : cursor.watermark - overlap;
	const seen = { ...cursor.seen };
	const emitted: IDataObject[] = [];
	let watermark = cursor.watermark ?? null;
	for (const record of records) {
		const value = valueOf(record);
		if (value === undefined) continue;
		watermark = watermark === null ? value : Math.max(watermark, value);
		if (value < threshold) continue;
		const key = keyOf(record);
		if (!(key in seen)) emitted.push(record);
		seen[key] = value;
	}
	const keepFrom = watermark === null ? -Infinity : watermark - overlap;
	return {
		records: emitted,
		cursor: {
			key: cursor.key,
			watermark,
			seen: Object.fromEntries(Object.entries(seen).filter(([, value]) => value >= keepFrom)),
		},
	};
}

export function latestBy(
	records: IDataObject[],
	valueOf: (record: IDataObject) => number | undefined,
): IDataObject | undefined {
	let best: IDataObject | undefined;
	let bestValue = -Infinity;
	for (const record of records) {
		const value = valueOf(record);
		if (value !== undefined && value > bestValue) {
			best = record;
			bestValue = value;
		}
	}
	return best;
}
