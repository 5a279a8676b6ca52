import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, toList } from '../../helpers/validation';
import { getContactsPage } from '../../transport';
import type { WiseAgentOperation } from '../types';
import {
	readCreateInput,
	sendUpdateContact,
	sendWebcontact,
	updateContactFields,
	webcontactFields,
} from './contact.requests';
import { createContactProperties } from './contact.fields';

const PHONE_FIELDS = ['mobilePhone', 'homePhone', 'workPhone'] as const;

/**
 * webcontact never updates an existing contact, so the match is done here: by email first,
 * then by each phone number (the API's filters are exclusive, one per request).
 */
async function findExistingContact(
	context: IExecuteFunctions,
	itemIndex: number,
	email: string,
	phones: string[],
): Promise<{ clientId: string; matchedBy: string } | undefined> {
	const lookups: Array<{ by: string; query: IDataObject }> = [];
	if (email) lookups.push({ by: 'email', query: { email } });
	for (const phone of phones) lookups.push({ by: 'phone', query: { phone } });

	for (const lookup of lookups) {
		const candidates = await getContactsPage(context, lookup.query, 1, 2, itemIndex);
		const match = candidates.find((contact) => contact.ClientID !== undefined);
		if (match) return { clientId: String(match.ClientID), matchedBy: lookup.by };
	}
	return undefined;
}

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
				'The contact is matched by email, then by phone number. The output field "action" says whether it was created or updated.',
			name: 'upsertNotice',
			type: 'notice',
			default: '',
		},
		...createContactProperties,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = readCreateInput(this, itemIndex);
		const extra = input.additionalFields;
		const email = String(extra.email ?? '').trim();
		// getContacts matches phones as digits only.
		const phones = PHONE_FIELDS.map((field) =>
			String(extra[field] ?? '').replace(/\D/g, ''),
		).filter(Boolean);
		if (!email && phones.length === 0) {
			throw invalidInput(
				this,
				itemIndex,
				'Email',
				'Create or Update needs an email or a phone number (Additional Fields) to find an existing contact',
			);
		}

		const existing = await findExistingContact(this, itemIndex, email, phones);
		if (!existing) {
			const created = await sendWebcontact(
				this,
				itemIndex,
				webcontactFields(this, itemIndex, input),
			);
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
