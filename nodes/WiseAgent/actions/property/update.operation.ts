import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	propertyContactLocator,
	propertyFieldProperties,
	propertyLocator,
	readOptionalContactId,
	readPropertyId,
} from './property.fields';
import { statusResult, toPropertyForm } from './property.requests';
import { getCollection } from '../../helpers/parameters';
import { invalidInput } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a property',
		description: 'Change the supplied fields of a property; the others stay as they are',
	},
	scopes: ['properties'],
	description: [
		propertyLocator,
		propertyContactLocator,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: propertyFieldProperties('update'),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const propertyID = readPropertyId(this, itemIndex);
		const form = toPropertyForm(this, itemIndex, getCollection(this, itemIndex, 'updateFields'));
		const clientId = readOptionalContactId(this, itemIndex);
		if (clientId) form.ClientId = clientId;
		if (Object.keys(form).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'updateProperty',
			form: { propertyID, ...form },
			itemIndex,
		});
		return statusResult(body, { propertyId: propertyID });
	},
};
