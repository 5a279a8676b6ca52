import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isRecord } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { contactFilterProperties, contactFilterQuery } from './contactFilters';

/** getContactsCount answers `{"count": 154102}`. */
export async function readContactCount(
	context: IExecuteFunctions,
	itemIndex: number,
	query: IDataObject,
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
			{
				message: 'Wise Agent: the contact count could not be read from the response',
				itemIndex,
			},
		);
	}
	return count;
}

export const count: WiseAgentOperation = {
	option: {
		name: 'Count',
		value: 'count',
		action: 'Count contacts',
		description: 'Number of contacts matching the filters (getContactsCount)',
	},
	scopes: ['contacts'],
	description: forOperation('contact', 'count', contactFilterProperties),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const query = contactFilterQuery(this, itemIndex);
		return { count: await readContactCount(this, itemIndex, query) };
	},
};
