import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import type { WiseAgentOperation } from '../types';
import { categoryField, htmlField, subjectField } from './content.fields';
import { saveContent } from './content.requests';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a content item',
		description: 'Add marketing content, e.g. an email template',
	},
	scopes: ['marketing'],
	description: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Buyer 01',
			description: 'At most 100 characters',
		},
		{ ...htmlField, required: true },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [categoryField, subjectField],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const additional = getCollection(this, itemIndex, 'additionalFields');
		const body = await saveContent(this, itemIndex, {
			Name: this.getNodeParameter('name', itemIndex, ''),
			Html: this.getNodeParameter('html', itemIndex, ''),
			Category: additional.category,
			Subject: additional.subject,
		});
		return successResult(body);
	},
};
