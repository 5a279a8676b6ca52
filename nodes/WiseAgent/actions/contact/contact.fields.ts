import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	categoryNamesField,
	contactLocator,
	RANK_OPTIONS,
	STATUS_OPTIONS,
	teamMemberField,
} from '../../descriptions/common';
import {
	SEARCH_PROFILE_ADD_NAMES,
	checkSearchProfile,
	searchProfileCollection,
} from '../../descriptions/searchProfileFields';
import { formatArizonaDateTime, formatUtcDateTime } from '../../helpers/dates';
import {
	EMAIL_MAX,
	NAME_MAX,
	TEXT_MAX,
	URL_MAX,
	addedDate,
	addedText,
	describeValue,
	invalidInput,
	readBoolean,
	readEmail,
	readList,
	readNumber,
	readNumericId,
	requireOption,
	requirePhoneDigits,
	requireText,
} from '../../helpers/validation';

/**
 * One list of contact fields with the names the user sees, and the API name each request type
 * uses. `webcontact` (create) and `updateContact` (update) spell several fields differently
 * (`zip` vs `Zip`, `CLast` vs `Clast`) and accept different sets; the user sees one set.
 */
type ContactApi = 'webcontact' | 'updateContact';

/** How a field's value is checked before sending (helpers/validation.ts). */
type ContactFieldCheck =
	{ text: number } | { email: true } | { options: readonly string[] } | { numericId: true };

interface ContactFieldSpec {
	property: INodeProperties;
	api: Partial<Record<ContactApi, string[]>>;
	check: ContactFieldCheck;
}

/** Undocumented for contacts: the property fields' documented limits, or one line of text. */
const PHONE_MAX = 50;
const SHORT_MAX = 50;

function text(
	name: string,
	displayName: string,
	max: number,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		description: `At most ${max} characters`,
		...extra,
	} as INodeProperties;
}

const CONTACT_FIELD_SPECS: ContactFieldSpec[] = [
	// Create takes first and last name as required top-level parameters; update lists them here.
	{
		property: text('firstName', 'First Name', NAME_MAX),
		api: { updateContact: ['CFirst'] },
		check: { text: NAME_MAX },
	},
	{
		property: text('lastName', 'Last Name', NAME_MAX),
		api: { updateContact: ['Clast'] },
		check: { text: NAME_MAX },
	},
	{
		property: text('email', 'Email', EMAIL_MAX, { placeholder: 'name@email.com' }),
		api: { webcontact: ['CEmail'], updateContact: ['CEmail'] },
		check: { email: true },
	},
	{
		property: text('homePhone', 'Home Phone', PHONE_MAX),
		// The docs spell the create field "HomePhome" and the update/read field "HomePhone";
		// webcontact ignores unknown fields, so both spellings are sent on create.
		api: { webcontact: ['HomePhome', 'HomePhone'], updateContact: ['HomePhone'] },
		check: { text: PHONE_MAX },
	},
	{
		property: text('mobilePhone', 'Mobile Phone', PHONE_MAX),
		api: { webcontact: ['MobilePhone'], updateContact: ['MobilePhone'] },
		check: { text: PHONE_MAX },
	},
	{
		property: text('workPhone', 'Work Phone', PHONE_MAX),
		api: { webcontact: ['WorkPhone'], updateContact: ['WorkPhone'] },
		check: { text: PHONE_MAX },
	},
	{
		property: text('fax', 'Fax', PHONE_MAX),
		api: { webcontact: ['Fax'] },
		check: { text: PHONE_MAX },
	},
	{
		property: text('company', 'Company', NAME_MAX),
		api: { webcontact: ['Company'], updateContact: ['Company'] },
		check: { text: NAME_MAX },
	},
	{
		property: text('website', 'Website', URL_MAX),
		api: { webcontact: ['Website'] },
		check: { text: URL_MAX },
	},
	{
		property: text('addressNumber', 'Street Number', SHORT_MAX),
		api: { webcontact: ['AddressNumber'], updateContact: ['AddressNumber'] },
		check: { text: SHORT_MAX },
	},
	{
		property: text('addressStreet', 'Street Name', NAME_MAX),
		api: { webcontact: ['AddressStreet'], updateContact: ['AddressStreet'] },
		check: { text: NAME_MAX },
	},
	{
		property: text('suiteNo', 'Suite / Apartment', SHORT_MAX),
		api: { webcontact: ['SuiteNo'], updateContact: ['SuiteNo'] },
		check: { text: SHORT_MAX },
	},
	{
		property: text('buildingFloor', 'Building Floor', SHORT_MAX),
		api: { updateContact: ['BuildingFloor'] },
		check: { text: SHORT_MAX },
	},
	{
		property: text('city', 'City', 100),
		api: { webcontact: ['City'], updateContact: ['City'] },
		check: { text: 100 },
	},
	{
		property: text('state', 'State', SHORT_MAX),
		api: { webcontact: ['State'], updateContact: ['State'] },
		check: { text: SHORT_MAX },
	},
	{
		// Text, sent as typed: a leading zero stays; not checked as a US ZIP (addresses abroad).
		property: text('zip', 'Zip', 20),
		api: { webcontact: ['zip'], updateContact: ['Zip'] },
		check: { text: 20 },
	},
	{
		property: text('county', 'County', SHORT_MAX),
		api: { updateContact: ['County'] },
		check: { text: SHORT_MAX },
	},
	{
		property: text('country', 'Country', SHORT_MAX),
		api: { webcontact: ['country'], updateContact: ['Country'] },
		check: { text: SHORT_MAX },
	},
	{
		property: text('subdivision', 'Subdivision', NAME_MAX),
		api: { updateContact: ['Subdivision'] },
		check: { text: NAME_MAX },
	},
	{
		property: {
			displayName: 'Rank',
			name: 'rank',
			type: 'options',
			options: RANK_OPTIONS,
			default: 'Unranked',
		},
		api: { webcontact: ['Rank'], updateContact: ['Rank'] },
		check: { options: RANK_OPTIONS.map((option) => option.value) },
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
		check: { options: STATUS_OPTIONS.map((option) => option.value) },
	},
	{
		property: teamMemberField('Inside team member to assign the contact to'),
		api: { webcontact: ['InsideTeamId'], updateContact: ['InsideTeamId'] },
		check: { numericId: true },
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
		check: { email: true },
	},
];

/** The label errors use: the field's name as the user sees it, without "Name or ID". */
function labelOf(property: INodeProperties): string {
	return property.displayName.replace(/ Name or ID$/, '');
}

/** The "Additional Fields" / "Update Fields" options for one request type. */
export function contactFieldProperties(api: ContactApi): INodeProperties[] {
	return CONTACT_FIELD_SPECS.filter((spec) => spec.api[api]).map((spec) => spec.property);
}

/**
 * Checks the contact fields the user added for one request type (rules in
 * helpers/validation.ts) and returns them checked and trimmed, under the user-facing names.
 */
export function checkContactFields(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
	api: ContactApi,
): IDataObject {
	const checked: IDataObject = {};
	for (const spec of CONTACT_FIELD_SPECS) {
		const value = values[spec.property.name];
		if (!spec.api[api] || value === undefined) continue;
		const label = labelOf(spec.property);
		const { check } = spec;
		if ('text' in check) {
			checked[spec.property.name] = addedText(context, itemIndex, label, value, check.text);
		} else if ('email' in check) {
			checked[spec.property.name] = readEmail(context, itemIndex, label, value, 'added');
		} else if ('options' in check) {
			checked[spec.property.name] = requireOption(context, itemIndex, label, value, check.options);
		} else {
			checked[spec.property.name] = readNumericId(context, itemIndex, label, value, 'added');
		}
	}
	return checked;
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

/** Every API field name the node sets itself on webcontact: Extra Form Fields may not reuse them. */
const WEBCONTACT_OWN_FIELDS = new Set(
	[
		'requestType',
		'CommaDelimitedFormFields',
		'CFirst',
		'CLast',
		'Source',
		'Categories',
		'calltype',
		'Price',
		...SEARCH_PROFILE_ADD_NAMES,
		...CONTACT_FIELD_SPECS.flatMap((spec) => spec.api.webcontact ?? []),
	].map((name) => name.toLowerCase()),
);
const FORM_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const EXTRA_FIELDS_QUERY_MAX = 1500;

/**
 * The create inputs (Create, and Create or Update) checked and trimmed: names, source, every
 * added field, Extra Form Fields and the search profile. Call it before building the request.
 */
export interface CreateContactInput {
	firstName: string;
	lastName: string;
	source: string;
	additionalFields: IDataObject;
	searchProfile: IDataObject;
}

/** Create's and Create or Update's parameters, read and checked. */
export function readCreateContactInput(
	context: IExecuteFunctions,
	itemIndex: number,
): CreateContactInput {
	return checkCreateContactInput(context, itemIndex, {
		firstName: context.getNodeParameter('firstName', itemIndex),
		lastName: context.getNodeParameter('lastName', itemIndex),
		source: context.getNodeParameter('source', itemIndex),
		additionalFields: context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		searchProfile: context.getNodeParameter('searchProfile', itemIndex, {}) as IDataObject,
	});
}

/** Create or Update's parameters, read and checked like Create's; the match fields at the top. */
export function readUpsertContactInput(
	context: IExecuteFunctions,
	itemIndex: number,
): CreateContactInput {
	const additionalFields = {
		...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	for (const name of UPSERT_MATCH_FIELDS) {
		const value = context.getNodeParameter(name, itemIndex, '');
		if (value !== '' && value !== undefined && value !== null) additionalFields[name] = value;
	}
	return checkCreateContactInput(context, itemIndex, {
		firstName: context.getNodeParameter('firstName', itemIndex),
		lastName: context.getNodeParameter('lastName', itemIndex),
		source: context.getNodeParameter('source', itemIndex),
		additionalFields,
		searchProfile: context.getNodeParameter('searchProfile', itemIndex, {}) as IDataObject,
	});
}

export function checkCreateContactInput(
	context: IExecuteFunctions,
	itemIndex: number,
	input: {
		firstName: unknown;
		lastName: unknown;
		source: unknown;
		additionalFields: IDataObject;
		searchProfile: IDataObject;
	},
): CreateContactInput {
	const extra = input.additionalFields ?? {};
	const additionalFields = checkContactFields(context, itemIndex, extra, 'webcontact');
	if (extra.categories !== undefined) {
		// webcontact splits Categories on ';' (documented), so a name may not hold one.
		additionalFields.categories = readList(
			context,
			itemIndex,
			'Category Names',
			extra.categories,
			'added',
			{ separator: ';' },
		);
	}
	if (extra.callType !== undefined) {
		additionalFields.callType = requireOption(
			context,
			itemIndex,
			'Call List Type',
			extra.callType,
			['1', '2'],
		);
	}
	if (extra.price !== undefined) {
		additionalFields.price = readNumber(context, itemIndex, 'Price', extra.price, 'added', {
			min: 0,
			max: 1_000_000_000_000,
		});
	}
	if (extra.extraFormFields !== undefined) {
		additionalFields.extraFormFields = { field: checkExtraFormFields(context, itemIndex, extra) };
	}
	return {
		firstName: requireText(context, itemIndex, 'First Name', input.firstName, NAME_MAX),
		lastName: requireText(context, itemIndex, 'Last Name', input.lastName, NAME_MAX),
		source: requireText(context, itemIndex, 'Source', input.source, NAME_MAX),
		additionalFields,
		searchProfile: checkSearchProfile(context, itemIndex, input.searchProfile),
	};
}

/**
 * Extra Form Fields are sent as they are, so each name must be a plain form field name that
 * the node does not set itself (never `requestType`, never `CFirst`...), and each value text.
 * They also travel in the query string (CommaDelimitedFormFields reads "the querystring value"),
 * which IIS caps at 2,048 bytes by default: together they stay below EXTRA_FIELDS_QUERY_MAX.
 */
function checkExtraFormFields(
	context: IExecuteFunctions,
	itemIndex: number,
	extra: IDataObject,
): IDataObject[] {
	const label = 'Extra Form Fields';
	const collection = extra.extraFormFields;
	const entries = isPlainObject(collection) ? collection.field : undefined;
	if (entries === undefined && isPlainObject(collection)) return [];
	if (!Array.isArray(entries)) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			`expects a list of fields, got ${describeValue(collection)}`,
		);
	}
	const seen = new Set<string>();
	let queryLength = 0;
	return entries.map((entry) => {
		if (!isPlainObject(entry)) {
			throw invalidInput(
				context,
				itemIndex,
				label,
				`expects name/value pairs, got ${describeValue(entry)}`,
			);
		}
		const name = requireText(context, itemIndex, `${label} Name`, entry.name, 64);
		if (!FORM_FIELD_NAME.test(name)) {
			throw invalidInput(
				context,
				itemIndex,
				`${label} Name`,
				`${describeValue(name)} is not a form field name (letters, digits and _ , starting with a letter)`,
			);
		}
		if (WEBCONTACT_OWN_FIELDS.has(name.toLowerCase()) || seen.has(name.toLowerCase())) {
			throw invalidInput(
				context,
				itemIndex,
				`${label} Name`,
				`"${name}" is already set by another field`,
			);
		}
		seen.add(name.toLowerCase());
		const value = requireText(context, itemIndex, `${label} Value`, entry.value, NAME_MAX);
		queryLength += encodeURIComponent(name).length + encodeURIComponent(value).length + 2;
		if (queryLength > EXTRA_FIELDS_QUERY_MAX) {
			throw invalidInput(
				context,
				itemIndex,
				label,
				`are too long together: Wise Agent reads them from the query string, which holds about ${EXTRA_FIELDS_QUERY_MAX} characters`,
			);
		}
		return { name, value };
	});
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
					"Other fields Wise Agent's lead form accepts, sent as they are, e.g. the fields of the property the lead is viewing. Names: letters, digits and _; values: at most 255 characters.",
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

/** The fields Create or Update finds a contact by: top-level there, not under Additional Fields. */
export const UPSERT_MATCH_FIELDS = ['email', 'mobilePhone'] as const;

/**
 * Create or Update's contact parameters: Create's, with the match fields (Email, Mobile Phone)
 * up front. Email is required when Match By is Email; Match By Phone needs any one phone, and
 * Home and Work Phone (under Additional Fields) are matched too, so Mobile Phone is not required.
 */
export function upsertContactProperties(): INodeProperties[] {
	const field = (name: (typeof UPSERT_MATCH_FIELDS)[number]) =>
		CONTACT_FIELD_SPECS.find((spec) => spec.property.name === name)!.property;
	const email = {
		...field('email'),
		description: 'The contact with this email is updated; none: a contact is created with it',
	};
	return [
		{ ...email, required: true, displayOptions: { show: { matchBy: ['email'] } } },
		{ ...email, displayOptions: { hide: { matchBy: ['email'] } } },
		{
			...field('mobilePhone'),
			description:
				'Matched against the mobile, home and work phones of existing contacts (digits only)',
		},
		...createContactProperties.map((property) =>
			property.name !== 'additionalFields'
				? property
				: {
						...property,
						options: (property.options as INodeProperties[]).filter(
							(option) => !(UPSERT_MATCH_FIELDS as readonly string[]).includes(option.name),
						),
					},
		),
	];
}

export const CUSTOM_KEY_MAX = NAME_MAX;
export const CUSTOM_VALUE_MAX = TEXT_MAX;

/** Contact, key and value: shared by Add Custom Field and Update Custom Field. */
export function customFieldProperties(
	keyDescription: string,
	valueDescription: string,
): INodeProperties[] {
	return [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Key',
			name: 'key',
			type: 'string',
			default: '',
			description: `${keyDescription} (at most ${CUSTOM_KEY_MAX} characters)`,
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			description: `${valueDescription} (at most ${CUSTOM_VALUE_MAX} characters)`,
		},
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
		description:
			'Phone number; spaces and + - . ( ) are removed before searching (Wise Agent matches digits); letters are rejected.',
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
				displayName: 'Time Zone Sent to Wise Agent',
				name: 'updatedSinceParameter',
				type: 'options',
				options: [
					{ name: 'UTC (Default)', value: 'DateUpdatedUTC' },
					{ name: 'Arizona Time', value: 'dtupdated' },
				],
				default: 'DateUpdatedUTC',
				description:
					'Only how Updated Since is sent: both find the same contacts. Kept for workflows that chose Arizona time.',
			},
		],
	},
];

const SEARCH_BY = ['none', 'categories', 'email', 'name', 'phone'] as const;
const UPDATED_SINCE_PARAMETERS = ['DateUpdatedUTC', 'dtupdated'] as const;

/**
 * The getContacts / getContactsCount query for one item. An unknown Search By, an empty search
 * term or an empty added filter is an error: dropping it would widen the search to every contact.
 */
export function contactFilterQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const searchBy = requireOption(
		context,
		itemIndex,
		'Search By',
		context.getNodeParameter('searchBy', itemIndex, 'none'),
		SEARCH_BY,
	);
	const query: IDataObject = {};
	switch (searchBy) {
		case 'email':
			return {
				email: readEmail(
					context,
					itemIndex,
					'Email',
					context.getNodeParameter('email', itemIndex, ''),
					'required',
				),
			};
		case 'phone':
			return {
				phone: requirePhoneDigits(
					context,
					itemIndex,
					'Phone',
					context.getNodeParameter('phone', itemIndex, ''),
				),
			};
		case 'categories': {
			const categories = readList(
				context,
				itemIndex,
				'Category Names',
				context.getNodeParameter('categories', itemIndex, []),
				'required',
			);
			query.categories = categories.join(',');
			const all = readBoolean(
				context,
				itemIndex,
				'Must Be in All Categories',
				context.getNodeParameter('categoryAll', itemIndex, false),
			);
			if (all) query.categoryAll = 'true';
			break;
		}
		case 'name':
			query.nameQuery = requireText(
				context,
				itemIndex,
				'Name or Company',
				context.getNodeParameter('nameQuery', itemIndex, ''),
				NAME_MAX,
			);
			break;
	}

	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const sources = readList(context, itemIndex, 'Source Names', filters.sources, 'added');
	if (sources.length) query.sources = sources.join(',');
	const since = addedDate(context, itemIndex, 'Updated Since', filters.updatedSince);
	const parameter =
		filters.updatedSinceParameter === undefined
			? 'DateUpdatedUTC'
			: requireOption(
					context,
					itemIndex,
					'Time Zone Sent to Wise Agent',
					filters.updatedSinceParameter,
					UPDATED_SINCE_PARAMETERS,
				);
	if (since) {
		if (parameter === 'dtupdated') query.dtupdated = formatArizonaDateTime(since);
		else query.DateUpdatedUTC = formatUtcDateTime(since);
	}
	return query;
}
