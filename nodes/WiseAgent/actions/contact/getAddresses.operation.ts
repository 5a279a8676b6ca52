import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getContactIdParameter } from '../../helpers/parameters';
import { recordsFrom } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const getAddresses: WiseAgentOperation = {
	option: {
		name: 'Get Addresses',
		value: 'getAddresses',
		action: 'Get the extra addresses of a contact',
		description: 'The extra addresses of a contact; the primary address is on the contact itself',
	},
	scopes: ['contacts'],
	description: [contactLocator({ displayName: 'Contact', name: 'contactId' })],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const clientId = getContactIdParameter(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getClientAddresses',
			query: { ClientID: clientId },
			itemIndex,
		});
		return recordsFrom(body);
	},
};
