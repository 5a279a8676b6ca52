import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import {
	invalidInput,
	optionalText,
	readBoolean,
	readNumericId,
	withoutEmpty,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { CUSTOM_KEY_MAX, CUSTOM_VALUE_MAX, customFieldProperties } from './contact.fields';

/**
 * editClientCustomData (docs): "Update existing ClientCustomData by Key, or edit both Key & Value
 * fields by supplying a ClientCustomID"; Key is required without ClientCustomID and vice versa;
 * Value is "the Value of the given Key", not marked required. So a request without Value leaves
 * the value as it is (a rename), and `Value=` (empty) sets it to empty. Because an expression
 * that comes back empty looks exactly like an empty field, clearing takes Clear Value: an empty
 * Value alone is never sent.
 */
export const updateCustomField: WiseAgentOperation = {
	option: {
		name: 'Update Custom Field',
		value: 'updateCustomField',
		action: 'Update a custom field of a contact',
		description: 'Change a custom value by its key, or change key and value by the custom field ID',
	},
	scopes: ['contacts'],
	description: [
		...customFieldProperties(
			'Key of the custom field to update. Required unless a Custom Field ID is given.',
			'The new value. To clear the value, leave this empty and turn on Clear Value; when renaming a key by its Custom Field ID, leave it empty to keep the value.',
		),
		{
			displayName: 'Custom Field ID',
			name: 'customFieldId',
			type: 'string',
			default: '',
			description: 'The custom field’s ID, from Add Custom Field; set it to rename the key as well',
		},
		{
			displayName: 'Clear Value',
			name: 'clearValue',
			type: 'boolean',
			default: false,
			description: 'Whether to set the value to empty (Value must then be left empty)',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const key = optionalText(
			this,
			itemIndex,
			'Key',
			this.getNodeParameter('key', itemIndex, ''),
			CUSTOM_KEY_MAX,
		);
		const customId = readNumericId(
			this,
			itemIndex,
			'Custom Field ID',
			this.getNodeParameter('customFieldId', itemIndex, ''),
			'optional',
		);
		if (!key && !customId) {
			throw invalidInput(this, itemIndex, 'Key', 'give a Key or a Custom Field ID');
		}
		const value = optionalText(
			this,
			itemIndex,
			'Value',
			this.getNodeParameter('value', itemIndex, ''),
			CUSTOM_VALUE_MAX,
		);
		const clear = readBoolean(
			this,
			itemIndex,
			'Clear Value',
			this.getNodeParameter('clearValue', itemIndex, false),
		);
		if (clear && value !== undefined) {
			throw invalidInput(this, itemIndex, 'Value', 'must be empty when Clear Value is on');
		}
		// Without Value the request only renames the key (by its ID): by Key alone it would change nothing.
		if (!clear && value === undefined && !(customId && key)) {
			throw invalidInput(
				this,
				itemIndex,
				'Value',
				'is empty: give the new value, or turn on Clear Value to clear it',
			);
		}
		const form = withoutEmpty({ ClientID: clientId, Key: key, ClientCustomID: customId });
		if (value !== undefined || clear) form.Value = value ?? '';
		// Documented under DELETE, although it edits the value.
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: 'editClientCustomData',
			form,
			itemIndex,
		});
		return successResult(body, { ClientID: clientId });
	},
};
