import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { readSearchProfile, searchProfileCollection } from '../../descriptions/searchProfileFields';
import { getCollection, getContactIdParameter } from '../../helpers/parameters';
import { invalidInput } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { mergedFields } from './property.requests';

export const createSearchProfile: WiseAgentOperation = {
	option: {
		name: 'Create Search Profile',
		value: 'createSearchProfile',
		action: 'Create a property search profile for a contact',
		description: 'Record what a contact is looking for',
	},
	scopes: ['properties'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		searchProfileCollection('searchProfile', 'Search Criteria'),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientid = getContactIdParameter(this, itemIndex);
		const fields = readSearchProfile(
			this,
			itemIndex,
			getCollection(this, itemIndex, 'searchProfile'),
			'add',
		);
		if (Object.keys(fields).length === 0) {
			throw invalidInput(this, itemIndex, 'Search Criteria', 'add at least one criterion');
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addPropertySearchCriteria',
			form: { clientid, ...fields },
			itemIndex,
		});
		return { success: true, clientid, ...mergedFields(body) };
	},
};
