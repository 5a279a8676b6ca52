import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireOption, toList } from '../../helpers/validation';
import type { WiseAgentOperation } from '../types';
import type { UpsertMatchInput } from './contact.requests';
import {
	findUpsertTarget,
	MATCH_BY_VALUES,
	sendUpdateContact,
	sendWebcontact,
	updateContactFields,
	upsertMatchKeys,
	webcontactFields,
} from './contact.requests';
import type { CreateContactInput } from './contact.fields';
import { createContactProperties, readCreateContactInput } from './contact.fields';

export const upsert: WiseAgentOperation = {
	option: {
		name: 'Create or Update',
		value: 'upsert',
		action: 'Create or update a contact',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
	},
	scopes: ['contacts'],
	description: [
		{
			displayName:
				'An existing contact is updated only when exactly one contact matches; the output field "action" says whether it was created or updated',
			name: 'upsertNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Match By',
			name: 'matchBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Email, Then Phone',
					value: 'emailThenPhone',
					description: 'The contact with this email; if there is none, the one with these phones',
				},
				{ name: 'Email', value: 'email', description: 'Only the contact with this exact email' },
				{
					name: 'Phone',
					value: 'phone',
					description: 'Only a contact with one of these phone numbers',
				},
			],
			default: 'emailThenPhone',
			description:
				'How an existing contact is found. Set Email and/or phones under Additional Fields. Two or more matching contacts fail the item.',
		},
		{
			displayName: 'When the Phone Belongs to a Contact With Another Email',
			name: 'onPhoneConflict',
			type: 'options',
			options: [
				{
					name: 'Create a New Contact',
					value: 'create',
					description: 'Leave that contact untouched and create one for this email',
				},
				{ name: 'Fail the Item', value: 'fail' },
			],
			default: 'create',
			displayOptions: { show: { matchBy: ['emailThenPhone', 'phone'] } },
			description:
				'A contact found by phone whose email differs from this one is never updated (the phone may be shared, or reused)',
		},
		...createContactProperties,
	],

	serialKey(this: IExecuteFunctions, itemIndex: number): string[] {
		return upsertMatchKeys(
			readUpsertMatch(this, itemIndex, readCreateContactInput(this, itemIndex)),
		);
	},

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = readCreateContactInput(this, itemIndex);
		const extra = input.additionalFields;
		const existing = await findUpsertTarget(
			this,
			itemIndex,
			readUpsertMatch(this, itemIndex, input),
		);
		if (!existing) {
			const created = await sendWebcontact(this, itemIndex, webcontactFields(input));
			return { action: 'created', ...created };
		}
		const fields = updateContactFields(
			{ ...extra, firstName: input.firstName, lastName: input.lastName },
			input.searchProfile,
			{ add: toList(extra.categories) },
		);
		const updated = await sendUpdateContact(this, itemIndex, existing.clientId, fields);
		return { action: 'updated', matchedBy: existing.matchedBy, ...updated };
	},
};

/** How this item finds its contact: the same reading for the lookup and for serialKey. */
function readUpsertMatch(
	context: IExecuteFunctions,
	itemIndex: number,
	input: CreateContactInput,
): UpsertMatchInput {
	const extra = input.additionalFields;
	return {
		matchBy: requireOption(
			context,
			itemIndex,
			'Match By',
			context.getNodeParameter('matchBy', itemIndex, 'emailThenPhone'),
			MATCH_BY_VALUES,
		),
		onPhoneConflict: requireOption(
			context,
			itemIndex,
			'When the Phone Belongs to a Contact With Another Email',
			context.getNodeParameter('onPhoneConflict', itemIndex, 'create'),
			['create', 'fail'] as const,
		),
		email: String(extra.email ?? '').trim(),
		phones: [extra.mobilePhone, extra.homePhone, extra.workPhone],
	};
}
