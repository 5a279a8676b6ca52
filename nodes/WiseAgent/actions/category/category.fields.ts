import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { NAME_MAX, requireText } from '../../helpers/validation';

export const categoryField: INodeProperties = {
	displayName: 'Category Name or ID',
	name: 'category',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCategories' },
	required: true,
	default: '',
	description:
		'Wise Agent identifies categories by name. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function readCategory(context: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		context,
		itemIndex,
		'Category',
		context.getNodeParameter('category', itemIndex),
		NAME_MAX,
	);
}
