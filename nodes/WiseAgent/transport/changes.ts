import type { IDataObject } from 'n8n-workflow';

import { parseApiDateTime } from '../helpers/apiDates';
import type { Change, ChangeAxis } from '../helpers/changeWindow';
import { formatUtcDateTime } from '../helpers/dates';
import type { EventFamily } from './webhookEvents';
import type { WiseAgentContext } from './request';
import {
	DEFAULT_PAGE_SIZE,
	getContacts,
	getProperties,
	PROPERTIES_PAGE_SIZE,
	propertyIdOf,
	taskIdOf,
	walkTasks,
} from './api';

/**
 * The changes Wise Agent can list, read the same way by the Poll Trigger and by the webhook
 * trigger's catch-up: what to ask for from a window start, and each record's key and times.
 *
 * - contacts: getContacts filtered by `DateUpdatedUTC` (UTC, whole minutes, "updated since":
 *   windows start a minute early so an exclusive reading of "since" loses nothing);
 * - tasks: the `tasks` list has no date filter and its dates carry no zone, so the whole list
 *   is read and task dates are only compared with each other;
 * - properties: getProperties lists the newest first and has no update time, so only new
 *   properties are found, by PropertyID.
 */
export type ChangeSourceName =
	| 'contactsAdded'
	| 'contactsChanged'
	| 'contactsUpdated'
	| 'tasksAdded'
	| 'tasksChanged'
	| 'propertiesAdded';

export interface ChangeRead {
	changes: Array<Change<IDataObject>>;
	/**
	 * Set when the read stopped at its page bound: the page a read of the same window goes on
	 * from. It is the last page read, once more: a record removed meanwhile shifts the ones after
	 * it a place back, and the page read again brings them (those seen are not emitted twice).
	 */
	resumeAt?: number;
}

export interface ChangeSource {
	axis: ChangeAxis;
	/** Times are UTC instants (comparable with a delivery's EventCreated). */
	utc: boolean;
	/** How far before n8n's clock the first window starts (skew between the two clocks). */
	firstWindow: number;
	/**
	 * `first`: the read that only learns where the feed stands (properties: the newest page).
	 * `fromPage`: where an earlier read of the window stopped (ChangeRead.resumeAt).
	 */
	read(
		context: WiseAgentContext,
		since: number,
		maxPages: number,
		first?: boolean,
		fromPage?: number,
	): Promise<ChangeRead>;
	/** The record's id as Wise Agent sends it (a number, usually). */
	idOf(record: IDataObject): string | number;
	/** The webhook event a change of this record is. */
	eventOf(record: IDataObject): EventFamily;
	/** The change time as Wise Agent wrote it. */
	timeText(record: IDataObject): string | null;
}

const MINUTE = 60_000;
/** Default overlap: how late a change may become visible after a newer one and still be read. */
export const CHANGE_OVERLAP_MS = 2 * MINUTE;
/** Properties are told apart by id: ids this far below the highest seen are checked again. */
export const PROPERTY_ID_OVERLAP = 20;
/** First window of a contact feed: up to this much clock difference is absorbed. */
const CONTACT_FIRST_WINDOW = 60 * MINUTE;

export function contactIdOf(contact: IDataObject): string {
	return String(contact.ClientID ?? contact.ClientId ?? '');
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Reads up to `maxPages` pages from `fromPage`, and one record more, which tells whether the
 * list goes on: then the records are cut to the pages read and `resumeAt` is set.
 */
async function readBounded(
	maxPages: number,
	pageSize: number,
	fromPage: number,
	read: (limit: number | undefined) => Promise<IDataObject[]>,
): Promise<{ records: IDataObject[]; resumeAt?: number }> {
	const limit = Number.isFinite(maxPages) ? maxPages * pageSize + 1 : undefined;
	const records = await read(limit);
	if (limit === undefined || records.length < limit) return { records };
	return { records: records.slice(0, limit - 1), resumeAt: fromPage + Math.max(1, maxPages - 1) };
}

async function readContacts(
	context: WiseAgentContext,
	since: number,
	maxPages: number,
	fromPage = 1,
) {
	return await readBounded(
		maxPages,
		DEFAULT_PAGE_SIZE,
		fromPage,
		async (limit) =>
			await getContacts(
				context,
				{ DateUpdatedUTC: formatUtcDateTime(new Date(since)) },
				{ limit, firstPage: fromPage },
			),
	);
}

function contactChanges(
	records: IDataObject[],
	timeField: 'DateAddedUTC' | 'DateUpdatedUTC',
	keep: (record: IDataObject) => boolean = () => true,
): Array<Change<IDataObject>> {
	const changes: Array<Change<IDataObject>> = [];
	for (const record of records) {
		const updated = parseApiDateTime(record.DateUpdatedUTC);
		// No DateAddedUTC printed: the update time is the best bound of when it was added.
		const time = parseApiDateTime(record[timeField]) ?? updated;
		const key = contactIdOf(record);
		if (time === undefined || key === '' || !keep(record)) continue;
		changes.push({ key, time, order: updated ?? time, value: record });
	}
	return changes;
}

const neverUpdated = (contact: IDataObject) =>
	text(contact.DateAddedUTC) !== null && contact.DateAddedUTC === contact.DateUpdatedUTC;

const contactAxis: ChangeAxis = {
	overlap: CHANGE_OVERLAP_MS,
	// One minute more: "since" may be exclusive, and the filter has whole minutes only.
	floor: (time) => Math.floor(time / MINUTE) * MINUTE - MINUTE,
};

function rawId(record: IDataObject, ...fields: string[]): string | number {
	for (const field of fields) {
		const value = record[field];
		if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value;
	}
	return '';
}

const contactSource = (
	timeField: 'DateAddedUTC' | 'DateUpdatedUTC',
	keep?: (record: IDataObject) => boolean,
): ChangeSource => ({
	axis: { ...contactAxis, once: timeField === 'DateAddedUTC' },
	utc: true,
	firstWindow: CONTACT_FIRST_WINDOW,
	async read(context, since, maxPages, _first, fromPage) {
		const { records, resumeAt } = await readContacts(context, since, maxPages, fromPage);
		return { changes: contactChanges(records, timeField, keep), resumeAt };
	},
	idOf: (record) => rawId(record, 'ClientID', 'ClientId'),
	eventOf: (record) =>
		timeField === 'DateAddedUTC' || neverUpdated(record) ? 'contactCreate' : 'contactUpdate',
	timeText: (record) => text(record[timeField]) ?? text(record.DateUpdatedUTC),
});

const taskCreated = (task: IDataObject) => parseApiDateTime(task.DateCreated);
const taskChanged = (task: IDataObject) => parseApiDateTime(task.DateModified) ?? taskCreated(task);

const taskSource = (timeOf: (task: IDataObject) => number | undefined): ChangeSource => ({
	axis: { overlap: CHANGE_OVERLAP_MS, once: timeOf === taskCreated },
	utc: false,
	firstWindow: Infinity,
	async read(context, _since, maxPages, _first, fromPage = 1) {
		const changes: Array<Change<IDataObject>> = [];
		const outcome = await walkTasks(
			context,
			(tasks) => {
				for (const task of tasks) {
					const time = timeOf(task);
					const key = taskIdOf(task);
					if (time !== undefined && key !== '') changes.push({ key, time, value: task });
				}
				return false;
			},
			{ maxPages, firstPage: fromPage },
		);
		const resumeAt = outcome === 'maxPages' ? fromPage + Math.max(1, maxPages - 1) : undefined;
		return { changes, resumeAt };
	},
	idOf: (task) => rawId(task, 'TaskID', 'TaskId'),
	eventOf: (task) =>
		text(task.DateModified) !== null && task.DateModified !== task.DateCreated
			? 'taskUpdate'
			: 'taskCreate',
	timeText: (task) =>
		timeOf === taskCreated
			? text(task.DateCreated)
			: (text(task.DateModified) ?? text(task.DateCreated)),
});

const propertySource: ChangeSource = {
	axis: { overlap: PROPERTY_ID_OVERLAP, once: true },
	utc: false,
	firstWindow: Infinity,
	async read(context, since, maxPages, first = false, fromPage = 1) {
		const idOf = (property: IDataObject) => Number(propertyIdOf(property));
		// Newest first: a page holding an older property ends the paging (`keep` shortens it).
		// The first read only needs the newest id.
		const { records, resumeAt } = first
			? { records: await getProperties(context, {}, { limit: PROPERTIES_PAGE_SIZE }) }
			: await readBounded(
					maxPages,
					PROPERTIES_PAGE_SIZE,
					fromPage,
					async (limit) =>
						await getProperties(
							context,
							{},
							{ limit, firstPage: fromPage, keep: (property) => idOf(property) >= since },
						),
				);
		const changes = records
			.map((property) => ({ key: propertyIdOf(property), time: idOf(property), value: property }))
			.filter((change) => change.key !== '' && Number.isFinite(change.time));
		return { changes, resumeAt };
	},
	idOf: (property) => rawId(property, 'PropertyID', 'PropertyId'),
	eventOf: () => 'propertyCreate',
	timeText: () => null,
};

export const CHANGE_SOURCES: Record<ChangeSourceName, ChangeSource> = {
	contactsAdded: contactSource('DateAddedUTC'),
	contactsChanged: contactSource('DateUpdatedUTC'),
	// For the contactUpdate catch-up: a contact never changed since it was added is a creation.
	contactsUpdated: contactSource('DateUpdatedUTC', (contact) => !neverUpdated(contact)),
	tasksAdded: taskSource(taskCreated),
	tasksChanged: taskSource(taskChanged),
	propertiesAdded: propertySource,
};

/**
 * The source a webhook event family can be caught up from. None for deletions (nothing lists
 * deleted records), notes (listed per contact only) and task updates (task dates carry no zone,
 * so a delivery's EventCreated cannot be matched with them).
 */
export const CATCH_UP_SOURCES: Partial<Record<EventFamily, ChangeSourceName>> = {
	contactCreate: 'contactsAdded',
	contactUpdate: 'contactsUpdated',
	taskCreate: 'tasksAdded',
	propertyCreate: 'propertiesAdded',
};

/** The resource id and record behind one change, as both triggers emit it. */
export function changeItem(
	source: ChangeSource,
	record: IDataObject,
): {
	event: EventFamily;
	specificEvent: EventFamily;
	eventCreated: string | null;
	resourceId: string | number;
} {
	const event = source.eventOf(record);
	return {
		event,
		specificEvent: event,
		eventCreated: eventTime(source, record),
		resourceId: source.idOf(record),
	};
}

function eventTime(source: ChangeSource, record: IDataObject): string | null {
	const raw = source.timeText(record);
	if (raw === null || !source.utc) return raw;
	const time = parseApiDateTime(raw);
	return time === undefined ? raw : new Date(time).toISOString();
}
