import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	contactLocator,
	pageSizeOption,
	returnAllOrLimit,
	simplifyField,
} from '../../descriptions/common';
import { formatUsDateInZone } from '../../helpers/dates';
import { getCollection, getContactIdParameter, readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { NAME_MAX, addedDate, addedText, readList, withoutEmpty } from '../../helpers/validation';
import { readPaging } from '../listOperation';
import { DEFAULT_PAGE_SIZE, getContactNotes } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { noteCategoriesField } from './note.fields';
import { simplifyNote } from './note.requests';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many notes of a contact',
		description: 'List the notes of a client or vendor, by category, subject or date',
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
		pageSizeOption(DEFAULT_PAGE_SIZE),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const clientId = getContactIdParameter(this, itemIndex);
		const { limit, pageSize } = readPaging(this, itemIndex, DEFAULT_PAGE_SIZE);
		const filters = getCollection(this, itemIndex, 'filters');
		const day = addedDate(this, itemIndex, 'Date', filters.date);
		const categories = readList(this, itemIndex, 'Category Names', filters.categories, 'added');
		const subject = addedText(this, itemIndex, 'Subject', filters.subject, NAME_MAX);
		const simplify = readSimplify(this, itemIndex);
		const notes = await getContactNotes(
			this,
			withoutEmpty({
				ClientID: clientId,
				categories: categories.join(','),
				subject,
				date: day && formatUsDateInZone(day, this.getTimezone()),
			}),
			{ pageSize, limit },
			itemIndex,
		);
		return simplifyRecords(notes, simplify, simplifyNote);
	},
};
