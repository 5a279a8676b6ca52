import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../descriptions/common';
import { recordsFrom } from '../helpers/records';
import { wiseAgentApiRequest } from '../transport';
import type { WiseAgentOperation } from './types';

/**
 * Shared by the list operations whose request type has no paging (team, sources, programs,
 * transactions, content, calendar, webhooks): the whole list comes back in one response, so
 * Return All / Limit is applied here, after the request.
 */

/** The records the user asked for: all of them, or the first `limit`. */
export function applyReturnAllOrLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	records: IDataObject[],
): IDataObject[] {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return records;
	const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
	return records.slice(0, Math.max(0, limit));
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
			const records = await fetchList(
				this,
				itemIndex,
				spec.requestType,
				{},
				...(spec.wrapperKeys ?? []),
			);
			return applyReturnAllOrLimit(this, itemIndex, records);
		},
	};
}
