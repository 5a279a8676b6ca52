import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { optionalText, withoutEmpty } from '../../helpers/validation';
import { fetchList, limitRecords, readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many content items',
		description: 'Marketing content (email templates) without their HTML',
	},
	scopes: ['marketing'],
	description: [
		...returnAllOrLimit(),
		{
			displayName: 'Category Name or ID',
			name: 'category',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getContentCategories' },
			default: '',
			description:
				'Only content of this category; empty for all. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const limit = readLimit(this, itemIndex);
		// Documented as 50 characters at most when content is saved.
		const category = optionalText(
			this,
			itemIndex,
			'Category',
			this.getNodeParameter('category', itemIndex, ''),
			50,
		);
		// `Content` has no paging: the whole list comes back, the limit is applied here.
		const contents = await fetchList(
			this,
			itemIndex,
			'Content',
			withoutEmpty({ Category: category }),
		);
		return limitRecords(contents, limit);
	},
};
