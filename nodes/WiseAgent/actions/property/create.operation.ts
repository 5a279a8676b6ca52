import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	propertyContactLocator,
	propertyFieldProperties,
	readOptionalContactId,
	STREET_NAME,
	STREET_NUMBER,
} from './property.fields';
import { statusResult, toPropertyForm } from './property.requests';
import { getCollection } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a property',
		description: 'Add a property with its details and photos, optionally for a contact',
	},
	scopes: ['properties'],
	description: [
		{
			displayName: STREET_NUMBER.displayName,
			name: 'addressNum',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 13400',
			description: 'Up to 50 characters',
		},
		{
			displayName: STREET_NAME.displayName,
			name: 'address',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. E Shea Blvd',
			description: 'Up to 250 characters',
		},
		propertyContactLocator,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: propertyFieldProperties('create'),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const addressNum = requireText(
			this,
			itemIndex,
			STREET_NUMBER.displayName,
			this.getNodeParameter('addressNum', itemIndex),
			STREET_NUMBER.max,
		);
		const address = requireText(
			this,
			itemIndex,
			STREET_NAME.displayName,
			this.getNodeParameter('address', itemIndex),
			STREET_NAME.max,
		);
		const form = toPropertyForm(this, itemIndex, {
			...getCollection(this, itemIndex, 'additionalFields'),
			addressNum,
			address,
		});
		const clientId = readOptionalContactId(this, itemIndex);
		if (clientId) form.ClientId = clientId;
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addProperty',
			form,
			itemIndex,
		});
		return statusResult(body);
	},
};
