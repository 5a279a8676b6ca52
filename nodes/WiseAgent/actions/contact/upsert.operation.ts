import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { requireOption, toList } from '../../helpers/validation';
import { getContact, mapWithConcurrency } from '../../transport';
import type { WiseAgentOperation } from '../types';
import type { UpsertMatchInput } from './contact.requests';
import {
	findUpsertTarget,
	listWrittenContacts,
	MATCH_BY_VALUES,
	sendUpdateContact,
	sendWebcontact,
	simplifyContact,
	updateContactFields,
	upsertMatchKeys,
	webcontactFields,
} from './contact.requests';
import type { CreateContactInput } from './contact.fields';
import { readUpsertContactInput, upsertContactProperties } from './contact.fields';

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
			description: 'How an existing contact is found. Two or more matching contacts fail the item.',
		},
		{
			displayName:
				'An existing contact is updated only when exactly one contact matches. The output says what was done ("action": created or updated, "matchedBy") and holds the contact as Wise Agent has it after the run.',
			name: 'upsertNotice',
			type: 'notice',
			default: '',
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
		...upsertContactProperties(),
		simplifyField,
	],

	serialKey(this: IExecuteFunctions, itemIndex: number): string[] {
		return upsertMatchKeys(readItem(this, itemIndex).match);
	},

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { input, match } = readItem(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const extra = input.additionalFields;
		const existing = await findUpsertTarget(this, itemIndex, match);
		const writtenAt = Date.now();
		if (!existing) {
			const created = await sendWebcontact(this, itemIndex, webcontactFields(input));
			if (created.NewContact === false || created.NewContact === 'false') {
				// Another contact with this email appeared since the lookup: webcontact adds the
				// phones and emails to it and changes nothing else; it is not this item's update.
				throw new NodeApiError(
					this.getNode(),
					{ message: String(created.Message ?? 'Contact already exists') },
					{
						message: `Wise Agent: a contact with the email ${String(extra.email ?? '')} already exists (ClientID ${String(created.ClientID)}), created since the lookup; it was not updated`,
						description:
							'Wise Agent added the phones and emails of this item to it and changed nothing else. Run the item again to update that contact.',
						itemIndex,
					},
				);
			}
			const written: WrittenContact = {
				action: 'created',
				matchedBy: null,
				clientId: String(created.ClientID ?? ''),
				writtenAt,
				simplify,
			};
			return written as unknown as IDataObject;
		}
		const fields = updateContactFields(
			{ ...extra, firstName: input.firstName, lastName: input.lastName },
			input.searchProfile,
			{ add: toList(extra.categories) },
		);
		await sendUpdateContact(this, itemIndex, existing.clientId, fields);
		const written: WrittenContact = {
			action: 'updated',
			matchedBy: existing.matchedBy,
			clientId: existing.clientId,
			writtenAt,
			simplify,
		};
		return written as unknown as IDataObject;
	},

	/**
	 * The output holds each contact as Wise Agent has it after the run's writes: read back in
	 * one list when many were written (listWrittenContacts), else, and for any contact the list
	 * did not bring, one by one.
	 */
	async completeItems(this: IExecuteFunctions, done, parallelRequests) {
		const written = done.map(({ result }) => result as unknown as WrittenContact);
		const listed = await listWrittenContacts(this, written);
		return await mapWithConcurrency(done, parallelRequests, async ({ itemIndex }, index) => {
			const { action, matchedBy, clientId, simplify } = written[index];
			try {
				const contact =
					listed.get(clientId) ??
					(clientId ? await getContact(this, clientId, itemIndex) : undefined);
				if (!contact) {
					return new NodeApiError(
						this.getNode(),
						{ message: `Contact ${clientId || '(no ClientID)'} not found` },
						{
							message: `Wise Agent: the contact was ${action} but could not be read back (ClientID ${clientId || 'not returned'})`,
							itemIndex,
						},
					);
				}
				return {
					action,
					matchedBy,
					contact: simplifyRecords([contact], simplify, simplifyContact)[0],
				};
			} catch (error) {
				return error as Error;
			}
		});
	},
};

/** What an item's write did; its output is made once the contacts are read back. */
interface WrittenContact {
	action: 'created' | 'updated';
	matchedBy: string | null;
	clientId: string;
	/** n8n's clock just before the write was sent. */
	writtenAt: number;
	simplify: boolean;
}

/**
 * Each item's parameters are read once per run: serialKey (when items run in parallel) and
 * execute use the same reading (expressions are evaluated once, not twice).
 */
const itemsRead = new WeakMap<
	IExecuteFunctions,
	Map<number, { input: CreateContactInput; match: UpsertMatchInput }>
>();

function readItem(context: IExecuteFunctions, itemIndex: number) {
	let run = itemsRead.get(context);
	if (!run) itemsRead.set(context, (run = new Map()));
	let item = run.get(itemIndex);
	if (!item) {
		const input = readUpsertContactInput(context, itemIndex);
		item = { input, match: readUpsertMatch(context, itemIndex, input) };
		run.set(itemIndex, item);
	}
	return item;
}

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
