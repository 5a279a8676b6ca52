import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WiseAgentOperation } from '../types';
import { contentIdField, readContentId } from './content.fields';
import { fetchContent } from './content.requests';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a content item',
		description: 'One content item, including its HTML',
	},
	scopes: ['marketing'],
	description: [contentIdField('retrieve')],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		return await fetchContent(this, itemIndex, readContentId(this, itemIndex));
	},
};
