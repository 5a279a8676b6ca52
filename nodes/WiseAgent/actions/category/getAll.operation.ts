import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { recordsFrom } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many categories',
		description: 'List the categories with their contact counts (getAllCategoriesWithCount)',
	},
	scopes: ['contacts'],
	description: [...returnAllOrLimit()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getAllCategoriesWithCount',
			itemIndex,
		});
		// One response holds every category (bare array or wrapped); the limit is applied here.
		const categories = recordsFrom(body, 'CategoryInfo', 'categories');
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		return returnAll
			? categories
			: categories.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	},
};
