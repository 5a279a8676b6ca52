import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { categoryNamesField, contactLocator } from '../../descriptions/common';
import { contactFieldProperties } from './contact.fields';
import { searchProfileCollection } from '../../descriptions/searchProfileFields';
import { getContactIdParameter } from '../../helpers/parameters';
import { checkEmail, invalidInput } from '../../helpers/validation';
import type { WiseAgentOperation } from '../types';
import { sendUpdateContact, updateContactFields } from './contact.requests';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a contact',
		description: 'Change fields, add or remove categories, reassign (updateContact)',
	},
	scopes: ['contacts'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...contactFieldProperties('updateContact'),
				categoryNamesField('Categories to add the contact to', {
					name: 'addCategories',
					displayName: 'Add Category Names or IDs',
				}),
				categoryNamesField('Categories to take the contact out of', {
					name: 'removeCategories',
					displayName: 'Remove Category Names or IDs',
				}),
				{
					displayName: 'Replace Team Assignment',
					name: 'reassign',
					type: 'boolean',
					default: false,
					description:
						'Whether assigning a team member removes the other inside team assignments (Reassignment)',
				},
			],
		},
		searchProfileCollection(),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const searchProfile = this.getNodeParameter('searchProfile', itemIndex, {}) as IDataObject;
		checkEmail(this, itemIndex, 'Email', String(values.email ?? '').trim());
		const fields = updateContactFields(values, searchProfile, {
			add: values.addCategories,
			remove: values.removeCategories,
			reassign: values.reassign === true,
		});
		if (Object.keys(fields).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		return await sendUpdateContact(this, itemIndex, clientId, fields);
	},
};
