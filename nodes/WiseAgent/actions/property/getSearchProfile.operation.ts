import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { singleRecordFrom } from '../../helpers/records';
import { notFoundError, wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readSearchId, searchIdField } from './property.fields';

export const getSearchProfile: WiseAgentOperation = {
	option: {
		name: 'Get Search Profile',
		value: 'getSearchProfile',
		action: 'Get a property search profile',
		description: 'Retrieve one search profile by its ID',
	},
	scopes: ['properties'],
	description: [searchIdField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const searchId = readSearchId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getPropertySearchCriteria',
			query: { SearchID: searchId },
			itemIndex,
		});
		// An unknown SearchID answers an empty object.
		const profile = singleRecordFrom(body);
		if (!profile || Object.keys(profile).length === 0) {
			throw notFoundError(this, `search profile ${searchId}`, itemIndex);
		}
		return { SearchID: searchId, ...profile };
	},
};
