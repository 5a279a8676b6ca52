import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { countContacts } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { contactFilterProperties, contactFilterQuery } from './contact.fields';

export const count: WiseAgentOperation = {
	option: {
		name: 'Count',
		value: 'count',
		action: 'Count contacts',
		description: 'Number of contacts matching the filters',
	},
	scopes: ['contacts'],
	description: contactFilterProperties,

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const query = contactFilterQuery(this, itemIndex);
		return { count: await countContacts(this, query, itemIndex) };
	},
};
