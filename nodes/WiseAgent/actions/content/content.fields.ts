import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNumericId } from '../../helpers/validation';

/** Shared by the content operations: the picked content, its fields, limits and the save call. */

export function contentIdField(resourceOperation: string): INodeProperties {
	return {
		displayName: 'Content Name or ID',
		name: 'contentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getContents' },
		required: true,
		default: '',
		description: `The content to ${resourceOperation}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export function readContentId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Content',
		context.getNodeParameter('contentId', itemIndex, ''),
	);
}

export const categoryField: INodeProperties = {
	displayName: 'Category',
	name: 'category',
	type: 'string',
	default: '',
	placeholder: 'Buyer',
	description: 'An existing content category, or a new one (at most 50 characters)',
};

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
	description: 'Email subject (at most 100 characters)',
};

export const htmlField: INodeProperties = {
	displayName: 'HTML',
	name: 'html',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	placeholder: '<h1>5 Things You Should Do Today</h1>',
	description: 'The body of the content, as HTML (at most 50,000 characters)',
};
