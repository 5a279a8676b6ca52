import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getContactIdParameter } from '../../helpers/parameters';
import { NAME_MAX, optionalText, withoutEmpty } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { propertyLocator, readPropertyId } from './property.fields';
import { statusResult } from './property.requests';

export const connectContact: WiseAgentOperation = {
	option: {
		name: 'Connect to Contact',
		value: 'connectContact',
		action: 'Connect a property to a contact',
		description: 'Link an existing property to a client, with their relation',
	},
	scopes: ['properties', 'contacts'],
	description: [
		propertyLocator,
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Client Relation',
			name: 'clientRelation',
			type: 'string',
			default: '',
			placeholder: 'e.g. Owner',
			description: `How the contact relates to the property; Wise Agent uses N/A when empty (at most ${NAME_MAX} characters)`,
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const PropertyID = readPropertyId(this, itemIndex);
		const ClientID = getContactIdParameter(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addPropertyConnection',
			form: withoutEmpty({
				PropertyID,
				ClientID,
				ClientRelation: optionalText(
					this,
					itemIndex,
					'Client Relation',
					this.getNodeParameter('clientRelation', itemIndex, ''),
					NAME_MAX,
				),
			}),
			itemIndex,
		});
		return statusResult(body, { PropertyID, ClientID });
	},
};
