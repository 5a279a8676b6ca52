import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, optionalContactId } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { callFieldOptions, callIdField, readCallId } from './call.fields';
import { callForm } from './call.requests';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a call on the call list',
		description: 'Reschedule, complete, flag or reassign a call',
	},
	scopes: ['contacts'],
	description: [
		callIdField,
		contactLocator({
			displayName: 'Move to Contact',
			name: 'contactId',
			required: false,
			description: 'Another contact to attach the call to (optional)',
		}),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: callFieldOptions('update'),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const callId = readCallId(this, itemIndex);
		const form = callForm(this, itemIndex, getCollection(this, itemIndex, 'updateFields'));
		const contact = optionalContactId(
			this,
			itemIndex,
			'Move to Contact',
			this.getNodeParameter('contactId', itemIndex, '', { extractValue: true }),
		);
		if (contact) form.ClientId = contact;
		if (Object.keys(form).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'calls',
			form: { CallId: callId, ...form },
			itemIndex,
		});
		return successResult(body, { CallId: callId });
	},
};
