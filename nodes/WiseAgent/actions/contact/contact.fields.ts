import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	categoryNamesField,
	contactLocator,
	RANK_OPTIONS,
	STATUS_OPTIONS,
	teamMemberField,
} from '../../descriptions/common';
import { searchProfileCollection } from '../../descriptions/searchProfileFields';
import { formatArizonaDateTime, formatUtcDateTime } from '../../helpers/dates';
import { checkEmail, invalidInput, requireDate, toList } from '../../helpers/validation';

/**
 * One list of contact fields with the names the user sees, and the API name each request type
 * uses. `webcontact` (create) and `updateContact` (update) spell several fields differently
 * (`zip` vs `Zip`, `CLast` vs `Clast`) and accept different sets; the user sees one set.
 */
type ContactApi = 'webcontact' | 'updateContact';

interface ContactFieldSpec {
	property: INodeProperties;
	api: Partial<Record<ContactApi, string[]>>;
}

function text(
	name: string,
	displayName: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'string', default: '', ...extra } as INodeProperties;
}

const CONTACT_FIELD_SPECS: ContactFieldSpec[] = [
	// Create takes first and last name as required top-level parameters; update lists them here.
	{ property: text('firstName', 'First Name'), api: { updateContact: ['CFirst'] } },
	{ property: text('lastName', 'Last Name'), api: { updateContact: ['Clast'] } },
	{
		property: text('email', 'Email', { placeholder: 'name@email.com' }),
		api: { webcontact: ['CEmail'], updateContact: ['CEmail'] },
	},
	{
		property: text('homePhone', 'Home Phone'),
		// The docs spell the create field "HomePhome" and the update/read field "HomePhone";
		// webcontact ignores unknown fields, so both spellings are sent on create.
		api: { webcontact: ['HomePhome', 'HomePhone'], updateContact: ['HomePhone'] },
	},
	{
		property: text('mobilePhone', 'Mobile Phone'),
		api: { webcontact: ['MobilePhone'], updateContact: ['MobilePhone'] },
	},
	{
		property: text('workPhone', 'Work Phone'),
		api: { webcontact: ['WorkPhone'], updateContact: ['WorkPhone'] },
	},
	{ property: text('fax', 'Fax'), api: { webcontact: ['Fax'] } },
	{
		property: text('company', 'Company'),
		api: { webcontact: ['Company'], updateContact: ['Company'] },
	},
	{ property: text('website', 'Website'), api: { webcontact: ['Website'] } },
	{
		property: text('addressNumber', 'Street Number'),
		api: { webcontact: ['AddressNumber'], updateContact: ['AddressNumber'] },
	},
	{
		property: text('addressStreet', 'Street Name'),
		api: { webcontact: ['AddressStreet'], updateContact: ['AddressStreet'] },
	},
	{
		property: text('suiteNo', 'Suite / Apartment'),
		api: { webcontact: ['SuiteNo'], updateContact: ['SuiteNo'] },
	},
	{ property: text('buildingFloor', 'Building Floor'), api: { updateContact: ['BuildingFloor'] } },
	{ property: text('city', 'City'), api: { webcontact: ['City'], updateContact: ['City'] } },
	{ property: text('state', 'State'), api: { webcontact: ['State'], updateContact: ['State'] } },
	{ property: text('zip', 'Zip'), api: { webcontact: ['zip'], updateContact: ['Zip'] } },
	{ property: text('county', 'County'), api: { updateContact: ['County'] } },
	{
		property: text('country', 'Country'),
		api: { webcontact: ['country'], updateContact: ['Country'] },
	},
	{ property: text('subdivision', 'Subdivision'), api: { updateContact: ['Subdivision'] } },
	{
		property: {
			displayName: 'Rank',
			name: 'rank',
			type: 'options',
			options: RANK_OPTIONS,
			default: 'Unranked',
		},
		api: { webcontact: ['Rank'], updateContact: ['Rank'] },
	},
	{
		property: {
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: STATUS_OPTIONS,
			default: 'New',
		},
		api: { webcontact: ['ContactStatus'], updateContact: ['ContactStatus'] },
	},
	{
		property: teamMemberField('Inside team member to assign the contact to'),
		api: { webcontact: ['InsideTeamId'], updateContact: ['InsideTeamId'] },
	},
	{
		property: {
			displayName: 'Outside Team Member Name or ID',
			name: 'outsideTeamEmail',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getOutsideTeamMembers' },
			default: '',
			description:
				'Outside team member to route the lead to (by email); their lead rules apply. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		api: { webcontact: ['OutsideTeamAssignment'], updateContact: ['OutsideTeamAssignment'] },
	},
];

/** The "Additional Fields" / "Update Fields" options for one request type. */
export function contactFieldProperties(api: ContactApi): INodeProperties[] {
	return CONTACT_FIELD_SPECS.filter((spec) => spec.api[api]).map((spec) => spec.property);
}

/** Maps user-facing field names to the API's names for one request type; blanks are dropped. */
export function toContactApiFields(values: IDataObject, api: ContactApi): IDataObject {
	const fields: IDataObject = {};
	for (const spec of CONTACT_FIELD_SPECS) {
		const value = values[spec.property.name];
		const apiNames = spec.api[api];
		if (!apiNames || value === undefined || value === null || value === '') continue;
		for (const apiName of apiNames)
			fields[apiName] = typeof value === 'string' ? value.trim() : value;
	}
	return fields;
}

/** Parameters of Create, reused as they are by Create or Update. */
export const createContactProperties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Source Name or ID',
		name: 'source',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSources' },
		required: true,
		default: '',
		description:
			'Where the lead came from; Wise Agent lead rules and automations key on it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...contactFieldProperties('webcontact'),
			categoryNamesField('Categories to put the contact in'),
			{
				displayName: 'Call List Type',
				name: 'callType',
				type: 'options',
				options: [
					{ name: 'Phone', value: '1' },
					{ name: 'Email', value: '2' },
				],
				default: '1',
				description:
					'How the new lead appears on the call list; Wise Agent uses Email when no phone is given',
			},
			{
				displayName: 'Price',
				name: 'price',
				type: 'number',
				default: 0,
				description:
					'Price of the home the lead is interested in (used by lead distribution rules)',
			},
			{
				displayName: 'Extra Form Fields',
				name: 'extraFormFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Form Field',
				default: {},
				description:
					'Other webcontact fields sent as they are, e.g. the fields of the property the lead is viewing',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
	searchProfileCollection(),
];

/** Contact, key and value: shared by Add Custom Field and Update Custom Field. */
export function customFieldProperties(keyDescription: string): INodeProperties[] {
	return [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{ displayName: 'Key', name: 'key', type: 'string', default: '', description: keyDescription },
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	];
}

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
