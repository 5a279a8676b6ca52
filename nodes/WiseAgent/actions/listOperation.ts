import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMIT_MAX, PAGE_SIZE_MAX, returnAllOrLimit } from '../descriptions/common';
import { recordsFrom } from '../helpers/records';
import { readBoolean, readNumber } from '../helpers/validation';
import { wiseAgentApiRequest } from '../transport';
import type { WiseAgentOperation } from './types';

/**
 * Shared by the list operations whose request type has no paging (team, sources, programs,
 * transactions, content, calendar, webhooks): the whole list comes back in one response, so
 * Return All / Limit is applied here, after the request (and checked before it). The paged
 * lists (contacts, vendors, notes, tasks, calls, properties) read their Return All / Limit and
 * Page Size with readPaging() and page through transport/api.ts.
 */

/**
 * Return All / Limit of one item: undefined for all records, else the limit — a whole number
 * from 1 to LIMIT_MAX. Anything else ("abc", -1, "1,000,000", {}) is an input error: a bad
 * limit must not quietly return no records, or every record.
 */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = readBoolean(
		context,
		itemIndex,
		'Return All',
		context.getNodeParameter('returnAll', itemIndex, false),
	);
	if (returnAll) return undefined;
	return readNumber(
		context,
		itemIndex,
		'Limit',
		context.getNodeParameter('limit', itemIndex, 50),
		'required',
		{ min: 1, max: LIMIT_MAX, integer: true },
	);
}

/**
 * Options → Page Size of one item: a whole number from 1 to PAGE_SIZE_MAX, or the list's
 * documented default when the option is not added.
 */
export function readPageSize(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultPageSize: number,
): number {
	const pageSize = readNumber(
		context,
		itemIndex,
		'Page Size',
		context.getNodeParameter('options.pageSize', itemIndex, defaultPageSize),
		'required',
		{ min: 1, max: PAGE_SIZE_MAX, integer: true },
	);
	return pageSize ?? defaultPageSize;
}

/** Return All / Limit and Page Size of a paged list, both checked before any request. */
export function readPaging(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultPageSize: number,
): { limit: number | undefined; pageSize: number } {
	const limit = readLimit(context, itemIndex);
	return { limit, pageSize: readPageSize(context, itemIndex, defaultPageSize) };
}

/** The records the user asked for: all of them (limit undefined), or the first `limit`. */
export function limitRecords(records: IDataObject[], limit: number | undefined): IDataObject[] {
	return limit === undefined ? records : records.slice(0, limit);
}

/** One GET of an unpaged list; `wrapperKeys` name the key holding the records besides Data/data. */
export async function fetchList(
	context: IExecuteFunctions,
	itemIndex: number,
	requestType: string,
	query: IDataObject = {},
	...wrapperKeys: string[]
): Promise<IDataObject[]> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType,
		query,
		itemIndex,
	});
	return recordsFrom(body, ...wrapperKeys);
}

export interface ListOperationSpec {
	/** The operation's value in the Operation dropdown. */
	value: string;
	name: string;
	action: string;
	description: string;
	requestType: string;
	scopes: string[];
	wrapperKeys?: string[];
	/** Fields shown after Return All / Limit. */
	properties?: INodeProperties[];
}

/** A Get Many operation over an unpaged request type that takes no parameters. */
export function listOperation(spec: ListOperationSpec): WiseAgentOperation {
	return {
		option: {
			name: spec.name,
			value: spec.value,
			action: spec.action,
			description: spec.description,
		},
		scopes: spec.scopes,
		description: [...returnAllOrLimit(), ...(spec.properties ?? [])],

		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const limit = readLimit(this, itemIndex);
			const records = await fetchList(
				this,
				itemIndex,
				spec.requestType,
				{},
				...(spec.wrapperKeys ?? []),
			);
			return limitRecords(records, limit);
		},
	};
}
