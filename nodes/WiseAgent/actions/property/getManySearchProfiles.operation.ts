import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator, returnAllOrLimit } from '../../descriptions/common';
import { getContactIdParameter } from '../../helpers/parameters';
import { recordsFrom } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import { limitRecords, readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getManySearchProfiles: WiseAgentOperation = {
	option: {
		name: 'Get Many Search Profiles',
		value: 'getManySearchProfiles',
		action: 'Get the property search profiles of a contact',
		description: 'List the search profiles of a contact',
	},
	scopes: ['properties'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		...returnAllOrLimit(),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const clientId = getContactIdParameter(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getPropertySearchCriteriaList',
			query: { clientID: clientId },
			itemIndex,
		});
		// The API returns every profile at once; the limit is applied here.
		const profiles = recordsFrom(body, 'propertySearchCriteria');
		return limitRecords(profiles, limit);
	},
};
