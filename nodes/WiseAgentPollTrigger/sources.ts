import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { parseApiDateTime } from '../WiseAgent/helpers/apiDates';
import type { ChangeCursor } from '../WiseAgent/helpers/changeWindow';
import { NO_ORIGIN } from '../WiseAgent/helpers/changeWindow';
import { formatUtcDateTime } from '../WiseAgent/helpers/dates';
import type { ChangeSourceName } from '../WiseAgent/transport';
import { getContacts } from '../WiseAgent/transport';

export type PollEvent = 'contact' | 'task' | 'property';
export type PollChange = 'new' | 'newOrUpdated';

/**
 * What the trigger remembers between polls (static data `cursor`). `key` names the event and
 * change kind it was built for: changing either starts over as a first run.
 */
export interface PollCursor extends IDataObject {
	key: string;
	feed: ChangeCursor;
}

export function pollSource(event: PollEvent, change: PollChange): ChangeSourceName {
	if (event === 'property') return 'propertiesAdded';
	if (event === 'task') return change === 'new' ? 'tasksAdded' : 'tasksChanged';
	return change === 'new' ? 'contactsAdded' : 'contactsChanged';
}

/**
 * A cursor saved by version 0.1 (n8n-clock window for contacts, a watermark for tasks and
 * properties) carried on, so an upgrade neither re-emits nor skips what changed around it.
 */
export function migrateCursor(saved: IDataObject, overlapMs: number): ChangeCursor | undefined {
	if (saved.feed) return saved.feed as ChangeCursor;
	const oldSeen = (saved.seen ?? {}) as Record<string, number>;
	const seen: Record<string, number> = {};
	for (const [key, value] of Object.entries(oldSeen)) {
		// "id@<change time>" keys (New or Updated) become id → that time.
		const at = key.indexOf('@');
		const time = at === -1 ? value : parseApiDateTime(key.slice(at + 1));
		if (time !== undefined) seen[at === -1 ? key : key.slice(0, at)] = time;
	}
	if (typeof saved.lastPollAt === 'number') {
		return { mark: null, origin: saved.lastPollAt - overlapMs, seen };
	}
	if (saved.watermark !== undefined) {
		const mark = typeof saved.watermark === 'number' ? saved.watermark : null;
		return { mark, origin: NO_ORIGIN, seen };
	}
	return undefined;
}

/** Manual runs look for the latest contact in these windows, smallest first. */
const MANUAL_CONTACT_WINDOWS_DAYS = [1, 30, 365];
const MANUAL_CONTACT_LIMIT = 1000;

/** The most recently changed contact (for a manual run, so fields can be mapped). */
export async function latestContact(
	this: IPollFunctions,
	change: PollChange,
	now: number,
): Promise<IDataObject | undefined> {
	const field = change === 'new' ? 'DateAddedUTC' : 'DateUpdatedUTC';
	for (const days of MANUAL_CONTACT_WINDOWS_DAYS) {
		const since = new Date(now - days * 86_400_000);
		const contacts = await getContacts(
			this,
			{ DateUpdatedUTC: formatUtcDateTime(since) },
			{ limit: MANUAL_CONTACT_LIMIT },
		);
		const latest = latestBy(contacts, (contact) => parseApiDateTime(contact[field]));
		if (latest) return latest;
		if (contacts.length > 0) return contacts[0];
	}
	return undefined;
}

export function latestBy<T>(items: T[], valueOf: (item: T) => number | undefined): T | undefined {
	let best: T | undefined;
	let bestValue = -Infinity;
	for (const item of items) {
		const value = valueOf(item);
		if (value !== undefined && value > bestValue) {
			best = item;
			bestValue = value;
		}
	}
	return best;
}
