import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WiseAgentOperation } from '../types';
import { sendWebcontact, webcontactFields } from './contact.requests';
import { createContactProperties, readCreateContactInput } from './contact.fields';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a contact',
		description:
			'Add a lead. If the email already exists Wise Agent only adds new phones and emails; use Create or Update to change it.',
	},
	scopes: ['contacts'],
	description: [
		{
			displayName:
				'Wise Agent does not update an existing contact with the same email: the output then says "NewContact": false. Use "Create or Update" to update it instead.',
			name: 'createNotice',
			type: 'notice',
			default: '',
		},
		...createContactProperties,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = readCreateContactInput(this, itemIndex);
		return await sendWebcontact(this, itemIndex, webcontactFields(input));
	},
};
