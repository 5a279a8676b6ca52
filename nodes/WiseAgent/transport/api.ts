import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../helpers/apiErrors';
import { isRecord, recordsFrom, singleRecordFrom } from '../helpers/records';
import type { PageRequestOptions, WiseAgentContext } from './request';
import { failureFacts, wiseAgentApiRequest, wiseAgentApiRequestAllItems } from './request';

/**
 * The API procedures that more than one caller needs (the action node, the triggers, the
 * dropdowns): each request type's parameters and answer shape are written here once.
 */

export type ListPaging = Omit<
	PageRequestOptions,
	'extract' | 'pageSize' | 'totalFrom' | 'honouredPageSize'
> & {
	/** page_size; the list's documented default when not given. */
	pageSize?: number;
	/** Keeps only some records of each page (a page shortened this way ends the paging). */
	keep?: (record: IDataObject) => boolean;
	/**
	 * Turns each kept record into its output form as its page arrives: the page's records are
	 * dropped young instead of all 10,000 being held until the last page (peak memory).
	 */
	shape?: (record: IDataObject) => IDataObject;
};

/**
 * Documented default page size of the paged lists (contacts, notes, tasks; calls and vendors
 * document none and are read like contacts). Wise Agent documents no maximum page_size.
 */
export const DEFAULT_PAGE_SIZE = 100;
/** getProperties' documented default page size. */
export const PROPERTIES_PAGE_SIZE = 50;

// ---------------------------------------------------------------- errors

/** `Wise Agent: <what> was not found` (HTTP 404 in the error), e.g. `contact 1234`. */
export function notFoundError(
	context: WiseAgentContext,
	what: string,
	itemIndex?: number,
	description?: string,
): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: `${what.charAt(0).toUpperCase()}${what.slice(1)} not found` },
		{ message: `Wise Agent: ${what} was not found`, description, httpCode: '404', itemIndex },
	);
}

/** Whether an API error says the record does not exist (HTTP 404, or the API's own words). */
export function isNotFoundError(error: unknown): boolean {
	if (failureFacts(error).status === 404) return true;
	if (error instanceof NodeApiError && error.httpCode === '404') return true;
	const message = error instanceof Error ? error.message : '';
	return /not\s*found|does\s*not\s*exist|no\s+such/i.test(message);
}

function nonEmpty(record: IDataObject | undefined): IDataObject | undefined {
	return record && Object.keys(record).length > 0 ? record : undefined;
}

function firstValue(record: IDataObject, ...keys: string[]): string {
	for (const key of keys) {
		const value = record[key];
		if (value !== undefined && value !== null && value !== '') return String(value).trim();
	}
	return '';
}

/** One paged list request type: how its pages are read. */
interface PagedList {
	requestType: string;
	/** Its documented default page_size (taken as a size the API honours). */
	defaultPageSize: number;
	/** The key holding the records besides Data/data (getContactNotes: Notes). */
	wrapperKeys?: string[];
	totalFrom?: PageRequestOptions['totalFrom'];
}

/** Every paged list goes through here: one paging function, one concurrency. */
function list(
	context: WiseAgentContext,
	spec: PagedList,
	query: IDataObject,
	paging: ListPaging,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const keep = paging.keep;
	const wrapperKeys = spec.wrapperKeys ?? [];
	return wiseAgentApiRequestAllItems.call(
		context,
		{ method: 'GET', requestType: spec.requestType, query, itemIndex },
		{
			...paging,
			pageSize: paging.pageSize ?? spec.defaultPageSize,
			totalFrom: spec.totalFrom,
			// A page that `keep` shortened says nothing about the API capping page_size.
			honouredPageSize: keep ? undefined : spec.defaultPageSize,
			extract: (body) => {
				const records = recordsFrom(body, ...wrapperKeys);
				const kept = keep ? records.filter(keep) : records;
				const shape = paging.shape;
				return shape ? kept.map((record) => shape(record)) : kept;
			},
		},
	);
}

const CONTACT_LIST: PagedList = { requestType: 'getContacts', defaultPageSize: DEFAULT_PAGE_SIZE };
const VENDOR_LIST: PagedList = { requestType: 'getVendors', defaultPageSize: DEFAULT_PAGE_SIZE };
const PROPERTY_LIST: PagedList = {
	requestType: 'getProperties',
	defaultPageSize: PROPERTIES_PAGE_SIZE,
};
const NOTE_LIST: PagedList = {
	requestType: 'getContactNotes',
	defaultPageSize: DEFAULT_PAGE_SIZE,
	wrapperKeys: ['Notes'],
};
const CALL_LIST: PagedList = { requestType: 'calls', defaultPageSize: DEFAULT_PAGE_SIZE };
const TASK_LIST: PagedList = {
	requestType: 'tasks',
	defaultPageSize: DEFAULT_PAGE_SIZE,
	// `{"Page","TotalCount","Data"}`: the total comes with page 1.
	totalFrom: (body) => {
		const total = isRecord(body) ? Number(body.TotalCount) : NaN;
		return Number.isInteger(total) && total >= 0 ? total : undefined;
	},
};

// ---------------------------------------------------------------- contacts

/** getSingleContact: a client by ClientID, or a vendor by its V-prefixed ID. */
export async function getContact(
	context: WiseAgentContext,
	clientId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'getSingleContact',
		query: { clientID: clientId },
		itemIndex,
	});
	return nonEmpty(singleRecordFrom(body));
}

/** getContacts, paged (page/page_size) with the given filters. */
export async function getContacts(
	context: WiseAgentContext,
	query: IDataObject,
	paging: ListPaging = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await list(context, CONTACT_LIST, query, paging, itemIndex);
}

/** getVendors, paged like getContacts, with one of its exclusive searches. */
export async function getVendors(
	context: WiseAgentContext,
	query: IDataObject,
	paging: ListPaging = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await list(context, VENDOR_LIST, query, paging, itemIndex);
}

/** One page of getContacts, for searches that need no more than that. */
export async function getContactsPage(
	context: WiseAgentContext,
	query: IDataObject,
	page: number,
	pageSize: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'getContacts',
		query: { ...query, page, page_size: pageSize },
		itemIndex,
	});
	return recordsFrom(body);
}

/** getContactsCount answers `{"count": 154102}`; it accepts getContacts' filters. */
export async function countContacts(
	context: WiseAgentContext,
	query: IDataObject,
	itemIndex?: number,
): Promise<number> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'getContactsCount',
		query,
		itemIndex,
	});
	const record = Array.isArray(body) ? body[0] : body;
	const count = Number(isRecord(record) ? (record.count ?? record.Count) : record);
	if (!Number.isFinite(count)) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Unexpected getContactsCount response' },
			{ message: 'Wise Agent: the contact count could not be read from the response', itemIndex },
		);
	}
	return count;
}

// ---------------------------------------------------------------- properties

export function propertyIdOf(property: IDataObject): string {
	return firstValue(property, 'PropertyID', 'PropertyId');
}

/** getProperty by propertyID, or by address / MLS fields; undefined when there is none. */
export async function getProperty(
	context: WiseAgentContext,
	query: IDataObject,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'getProperty',
		query,
		itemIndex,
	});
	const property = singleRecordFrom(body);
	return property && propertyIdOf(property) !== '' ? property : undefined;
}

/** getProperties, most recent first (documented), paged. */
export async function getProperties(
	context: WiseAgentContext,
	query: IDataObject,
	paging: ListPaging = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await list(context, PROPERTY_LIST, query, paging, itemIndex);
}

// ---------------------------------------------------------------- notes

export function noteIdOf(note: IDataObject): string {
	return firstValue(note, 'NoteID', 'NoteId', 'noteID');
}

/**
 * getContactNotes with NoteID (and the contact's ClientID when known). Only the note with that
 * very NoteID is returned: an answer holding other notes is treated as "not found".
 */
export async function getNote(
	context: WiseAgentContext,
	noteId: string,
	clientId?: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const query: IDataObject = { NoteID: noteId };
	if (clientId !== undefined) query.ClientID = clientId;
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'getContactNotes',
		query,
		itemIndex,
	});
	return recordsFrom(body, 'Notes').find((note) => noteIdOf(note) === noteId);
}

/** getContactNotes of one contact (ClientID and the filters in `query`), paged. */
export async function getContactNotes(
	context: WiseAgentContext,
	query: IDataObject,
	paging: ListPaging = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await list(context, NOTE_LIST, query, paging, itemIndex);
}

// ---------------------------------------------------------------- tasks

/** The API has no single-task read: lookups page the task list, at most this many pages. */
export const TASK_LOOKUP_MAX_PAGES = 20;
export const TASK_LOOKUP_MAX_TASKS = TASK_LOOKUP_MAX_PAGES * DEFAULT_PAGE_SIZE;

export function taskIdOf(task: IDataObject): string {
	return firstValue(task, 'TaskID', 'TaskId');
}

/** The `tasks` list, paged; its TotalCount makes the pages after page 1 a known set. */
export async function getTasks(
	context: WiseAgentContext,
	paging: ListPaging = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await list(context, TASK_LIST, {}, paging, itemIndex);
}

/**
 * Pages through the `tasks` list. The list carries `TotalCount`, so paging stops once that many
 * tasks were seen (no extra empty request), on a short page, or when `visit` returns true.
 */
export async function walkTasks(
	context: WiseAgentContext,
	visit: (tasks: IDataObject[]) => boolean,
	options: { pageSize?: number; maxPages?: number; firstPage?: number; itemIndex?: number } = {},
): Promise<'stopped' | 'ended' | 'maxPages'> {
	const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
	const firstPage = options.firstPage ?? 1;
	const lastPage = firstPage - 1 + (options.maxPages ?? Infinity);
	let seen = (firstPage - 1) * pageSize;
	for (let page = firstPage; page <= lastPage; page++) {
		const body = await wiseAgentApiRequest.call(context, {
			method: 'GET',
			requestType: 'tasks',
			query: { page, page_size: pageSize },
			itemIndex: options.itemIndex,
		});
		const tasks = recordsFrom(body);
		if (visit(tasks)) return 'stopped';
		seen += tasks.length;
		const total = isRecord(body) ? Number(body.TotalCount) : NaN;
		// A TotalCount of 0 beside a full page contradicts it: paging goes on to a short page.
		if (tasks.length < pageSize || (total > 0 && seen >= total)) return 'ended';
	}
	return 'maxPages';
}

/**
 * Looks all `ids` up in one pass over the task list (at most `maxPages` pages, by default
 * TASK_LOOKUP_MAX_PAGES); `searchedAll` is false when that bound ended the pass.
 */
export async function findTasks(
	context: WiseAgentContext,
	ids: readonly string[],
	options: { itemIndex?: number; maxPages?: number } = {},
): Promise<{ found: Map<string, IDataObject>; searchedAll: boolean }> {
	const wanted = new Set(ids);
	const found = new Map<string, IDataObject>();
	const outcome = await walkTasks(
		context,
		(tasks) => {
			for (const task of tasks) {
				const id = taskIdOf(task);
				if (wanted.has(id)) found.set(id, task);
			}
			return found.size >= wanted.size;
		},
		{ maxPages: options.maxPages ?? TASK_LOOKUP_MAX_PAGES, itemIndex: options.itemIndex },
	);
	return { found, searchedAll: outcome !== 'maxPages' };
}

export function taskNotFoundError(
	context: WiseAgentContext,
	taskId: string,
	itemIndex?: number,
): NodeApiError {
	return notFoundError(
		context,
		`task ${taskId}`,
		itemIndex,
		`Searched the first ${TASK_LOOKUP_MAX_TASKS} tasks of the task list.`,
	);
}

// ---------------------------------------------------------------- deletes the docs print twice

/**
 * The docs print task and call deletion as DELETE requestType=webhooks with TaskID / CallId,
 * under the task and call sections and with their scopes (team / contacts, not webhooks'
 * profile): it may be one DELETE entry point that dispatches on the id field, or a misprint
 * for `tasks` / `calls`. Both readings are tried, the printed one first, and a delete counts
 * only when the record is gone afterwards.
 */
export const TASK_DELETE_REQUEST_TYPES = ['webhooks', 'tasks'];
export const CALL_DELETE_REQUEST_TYPES = ['webhooks', 'calls'];

/** The task list is walked this far to verify a task delete (100,000 tasks). */
const TASK_VERIFY_MAX_PAGES = 1000;

async function taskExists(context: WiseAgentContext, taskId: string, itemIndex?: number) {
	const { found, searchedAll } = await findTasks(context, [taskId], {
		itemIndex,
		maxPages: TASK_VERIFY_MAX_PAGES,
	});
	if (found.has(taskId)) return true;
	if (!searchedAll) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Task list too long to verify' },
			{
				message: `Wise Agent: could not check task ${taskId}: the task list has more than ${TASK_VERIFY_MAX_PAGES * DEFAULT_PAGE_SIZE} tasks`,
				itemIndex,
			},
		);
	}
	return false;
}

export function callIdOf(call: IDataObject): string {
	return firstValue(call, 'CallId', 'CallID');
}

/** GET `calls` with `clientId` (and its ordering in `query`): a contact's call list, paged. */
export async function getContactCalls(
	context: WiseAgentContext,
	query: IDataObject,
	paging: ListPaging = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await list(context, CALL_LIST, query, paging, itemIndex);
}

/** GET `calls` with `callId`: the call list entries the API answers with. */
export async function getCalls(
	context: WiseAgentContext,
	callId: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'calls',
		query: { callId },
		itemIndex,
	});
	return recordsFrom(body);
}

async function callExists(context: WiseAgentContext, callId: string, itemIndex?: number) {
	try {
		const calls = await getCalls(context, callId, itemIndex);
		return calls.some((call) => callIdOf(call) === callId);
	} catch (error) {
		if (isNotFoundError(error)) return false;
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

interface VerifiedDelete {
	what: string;
	readings: string[];
	form: IDataObject;
	exists: () => Promise<boolean>;
	itemIndex?: number;
}

/** Sends each reading until the record is gone; never reports a delete it did not see. */
async function deleteVerified(
	context: WiseAgentContext,
	spec: VerifiedDelete,
): Promise<{ body: unknown; requestType: string }> {
	if (!(await spec.exists())) throw notFoundError(context, spec.what, spec.itemIndex);
	let refusal: unknown;
	const acknowledged: string[] = [];
	for (const requestType of spec.readings) {
		let body: unknown;
		try {
			body = await wiseAgentApiRequest.call(context, {
				method: 'DELETE',
				requestType,
				form: spec.form,
				itemIndex: spec.itemIndex,
			});
			acknowledged.push(requestType);
		} catch (error) {
			refusal = error;
		}
		if (!(await spec.exists())) return { body, requestType };
	}
	if (acknowledged.length === 0) throw refusal;
	throw new NodeApiError(
		context.getNode(),
		{ message: `${spec.what} still exists after delete` },
		{
			message: `Wise Agent acknowledged the delete of ${spec.what} but did not delete it`,
			description: `Sent DELETE ${spec.readings.join(' and DELETE ')}; the ${spec.what} is still there when read back.`,
			itemIndex: spec.itemIndex,
		},
	);
}

export async function deleteTask(context: WiseAgentContext, taskId: string, itemIndex?: number) {
	return await deleteVerified(context, {
		what: `task ${taskId}`,
		readings: TASK_DELETE_REQUEST_TYPES,
		form: { TaskID: taskId },
		exists: async () => await taskExists(context, taskId, itemIndex),
		itemIndex,
	});
}

export async function deleteCall(context: WiseAgentContext, callId: string, itemIndex?: number) {
	return await deleteVerified(context, {
		what: `call ${callId}`,
		readings: CALL_DELETE_REQUEST_TYPES,
		form: { CallId: callId },
		exists: async () => await callExists(context, callId, itemIndex),
		itemIndex,
	});
}

// ---------------------------------------------------------------- webhooks

export interface RemoteWebhook {
	id: string;
	eventType: string;
	status: string;
	url: string;
}

export interface WebhookFields {
	EventType: string;
	Url: string;
	Status: string;
}

export function webhookIdOf(record: IDataObject): string {
	return firstValue(record, 'WebhookID', 'WebhookId', 'webhookId', 'ID', 'Id', 'id');
}

/** GET `webhooks`: the account's webhook records as the API sends them. */
export async function listWebhookRecords(
	context: WiseAgentContext,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'webhooks',
		itemIndex,
	});
	return recordsFrom(body);
}

/** GET `webhooks`, each record read into id, event type, status and URL. */
export async function listWebhooks(
	context: WiseAgentContext,
	itemIndex?: number,
): Promise<RemoteWebhook[]> {
	return (await listWebhookRecords(context, itemIndex)).map((record) => ({
		id: webhookIdOf(record),
		eventType: firstValue(record, 'EventType', 'eventType'),
		status: firstValue(record, 'Status', 'status'),
		url: firstValue(record, 'Url', 'URL', 'url'),
	}));
}

/**
 * POST `webhooks` with EventType, Url and Status. The docs do not show the answer; `id` is the
 * WebhookID when the answer carries one.
 */
export async function createWebhook(
	context: WiseAgentContext,
	fields: WebhookFields,
	itemIndex?: number,
): Promise<{ body: unknown; id: string | undefined }> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'POST',
		requestType: 'webhooks',
		form: { ...fields },
		itemIndex,
	});
	const record = singleRecordFrom(body);
	const id = isRecord(record) ? webhookIdOf(record) : '';
	return { body, id: id === '' ? undefined : id };
}

/** PUT `webhooks`: documented with all three fields besides WebhookID. */
export async function updateWebhook(
	context: WiseAgentContext,
	webhookId: string,
	fields: WebhookFields,
	itemIndex?: number,
): Promise<unknown> {
	return await wiseAgentApiRequest.call(context, {
		method: 'PUT',
		requestType: 'webhooks',
		form: { WebhookID: webhookId, ...fields },
		itemIndex,
	});
}

/** DELETE `webhooks` with WebhookID. */
export async function deleteWebhook(
	context: WiseAgentContext,
	webhookId: string,
	itemIndex?: number,
): Promise<unknown> {
	return await wiseAgentApiRequest.call(context, {
		method: 'DELETE',
		requestType: 'webhooks',
		form: { WebhookID: webhookId },
		itemIndex,
	});
}
