import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, requireNumericId, withoutEmpty } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { customFieldProperties } from './contact.fields';

export const updateCustomField: WiseAgentOperation = {
	option: {
		name: 'Update Custom Field',
		value: 'updateCustomField',
		action: 'Update a custom field of a contact',
		description:
			'Change a custom value by its key, or change key and value by the custom field ID (editClientCustomData)',
	},
	scopes: ['contacts'],
	description: [
		...customFieldProperties(
			'Key of the custom field to update. Required unless a Custom Field ID is given.',
		),
		{
			displayName: 'Custom Field ID',
			name: 'customFieldId',
			type: 'string',
			default: '',
			description: 'ClientCustomID returned by Add Custom Field; set it to rename the key as well',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const key = String(this.getNodeParameter('key', itemIndex, '')).trim();
		const rawId = String(this.getNodeParameter('customFieldId', itemIndex, '')).trim();
		if (!key && !rawId)
			throw invalidInput(this, itemIndex, 'Key', 'give a Key or a Custom Field ID');
		const customId = rawId ? requireNumericId(this, itemIndex, 'Custom Field ID', rawId) : '';
		// Documented under DELETE, although it edits the value.
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: 'editClientCustomData',
			form: withoutEmpty({
				ClientID: clientId,
				Key: key,
				Value: String(this.getNodeParameter('value', itemIndex, '')),
				ClientCustomID: customId,
			}),
			itemIndex,
		});
		return successResult(body, { ClientID: clientId });
	},
};
