import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { singleRecordFrom } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const getCurrentUser: WiseAgentOperation = {
	option: {
		name: 'Get Current User',
		value: 'getCurrentUser',
		action: 'Get the current user',
		description: 'First name, last name and email of the connected Wise Agent user',
	},
	scopes: ['profile'],
	description: [],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		// Documented as `"[ {"First": …, "Last": …, "Email": …} ]"`, a string holding JSON;
		// the transport's lenient parser decodes both layers.
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getUser',
			itemIndex,
		});
		const user = singleRecordFrom(body);
		if (!user || Object.keys(user).length === 0) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Unexpected getUser response' },
				{ message: 'Wise Agent: the current user could not be read from the response', itemIndex },
			);
		}
		return user;
	},
};
