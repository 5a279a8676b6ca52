import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { optionalText, requireText } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { CUSTOM_KEY_MAX, CUSTOM_VALUE_MAX, customFieldProperties } from './contact.fields';

export const addCustomField: WiseAgentOperation = {
	option: {
		name: 'Add Custom Field',
		value: 'addCustomField',
		action: 'Add a custom field to a contact',
		description: 'Store a key/value on the contact; a key can exist once per contact',
	},
	scopes: ['contacts'],
	description: customFieldProperties(
		'Unique per contact: adding an existing key fails (use Update Custom Field)',
		'The value stored under the key; may be empty',
	).map((property) => (property.name === 'key' ? { ...property, required: true } : property)),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const form = {
			ClientID: clientId,
			Key: requireText(
				this,
				itemIndex,
				'Key',
				this.getNodeParameter('key', itemIndex),
				CUSTOM_KEY_MAX,
			),
			// A key may be stored with an empty value (documented as a plain string).
			Value:
				optionalText(
					this,
					itemIndex,
					'Value',
					this.getNodeParameter('value', itemIndex, ''),
					CUSTOM_VALUE_MAX,
				) ?? '',
		};
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addClientCustom',
			form,
			itemIndex,
		});
		return successResult(body, { ClientID: clientId });
	},
};
