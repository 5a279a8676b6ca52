import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { decodeJsonStringFields } from '../WiseAgent/helpers/simplify';
import type { ResourceKind } from '../WiseAgent/transport';
import {
	findTasks,
	getContact,
	getNote,
	getProperty,
	mapWithConcurrency,
	notFoundError,
	taskNotFoundError,
} from '../WiseAgent/transport';

/** Records fetched at once. */
export const ENRICH_CONCURRENCY = 5;
/** Records read for one delivery; a larger one gets the rest as items without their record. */
export const MAX_RECORDS_PER_DELIVERY = 100;

export type Lookup = { record: IDataObject } | { record: null; recordError: string };

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

async function readRecord(
	context: IWebhookFunctions,
	kind: Exclude<ResourceKind, 'task'>,
	id: string,
): Promise<IDataObject | undefined> {
	if (kind === 'contact') return await getContact(context, id);
	if (kind === 'property') return await getProperty(context, { propertyID: id });
	return await getNote(context, id);
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
	const wanted = ids.map(String);
	if (kind === 'task') {
		let tasks: Map<string, IDataObject>;
		try {
			tasks = (await findTasks(this, wanted)).found;
		} catch (error) {
			return wanted.map(() => ({ record: null, recordError: errorText(error) }));
		}
		return wanted.map((id) => {
			const task = tasks.get(id);
			if (task) return { record: task };
			const error = taskNotFoundError(this, id);
			return { record: null, recordError: `${error.message}. ${error.description}` };
		});
	}
	return await mapWithConcurrency(wanted, ENRICH_CONCURRENCY, async (id): Promise<Lookup> => {
		try {
			const record = await readRecord(this, kind, id);
			if (!record)
				return { record: null, recordError: notFoundError(this, `${kind} ${id}`).message };
			return { record: kind === 'contact' && simplify ? decodeJsonStringFields(record) : record };
		} catch (error) {
			return { record: null, recordError: errorText(error) };
		}
	});
}
