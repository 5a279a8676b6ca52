import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { recordsFrom } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import { limitRecords, readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many categories',
		description: 'List the categories with their contact counts',
	},
	scopes: ['contacts'],
	description: [...returnAllOrLimit()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const limit = readLimit(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getAllCategoriesWithCount',
			itemIndex,
		});
		// One response holds every category (bare array or wrapped); the limit is applied here.
		const categories = recordsFrom(body, 'CategoryInfo', 'categories');
		return limitRecords(categories, limit);
	},
};
