import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isRecord, recordsFrom, successResult } from '../../helpers/records';
import { readList } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create categories',
		description: 'Add one or several categories at once',
	},
	scopes: ['contacts'],
	description: [
		{
			displayName: 'Category Names',
			name: 'names',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. New Lead, Prospect',
			description: 'One or more names, comma-separated (or an array from an expression)',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const names = readList(
			this,
			itemIndex,
			'Category Names',
			this.getNodeParameter('names', itemIndex, ''),
			'required',
		);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addCategories',
			form: { categories: names.join(',') },
			itemIndex,
		});
		// {"success": true, "categories": [{"catName":"New Lead","catID":"1"}, ...]}: one item each.
		const created = isRecord(body) ? recordsFrom(body, 'categories') : [];
		return created.length > 0 ? created : [successResult(body, { categories: names.join(',') })];
	},
};
