import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readSearchProfile, searchProfileCollection } from '../../descriptions/searchProfileFields';
import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readSearchId, searchIdField } from './property.fields';

export const updateSearchProfile: WiseAgentOperation = {
	option: {
		name: 'Update Search Profile',
		value: 'updateSearchProfile',
		action: 'Update a property search profile',
		description: 'Change the criteria of a search profile',
	},
	scopes: ['properties'],
	description: [searchIdField, searchProfileCollection('searchProfile', 'Search Criteria')],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const searchID = readSearchId(this, itemIndex);
		const fields = readSearchProfile(
			this,
			itemIndex,
			getCollection(this, itemIndex, 'searchProfile'),
			'update',
		);
		if (Object.keys(fields).length === 0) {
			throw invalidInput(this, itemIndex, 'Search Criteria', 'add at least one criterion');
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'updatePropertySearchCriteria',
			form: { searchID, ...fields },
			itemIndex,
		});
		return successResult(body, { SearchID: searchID });
	},
};
