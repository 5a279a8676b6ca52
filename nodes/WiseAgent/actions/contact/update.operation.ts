import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { categoryNamesField, contactLocator } from '../../descriptions/common';
import {
	checkSearchProfile,
	searchProfileCollection,
} from '../../descriptions/searchProfileFields';
import { getContactIdParameter } from '../../helpers/parameters';
import { invalidInput, readBoolean, readList } from '../../helpers/validation';
import type { WiseAgentOperation } from '../types';
import { checkContactFields, contactFieldProperties } from './contact.fields';
import { sendUpdateContact, updateContactFields } from './contact.requests';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a contact',
		description: 'Change fields, add or remove categories, reassign',
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

	// Two updates of one contact apply in input order, also with Parallel Requests above 1.
	serialKey(this: IExecuteFunctions, itemIndex: number): string[] {
		// 42, 042 and v42/V42 are the same contact.
		return [`contact:${getContactIdParameter(this, itemIndex).replace(/^(V?)0+/, '$1')}`];
	},

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const checked = checkContactFields(this, itemIndex, values, 'updateContact');
		const searchProfile = checkSearchProfile(
			this,
			itemIndex,
			this.getNodeParameter('searchProfile', itemIndex, {}) as IDataObject,
		);
		const reassign =
			values.reassign !== undefined &&
			readBoolean(this, itemIndex, 'Replace Team Assignment', values.reassign);
		if (reassign && checked.insideTeamId === undefined) {
			throw invalidInput(
				this,
				itemIndex,
				'Replace Team Assignment',
				'needs a Team Member to assign the contact to',
			);
		}
		const fields = updateContactFields(checked, searchProfile, {
			add: readList(this, itemIndex, 'Add Category Names', values.addCategories, 'added'),
			remove: readList(this, itemIndex, 'Remove Category Names', values.removeCategories, 'added'),
			reassign,
		});
		if (Object.keys(fields).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		return await sendUpdateContact(this, itemIndex, clientId, fields);
	},
};
