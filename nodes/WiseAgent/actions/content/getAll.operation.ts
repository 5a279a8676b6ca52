import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { withoutEmpty } from '../../helpers/validation';
import { applyReturnAllOrLimit, fetchList } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many content items',
		description: 'Marketing content (email templates) without their HTML (Content)',
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
		const category = String(this.getNodeParameter('category', itemIndex, '')).trim();
		// `Content` has no paging: the whole list comes back, the limit is applied here.
		const contents = await fetchList(
			this,
			itemIndex,
			'Content',
			withoutEmpty({ Category: category }),
		);
		return applyReturnAllOrLimit(this, itemIndex, contents);
	},
};
