import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator, returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { formatUsDateInZone } from '../../helpers/dates';
import { getCollection, getContactIdParameter } from '../../helpers/parameters';
import { recordsFrom } from '../../helpers/records';
import { simplifyRecords } from '../../helpers/simplify';
import { requireDate, toList, withoutEmpty } from '../../helpers/validation';
import { DEFAULT_PAGE_SIZE, wiseAgentApiRequestAllItems } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { noteCategoriesField } from './note.fields';

/** Documented default page size of getContactNotes. */

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many notes of a contact',
		description:
			'List the notes of a client or vendor, by category, subject or date (getContactNotes)',
	},
	scopes: ['contacts'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				noteCategoriesField({
					description:
						'Notes in any of these categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				}),
				{
					displayName: 'Date',
					name: 'date',
					type: 'dateTime',
					default: '',
					description: 'Only notes written on this day (in the workflow’s time zone)',
				},
				{
					displayName: 'Subject',
					name: 'subject',
					type: 'string',
					default: '',
					description: 'Only notes with this subject',
				},
			],
		},
		simplifyField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const clientId = getContactIdParameter(this, itemIndex);
		const filters = getCollection(this, itemIndex, 'filters');
		const date =
			filters.date !== undefined && filters.date !== ''
				? formatUsDateInZone(requireDate(this, itemIndex, 'Date', filters.date), this.getTimezone())
				: undefined;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const notes = await wiseAgentApiRequestAllItems.call(
			this,
			{
				method: 'GET',
				requestType: 'getContactNotes',
				query: withoutEmpty({
					ClientID: clientId,
					categories: toList(filters.categories).join(','),
					subject: String(filters.subject ?? '').trim(),
					date,
				}),
				itemIndex,
			},
			{ pageSize: DEFAULT_PAGE_SIZE, limit, extract: (body) => recordsFrom(body, 'Notes') },
		);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords(notes, simplify);
	},
};
