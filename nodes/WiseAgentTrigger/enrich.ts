import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { recordsFrom, singleRecordFrom } from '../WiseAgent/helpers/records';
import { decodeJsonStringFields } from '../WiseAgent/helpers/simplify';
import { wiseAgentApiRequest } from '../WiseAgent/transport';
import type { ResourceKind } from './events';

/** Records fetched at once. */
export const ENRICH_CONCURRENCY = 5;
/** The task list has no single-task read: at most this many pages of it are searched. */
export const TASK_PAGE_SIZE = 100;
export const TASK_MAX_PAGES = 10;

export type Lookup = { record: IDataObject } | { record: null; recordError: string };

/** Runs `work` over `inputs` with at most `limit` calls in flight; results keep input order. */
export async function mapWithConcurrency<T, R>(
	inputs: T[],
	limit: number,
	work: (input: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await work(inputs[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	return results;
}

/**
 * Reads the current record of each id. A failure for one id (deleted meanwhile, API error)
 * becomes `{ record: null, recordError }` for that id only.
 */
export async function fetchRecords(
	this: IWebhookFunctions,
	kind: ResourceKind,
	ids: Array<string | number>,
	simplify: boolean,
): Promise<Lookup[]> {
	if (kind === 'task') return await fetchTasks.call(this, ids);
	return await mapWithConcurrency(ids, ENRICH_CONCURRENCY, async (id) => {
		try {
			const record = await fetchOne.call(this, kind, String(id));
			if (!record) return { record: null, recordError: `${label(kind)} ${id} was not found` };
			return { record: kind === 'contact' && simplify ? decodeJsonStringFields(record) : record };
		} catch (error) {
			return { record: null, recordError: errorText(error) };
		}
	});
}

function label(kind: ResourceKind): string {
	return kind.charAt(0).toUpperCase() + kind.slice(1);
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function nonEmpty(record: IDataObject | undefined): IDataObject | undefined {
	return record && Object.keys(record).length > 0 ? record : undefined;
}

async function fetchOne(
	this: IWebhookFunctions,
	kind: Exclude<ResourceKind, 'task'>,
	id: string,
): Promise<IDataObject | undefined> {
	if (kind === 'contact') {
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getSingleContact',
			query: { clientID: id },
		});
		return nonEmpty(singleRecordFrom(body));
	}
	if (kind === 'property') {
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getProperty',
			query: { propertyID: id },
		});
		return nonEmpty(singleRecordFrom(body));
	}
	const body = await wiseAgentApiRequest.call(this, {
		method: 'GET',
		requestType: 'getContactNotes',
		query: { NoteID: id },
	});
	const notes = recordsFrom(body, 'Notes');
	return notes.find((note) => String(note.NoteID ?? note.NoteId ?? note.noteID) === id) ?? notes[0];
}

/**
 * Wise Agent documents no single-task read, only the paged `tasks` list. All task ids of one
 * delivery are looked up in one pass over at most TASK_MAX_PAGES pages, stopping as soon as
 * all are found (or the list ends).
 */
async function fetchTasks(this: IWebhookFunctions, ids: Array<string | number>): Promise<Lookup[]> {
	const wanted = new Set(ids.map(String));
	const found = new Map<string, IDataObject>();
	let listError: string | undefined;
	try {
		for (let page = 1; page <= TASK_MAX_PAGES && found.size < wanted.size; page++) {
			const body = await wiseAgentApiRequest.call(this, {
				method: 'GET',
				requestType: 'tasks',
				query: { page, page_size: TASK_PAGE_SIZE },
			});
			const tasks = recordsFrom(body);
			for (const task of tasks) {
				const id = String(task.TaskID ?? task.TaskId ?? '');
				if (wanted.has(id)) found.set(id, task);
			}
			const total = Number((body as IDataObject | undefined)?.TotalCount);
			if (tasks.length < TASK_PAGE_SIZE || (total > 0 && page * TASK_PAGE_SIZE >= total)) break;
		}
	} catch (error) {
		listError = errorText(error);
	}
	return ids.map((id) => {
		const task = found.get(String(id));
		if (task) return { record: task };
		return {
			record: null,
			recordError:
				listError ??
				`Task ${id} was not found in the first ${TASK_MAX_PAGES * TASK_PAGE_SIZE} tasks of the task list`,
		};
	});
}
