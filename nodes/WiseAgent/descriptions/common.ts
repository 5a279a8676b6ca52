import type { INodeProperties } from 'n8n-workflow';

/** The Wise Agent web app page of a contact; also accepted in the contact locator's URL mode. */
export const CONTACT_PAGE_URL = 'https://thewiseagent.com/secure/client/summary?clientId=';

/** `clientId=<id>` as a whole query parameter of a contact page URL; the id is the one group. */
export const CONTACT_URL_ID_PATTERN = '[?&]clientId=([Vv]?\\d+)(?=[&#]|$)';

/** A contact picked from a searchable list, typed as an ID (V-prefixed for vendors), or pasted as its page URL. */
export function contactLocator(
	overrides: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>,
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Wise Agent contact (client, or vendor with a V prefix)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search by name, company or email…',
				typeOptions: { searchListMethod: 'searchContacts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1822535 or V26855',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[Vv]?\\d+$',
							errorMessage: 'Use a numeric client ID, or a vendor ID with a V prefix',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `${CONTACT_PAGE_URL}1822535`,
				// The clientId query parameter itself, not a parameter that ends in it (referrerclientId=).
				extractValue: { type: 'regex', regex: CONTACT_URL_ID_PATTERN },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `.*${CONTACT_URL_ID_PATTERN}.*`,
							errorMessage: 'Paste a Wise Agent contact page URL (it contains clientId=…)',
						},
					},
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

/** A record with a numeric ID (task, property…) picked from a searchable list or typed as its ID. */
export function numericRecordLocator(spec: {
	name: string;
	displayName: string;
	searchListMethod: string;
	searchPlaceholder: string;
	idExample: string;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.searchPlaceholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${spec.idExample}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\d+$',
							errorMessage: `A ${spec.displayName.toLowerCase()} ID is a number`,
						},
					},
				],
			},
		],
	};
}

/** What the field is for, as the sentence before n8n's dropdown hint, or nothing. */
function purposeLead(purpose: string | undefined): string {
	return purpose ? `${purpose}. ` : '';
}

/** Categories (by name, as Wise Agent identifies them) from the account, several at once. */
export function categoryNamesField(
	purpose?: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	// The description ends with n8n's dropdown hint (spelled out here: the lint rules read it).
	return {
		displayName: 'Category Names or IDs',
		name: 'categories',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCategories' },
		default: [],
		description: `${purposeLead(purpose)}Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		...overrides,
	} as INodeProperties;
}

/** One inside team member (InsideTeamId) from the account. */
export function teamMemberField(
	purpose: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Team Member Name or ID',
		name: 'insideTeamId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTeamMembers' },
		default: '',
		description: `${purposeLead(purpose)}Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		...overrides,
	} as INodeProperties;
}

/** The largest Limit accepted; beyond it, Return All is the honest choice. */
export const LIMIT_MAX = 1_000_000;

/** The largest Page Size accepted: Wise Agent documents no maximum; this bounds one answer. */
export const PAGE_SIZE_MAX = 1_000;

/** "Return All" plus "Limit", shown on every list operation (read with readLimit()). */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: LIMIT_MAX, numberPrecision: 0 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/**
 * Options → "Page Size" of a paged list (read with readPaging()); `defaultPageSize` is the
 * list's documented default page_size. In Options, not beside Limit: n8n's display conditions
 * cannot say "Return All, or a Limit above one page", and within one page it changes nothing.
 */
export function pageSizeOption(defaultPageSize: number): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				default: defaultPageSize,
				typeOptions: { minValue: 1, maxValue: PAGE_SIZE_MAX, numberPrecision: 0 },
				description: `Records asked for per request when more than one page is read; Wise Agent's default is ${defaultPageSize}`,
				hint: 'Wise Agent documents no maximum page size; larger pages mean fewer requests',
			},
		],
	};
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a compact record with friendly field names and dates in UTC (ISO 8601). Turn off to get every field Wise Agent sends, lists sent as text decoded.',
};

export const RANK_OPTIONS = ['A', 'B', 'C', 'D', 'F', 'Unranked'].map((rank) => ({
	name: rank,
	value: rank,
}));

export const STATUS_OPTIONS = [
	'New',
	'Attempted',
	'Contacted',
	'Active',
	'Future Opportunity',
	'Disqualified',
	'Bad Lead',
	'Closed',
	'No Status',
	'Inactive',
	'Under Contract',
	'Hot Lead',
	'Warm Lead',
	'Appointment Set',
	'Showing Homes',
	'Submitted Offers',
	'Nurture',
	'Rejected',
	'Met with Client',
	'Listing Agreement',
	'Active Listing',
].map((status) => ({ name: status, value: status }));
