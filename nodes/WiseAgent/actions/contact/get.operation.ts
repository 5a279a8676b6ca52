import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { contactLocator, simplifyField } from '../../descriptions/common';
import { getContactIdParameter } from '../../helpers/parameters';
import { singleRecordFrom } from '../../helpers/records';
import { simplifyRecords } from '../../helpers/simplify';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a contact',
		description: 'Retrieve one client, or a vendor by its V-prefixed ID (getSingleContact)',
	},
	scopes: ['contacts'],
	description: forOperation('contact', 'get', [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		simplifyField,
	]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getSingleContact',
			query: { clientID: clientId },
			itemIndex,
		});
		const contact = singleRecordFrom(body);
		if (!contact || Object.keys(contact).length === 0) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Contact ${clientId} not found` },
				{
					message: `Wise Agent: contact ${clientId} was not found`,
					httpCode: '404',
					itemIndex,
				},
			);
		}
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords([contact], simplify)[0];
	},
};
