import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { singleRecordFrom } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { categoryField, readCategory } from './category.fields';

export const getContactCount: WiseAgentOperation = {
	option: {
		name: 'Get Contact Count',
		value: 'getContactCount',
		action: 'Count the contacts in a category',
		description: 'How many contacts a category holds',
	},
	scopes: ['contacts'],
	description: [categoryField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const category = readCategory(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getCategoryClientCount',
			query: { category },
			itemIndex,
		});
		// [{"success": "true", "categorycount": 7}], which the docs print inside quotes (not JSON;
		// the lenient parser then returns the text): read the number from either.
		const count =
			singleRecordFrom(body)?.categorycount ??
			(typeof body === 'string' ? /"categorycount"\s*:\s*"?(\d+)/i.exec(body)?.[1] : undefined);
		if (count === undefined || isNaN(Number(count))) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'No category count in the response' },
				{ message: `Wise Agent: no contact count came back for "${category}"`, itemIndex },
			);
		}
		return { category, count: Number(count) };
	},
};
