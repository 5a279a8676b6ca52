import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getCollection, getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { requireDate } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { callFieldOptions, nextContactDateDescription } from './call.fields';
import { callForm } from './call.requests';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Add a contact to the call list',
		description: 'Schedule a call to a client or vendor on the call list',
	},
	scopes: ['contacts'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Next Contact Date',
			name: 'nextContactDate',
			type: 'dateTime',
			required: true,
			default: '',
			description: nextContactDateDescription,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: callFieldOptions('create'),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const nextContactDate = this.getNodeParameter('nextContactDate', itemIndex, '');
		// Required: checked here, so an empty value says "is required".
		requireDate(this, itemIndex, 'Next Contact Date', nextContactDate);
		const form = callForm(this, itemIndex, {
			...getCollection(this, itemIndex, 'additionalFields'),
			nextContactDate,
		});
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'calls',
			form: { ClientId: clientId, ...form },
			itemIndex,
		});
		return successResult(body, { ClientId: clientId });
	},
};
