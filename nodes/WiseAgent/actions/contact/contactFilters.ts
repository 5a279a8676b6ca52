import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { formatArizonaDateTime, formatUtcDateTime } from '../../helpers/dates';
import { checkEmail, invalidInput, requireDate, toList } from '../../helpers/validation';
import { categoryNamesField } from '../../descriptions/common';

/**
 * Contact filters shared by Get Many and Count. Wise Agent applies only ONE of email, phone,
 * categories and name (in that order), so the user picks one "Search By"; sources and the
 * updated-since date combine with categories and name, and are ignored with email or phone.
 */
export const contactFilterProperties: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'All Contacts', value: 'none' },
			{ name: 'Categories', value: 'categories' },
			{ name: 'Email', value: 'email' },
			{ name: 'Name or Company', value: 'name' },
			{ name: 'Phone', value: 'phone' },
		],
		default: 'none',
		description: 'Wise Agent applies one of these searches per request',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: { searchBy: ['email'] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: '4808360345',
		description: 'Phone number; anything but digits is removed before searching',
		displayOptions: { show: { searchBy: ['phone'] } },
	},
	categoryNamesField(undefined, {
		required: true,
		displayOptions: { show: { searchBy: ['categories'] } },
	}),
	{
		displayName: 'Must Be in All Categories',
		name: 'categoryAll',
		type: 'boolean',
		default: false,
		description: 'Whether contacts must be in every chosen category (otherwise any of them)',
		displayOptions: { show: { searchBy: ['categories'] } },
	},
	{
		displayName: 'Name or Company',
		name: 'nameQuery',
		type: 'string',
		default: '',
		required: true,
		description: 'Matched against first name, last name and company',
		displayOptions: { show: { searchBy: ['name'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { searchBy: ['none', 'categories', 'name'] } },
		options: [
			{
				displayName: 'Source Names or IDs',
				name: 'sources',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSources' },
				default: [],
				description:
					'Contacts from any of these sources. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only contacts changed at or after this time (in the workflow’s time zone)',
			},
			{
				displayName: 'Send Date As',
				name: 'updatedSinceParameter',
				type: 'options',
				options: [
					{ name: 'UTC (DateUpdatedUTC)', value: 'DateUpdatedUTC' },
					{ name: 'Arizona Time (Dtupdated)', value: 'dtupdated' },
				],
				default: 'DateUpdatedUTC',
				description:
					'Which API parameter carries the date. Both select the same contacts; dtupdated is read in Arizona time (UTC−7).',
			},
		],
	},
];

/** The getContacts / getContactsCount query for one item. */
export function contactFilterQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const searchBy = context.getNodeParameter('searchBy', itemIndex, 'none') as string;
	const query: IDataObject = {};
	switch (searchBy) {
		case 'email': {
			const email = String(context.getNodeParameter('email', itemIndex, '')).trim();
			if (!email) throw invalidInput(context, itemIndex, 'Email', 'is required');
			checkEmail(context, itemIndex, 'Email', email);
			return { email };
		}
		case 'phone': {
			const phone = String(context.getNodeParameter('phone', itemIndex, '')).replace(/\D/g, '');
			if (!phone) throw invalidInput(context, itemIndex, 'Phone', 'needs at least one digit');
			return { phone };
		}
		case 'categories': {
			const categories = toList(context.getNodeParameter('categories', itemIndex, []));
			if (!categories.length)
				throw invalidInput(context, itemIndex, 'Categories', 'choose at least one category');
			query.categories = categories.join(',');
			if (context.getNodeParameter('categoryAll', itemIndex, false)) query.categoryAll = 'true';
			break;
		}
		case 'name': {
			const nameQuery = String(context.getNodeParameter('nameQuery', itemIndex, '')).trim();
			if (!nameQuery) throw invalidInput(context, itemIndex, 'Name or Company', 'is required');
			query.nameQuery = nameQuery;
			break;
		}
	}

	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const sources = toList(filters.sources);
	if (sources.length) query.sources = sources.join(',');
	if (filters.updatedSince) {
		const since = requireDate(context, itemIndex, 'Updated Since', filters.updatedSince);
		if (filters.updatedSinceParameter === 'dtupdated')
			query.dtupdated = formatArizonaDateTime(since);
		else query.DateUpdatedUTC = formatUtcDateTime(since);
	}
	return query;
}
