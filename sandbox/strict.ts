/**
 * Strict mode (`SandboxOptions.strict`, `--strict`, `POST /__sandbox/settings {"strict":true}`).
 *
 * Outside strict mode the sandbox reads parameter names case-insensitively and accepts loose boolean
 * spellings (true/1/yes/on), like classic ASP would. In strict mode a request may carry only the
 * parameter names each request type's section of the vendor docs prints, spelled exactly (case-sensitive),
 * and the parameters below with a printed value list only those values. Anything else is refused before
 * the handler runs (so the request has no effect), with HTTP 200 and an error body in the documented
 * style of that request type, naming the offending parameter.
 *
 * Every spelling here is taken from the docs (seeds/000_3065d9f86bdd5735.txt, 11/21/2024) and the notes
 * (wiseagent-api-notes.md), not from the sandbox handlers or the node. Where one section prints the
 * same parameter in two spellings both are accepted (listed in sandbox/README.md as sandbox choices).
 * requestType values are matched exactly in every mode (see handlers/index.ts).
 */
import { WEBHOOK_EVENT_TYPES } from './types';
import { type Params, type Reply, errors, ok } from './handlers/common';

/** The error body a strict refusal uses: the documented (or closest documented) style of the request type. */
export type StrictErrorStyle =
	/** `{"Error":"..."}` (updateContact, addCategories; the sandbox's unknown-requestType answer). */
	| 'capital'
	/** `{"error":"..."}` (updatePropertySearchCriteria, deleteProperty). */
	| 'lower'
	/** `{"status":"error","data":{"message":"..."}}` (properties, attachFile). */
	| 'status'
	/** `{"success":false,"message":"..."}` (addClientCustom; tasks, calls, webhooks, content in the sandbox). */
	| 'successFalse'
	/** `[{"success":"false","message":"..."}]` (the failure twin of `[{"success":"true"}]`). */
	| 'arrayFalse'
	/** `{"success":"false","data":{"Message":"..."}}` (the twin of webcontact's success envelope). */
	| 'webcontact'
	/** Documented for updateContact: `"{"Error":"Invalid Field {fieldName} - {clientID} not updated"}"`. */
	| 'invalidField';

export interface StrictSpec {
	/**
	 * Documented parameter names, exact spelling (`requestType` is always allowed). Several lists are
	 * documented variants of one request type: a request must fit one of them entirely.
	 */
	variants: ReadonlyArray<readonly string[]>;
	/** Parameters whose value the docs print as a closed list: only these exact spellings. */
	values?: Readonly<Record<string, readonly string[]>>;
	error: StrictErrorStyle;
	/** webcontact: the names listed in this parameter's value are allowed too (CommaDelimitedFormFields). */
	namesListedIn?: string;
	/** Extra words for a refused name that is not a mere casing slip. */
	hints?: Readonly<Record<string, string>>;
}

/** `true`/`false`: printed as "true or false", `"true"`/`"false"`, "boolean", or "= true - if true" (see README). */
const TRUE_FALSE = ['true', 'false'] as const;

const PAGING = ['page', 'page_size'];

/** getContacts / getContactsCount: "dtupdated", "DateUpdatedUTC", "sources", then the exclusive filters. */
const CONTACT_FILTERS = [
	'dtupdated',
	'DateUpdatedUTC',
	'sources',
	'email',
	'phone',
	'categories',
	'categoryAll',
	'nameQuery',
];

/** "To record a Property Search Profile include the following form-urlencoded fields" (webcontact, updateContact, addPropertySearchCriteria). */
const PROP_INFO = [
	'propInfo',
	'propInfoZip',
	'propInfoPropType',
	'propInfoArea',
	'propInfoNotes',
	'propInfoMinPrice',
	'propInfoMaxPrice',
	'propInfoMinBaths',
	'propInfoMinBeds',
	'propInfoRentOwn',
	'propInfoMoving',
	'propInfoSqft',
];
/** "propInfo=1 *required". */
const PROP_INFO_VALUES = { propInfo: ['1'] };

/** addProperty / updateProperty fields as listed (updateProperty has no imageURLS_CSV). */
const PROPERTY_FIELDS = [
	'Archive',
	'AddressNum',
	'Address',
	'AddressSuit',
	'BldgFloor',
	'City',
	'State',
	'Zip',
	'Country',
	'County',
	'Subdivision',
	'LotNum',
	'PoBox',
	'MLS',
	'mlsarea',
	'mapgrid',
	'TourUrl',
	'Notes',
	'ClientId',
	'ClientRelation',
	'ListingPrice',
	'LastSalePrice',
	'YearBuilt',
	'TaxesAnnual',
	'HOAAnnual',
	'NumBedrooms',
	'NumBathrooms',
	'SquareFt',
	'LotSize',
	'DateListed',
	'PropertyType',
	'ListingStatus',
	'SchoolDistrict',
	'NumHalfBathrooms',
	'DiningRooms',
	'DiningRoomDesc',
	'LivingRooms',
	'LivingRoomDesc',
	'InteriorFeaturesDesc',
	'ExteriorFeaturesDesc',
	'StyleDesc',
	'DesignDesc',
	'Fireplaces',
	'Stories',
	'Garage',
	'AgentName',
	'AgentPhone',
	'AgentEmail',
	'AgentID',
	'BrokerName',
	'BrokerEmail',
	'BrokerPhone',
	'OfficeName',
	'OfficeEmail',
	'OfficePhone',
	'OfficeID',
	'FranchiseName',
	'FranchiseEmail',
	'FranchisePhone',
	'Description',
	'Township',
	'BuyerAgent_Commission',
	'BuyerAgent_Concession',
	'SellerAgent_Commission',
	'SellerAgent_Concession',
];
/** "Archive = true or false - sets property as archived". */
const PROPERTY_VALUES = { Archive: TRUE_FALSE };

/** tasks POST/PUT: "Priority = integer 0-3", "EstimatedTime = interger 0-4", "Completed = yes or no". */
const TASK_VALUES = {
	Completed: ['yes', 'no'],
	Priority: ['0', '1', '2', '3'],
	EstimatedTime: ['0', '1', '2', '3', '4'],
};
/** calls POST/PUT: "Completed = boolean", "FlagImportant = boolean". */
const CALL_VALUES = { Completed: TRUE_FALSE, FlagImportant: TRUE_FALSE };
/** webhooks POST/PUT: "Status = (Active, Disabled)", EventType one of the eleven listed. */
const WEBHOOK_VALUES = { Status: ['Active', 'Disabled'], EventType: WEBHOOK_EVENT_TYPES };

const one = (...names: string[]): StrictSpec['variants'] => [names];

/** Per `METHOD requestType`, as the docs print each section. */
export const STRICT_SPECS: Readonly<Record<string, StrictSpec>> = {
	// ---------------------------------------------------------------- team and account
	'GET getUser': { variants: one(), error: 'capital' },
	/** Notes: "Request types `user` (current user)" seen in the plugin; no parameters. */
	'GET user': { variants: one(), error: 'capital' },
	'GET getTeam': { variants: one(), error: 'capital' },
	'GET getOutsideTeam': { variants: one(), error: 'capital' },
	'GET getSources': { variants: one(), error: 'capital' },
	/** "You can send a "page" query parameter to send user to page." */
	'GET getLoginToken': { variants: one('page'), error: 'capital' },

	// ---------------------------------------------------------------- contacts
	'GET getContacts': {
		variants: one(...CONTACT_FILTERS, ...PAGING),
		values: { categoryAll: TRUE_FALSE },
		error: 'capital',
	},
	'GET getContactsCount': {
		variants: one(...CONTACT_FILTERS),
		values: { categoryAll: TRUE_FALSE },
		error: 'capital',
	},
	/** "clientID = clientID of contact in Wise Agent you wish to retrieve information for." */
	'GET getSingleContact': { variants: one('clientID'), error: 'capital' },
	'GET getVendors': {
		variants: one('email', 'phone', 'types', 'nameQuery', ...PAGING),
		error: 'capital',
	},
	/** "ClientID = clientID of contact in Wise Agent you wish to retrieve information for". */
	'GET getClientAddresses': { variants: one('ClientID'), error: 'capital' },
	'POST webcontact': {
		variants: one(
			'CFirst',
			'CLast',
			'CEmail',
			'HomePhome',
			// Sandbox choice: the name updateContact and the record print for the same field; a
			// client that cannot know which spelling is a misprint may send both.
			'HomePhone',
			'Fax',
			'MobilePhone',
			'WorkPhone',
			'Company',
			'AddressNumber',
			'AddressStreet',
			'SuiteNo',
			'City',
			'State',
			'zip',
			'country',
			'Website',
			'Rank',
			'ContactStatus',
			'Source',
			'Categories',
			'InsideTeamId',
			'OutsideTeamAssignment',
			'calltype',
			'CommaDelimitedFormFields',
			'Price',
			...PROP_INFO,
			// The cURL example (CFirst, Source, CLast, ...) prints `address`, `city`, `state` (sandbox choice: accepted).
			'address',
			'city',
			'state',
			// Notes: the plugin posts webcontact "together with `CommaDelimitedFormFields` and `wa_website`".
			'wa_website',
		),
		/** "calltype: 1 for phone, 2 for email". */
		values: { calltype: ['1', '2'], ...PROP_INFO_VALUES },
		namesListedIn: 'CommaDelimitedFormFields',
		error: 'webcontact',
	},
	'POST updateContact': {
		variants: one(
			'clientID',
			'CFirst',
			'Clast',
			'CEmail',
			'HomePhone',
			'MobilePhone',
			'WorkPhone',
			'Company',
			'SuiteNo',
			'City',
			'State',
			'Zip',
			'County',
			'Country',
			'AddressNumber',
			'AddressStreet',
			'Subdivision',
			'BuildingFloor',
			'ContactStatus',
			'Rank',
			'InsideTeamId',
			// "Reassignment = boolean (will remove other inside team assignments and assign to accompanied
			// InsideTeamID request)": the second spelling is accepted too (sandbox choice).
			'InsideTeamID',
			'Reassignment',
			'OutsideTeamAssignment',
			'RemoveCategories',
			'AddCategories',
			...PROP_INFO,
		),
		values: { Reassignment: TRUE_FALSE, ...PROP_INFO_VALUES },
		error: 'invalidField',
	},
	/** Two documented variants; the spelling of the client id picks one (as in the handler). */
	'POST addClientAddress': {
		variants: [
			[
				'ClientID',
				'AddressType',
				'AddressNum',
				'Address',
				'SuiteNo',
				'POBox',
				'BldgFloor',
				'Subdivision',
				'City',
				'State',
				'Zip',
				'County',
				'Country',
				'MLS',
				'Township',
			],
			[
				'clientid',
				'address',
				'addressType',
				'addressNum',
				'suiteNo',
				'BldgFloor',
				'poBox',
				'zip',
				'state',
				'city',
				'county',
				'country',
				'subdivision',
				'mls',
			],
		],
		error: 'successFalse',
	},
	'POST addClientCustom': { variants: one('ClientID', 'Key', 'Value'), error: 'successFalse' },
	'DELETE editClientCustomData': {
		variants: one('ClientID', 'Key', 'Value', 'ClientCustomID'),
		error: 'successFalse',
	},

	// ---------------------------------------------------------------- notes
	'GET getContactNotes': {
		variants: one('ClientID', 'NoteID', 'categories', 'subject', 'date', ...PAGING),
		error: 'capital',
	},
	'POST addContactNote': {
		variants: one('note', 'subject', 'categories', 'clientids', 'InsideTeamId'),
		error: 'arrayFalse',
	},
	/** `vendor = "true" if this is a vendor note, defaults to "false"`. */
	'PUT updateContactNote': {
		variants: one('noteID', 'note', 'subject', 'vendor'),
		values: { vendor: TRUE_FALSE },
		error: 'arrayFalse',
	},
	'PUT updateContactNoteCategories': {
		variants: one('noteID', 'categories', 'vendor'),
		values: { vendor: TRUE_FALSE },
		error: 'arrayFalse',
	},
	/** "vendor = Boolean value if this note is a vendor note (defaults to false)". */
	'DELETE removeContactNote': {
		variants: one('noteID', 'vendor'),
		values: { vendor: TRUE_FALSE },
		error: 'arrayFalse',
	},

	// ---------------------------------------------------------------- tasks and calls
	'GET tasks': { variants: one(...PAGING), error: 'successFalse' },
	'POST tasks': {
		variants: one(
			'Description',
			'TaskNote',
			'TaskDue',
			'Priority',
			'InsideTeamId',
			'EstimatedTime',
			'ContactID',
			'Completed',
		),
		values: TASK_VALUES,
		error: 'successFalse',
	},
	/** PUT lists no TaskNote. */
	'PUT tasks': {
		variants: one(
			'TaskID',
			'Description',
			'TaskDue',
			'Priority',
			'InsideTeamId',
			'EstimatedTime',
			'ContactID',
			'Completed',
		),
		values: TASK_VALUES,
		error: 'successFalse',
	},
	/** Only under deleteReading `resource`: the printed `TaskID`. */
	'DELETE tasks': { variants: one('TaskID'), error: 'successFalse' },
	/** "callId = ... required if "clientId" not sent", "orderByNextContactDate = true - if true, ...". */
	'GET calls': {
		variants: one('callId', 'clientId', ...PAGING, 'orderByNextContactDate'),
		values: { orderByNextContactDate: TRUE_FALSE },
		error: 'successFalse',
	},
	/** POST lists no DateCompleted (PUT does). */
	'POST calls': {
		variants: one(
			'NextContactDate',
			'CallType',
			'Completed',
			'FlagImportant',
			'InsideTeamId',
			'AssignedTo',
			'Reason',
			'ClientId',
		),
		values: CALL_VALUES,
		error: 'successFalse',
	},
	'PUT calls': {
		variants: one(
			'CallId',
			'NextContactDate',
			'CallType',
			'Completed',
			'DateCompleted',
			'FlagImportant',
			'InsideTeamId',
			'AssignedTo',
			'Reason',
			'ClientId',
		),
		values: CALL_VALUES,
		error: 'successFalse',
	},
	/** Only under deleteReading `resource`: the printed `CallId`. */
	'DELETE calls': { variants: one('CallId'), error: 'successFalse' },

	// ---------------------------------------------------------------- categories
	'GET getAllCategoriesWithCount': { variants: one(), error: 'capital' },
	'GET getCategoryClientCount': { variants: one('category'), error: 'arrayFalse' },
	'POST addCategories': { variants: one('categories'), error: 'capital' },
	'POST addClientsToCategory': { variants: one('category', 'clientids'), error: 'arrayFalse' },
	'POST removeClientsFromCategory': { variants: one('category', 'clientids'), error: 'arrayFalse' },

	// ---------------------------------------------------------------- properties
	'GET getProperty': {
		variants: one('propertyID', 'StreetNum', 'Street', 'State', 'PostalCode', 'MLS'),
		error: 'status',
	},
	/** `showArchived = "true" or "false" (default false)`. */
	'GET getProperties': {
		variants: one('showArchived', ...PAGING),
		values: { showArchived: TRUE_FALSE },
		error: 'status',
	},
	/**
	 * "SearchID = SearchID supplied from 'getPropertySearchCriteriaList'" and "If no PropertySearchCriteria
	 * was found for this searchID": both spellings accepted (sandbox choice).
	 */
	'GET getPropertySearchCriteria': { variants: one('SearchID', 'searchID'), error: 'lower' },
	/**
	 * "clientID = ClientID supplied from 'getContacts'" and "If no PropertySearchCriteria was found for
	 * this ClientID": both spellings accepted (sandbox choice).
	 */
	'GET getPropertySearchCriteriaList': { variants: one('clientID', 'ClientID'), error: 'lower' },
	/** Note: no propInfoCity in the docs (the non-strict sandbox accepts it). */
	'POST addPropertySearchCriteria': {
		variants: one('clientid', ...PROP_INFO),
		values: PROP_INFO_VALUES,
		error: 'lower',
	},
	'PUT updatePropertySearchCriteria': {
		variants: one(
			'searchID',
			'propInfo',
			'propZip',
			'propType',
			'propArea',
			'propNotes',
			'minPrice',
			'maxPrice',
			'propBath',
			'propBed',
			'propRentOwn',
			'propMoving',
			'propSqft',
		),
		values: PROP_INFO_VALUES,
		error: 'lower',
	},
	'POST addProperty': {
		variants: one(...PROPERTY_FIELDS, 'imageURLS_CSV'),
		values: PROPERTY_VALUES,
		error: 'status',
	},
	'PUT updateProperty': {
		variants: one('propertyID', ...PROPERTY_FIELDS),
		values: PROPERTY_VALUES,
		error: 'status',
	},
	'DELETE deleteProperty': { variants: one('propertyID'), error: 'lower' },
	/** "propertyId = Property ID of an existing property" (lower-case d here). */
	'POST addPropertyPhoto': { variants: one('propertyId', 'imageURLS_CSV'), error: 'status' },
	'POST addPropertyConnection': {
		variants: one('PropertyID', 'ClientID', 'ClientRelation'),
		error: 'status',
	},

	// ---------------------------------------------------------------- marketing, content, files
	'GET getPrograms': { variants: one(), error: 'capital' },
	'POST addClientsToMarketingProgram': {
		variants: one('clientids', 'programID'),
		error: 'arrayFalse',
	},
	'GET getTransactionNames': { variants: one(), error: 'capital' },
	'GET getTransactionNotes': { variants: one('transactionID'), error: 'capital' },
	'POST attachFile': {
		variants: one('CLDataID', 'ClientID', 'Description', 'url'),
		error: 'status',
	},
	'GET ContentCategories': { variants: one(), error: 'capital' },
	'GET Content': { variants: one('ContentId', 'Category'), error: 'successFalse' },
	'POST content': {
		variants: one('ContentId', 'Name', 'Category', 'Subject', 'Html'),
		error: 'successFalse',
	},

	// ---------------------------------------------------------------- calendar
	'GET getCalendar': { variants: one('startDate', 'endDate'), error: 'capital' },
	/** "eventAMPM = AM or PM", "eventEndAMPM = AM or PM". */
	'POST addPlannerEvent': {
		variants: one(
			'eventName',
			'eventStartDate',
			'eventStartTime',
			'eventAMPM',
			'eventEndDate',
			'eventEndTime',
			'eventEndAMPM',
		),
		values: { eventAMPM: ['AM', 'PM'], eventEndAMPM: ['AM', 'PM'] },
		error: 'successFalse',
	},

	// ---------------------------------------------------------------- webhooks
	'GET webhooks': { variants: one(), error: 'successFalse' },
	'POST webhooks': {
		variants: one('Status', 'EventType', 'Url'),
		values: WEBHOOK_VALUES,
		error: 'successFalse',
	},
	'PUT webhooks': {
		variants: one('WebhookID', 'Status', 'EventType', 'Url'),
		values: WEBHOOK_VALUES,
		error: 'successFalse',
	},
	/** Three documented DELETEs under requestType webhooks: one id each (sending two is refused). */
	'DELETE webhooks': { variants: [['WebhookID'], ['TaskID'], ['CallId']], error: 'successFalse' },
};

/** Always allowed: the request type itself (query string or form body). */
const ALWAYS = new Set(['requestType']);

function reply(style: StrictErrorStyle, message: string, field: string, params: Params): Reply {
	switch (style) {
		case 'capital':
			return errors.capital(message);
		case 'lower':
			return errors.lower(message);
		case 'status':
			return errors.status(message);
		case 'successFalse':
			return errors.successFalse(message);
		case 'arrayFalse':
			return errors.arrayFalse(message);
		case 'webcontact':
			return ok({ success: 'false', data: { Message: message } });
		case 'invalidField':
			// The documented updateContact error; `{clientID}` is whatever client id was sent.
			return ok(
				{ Error: `Invalid Field ${field} - ${params.get('clientID') ?? ''} not updated` },
				true,
			);
	}
}

/**
 * Checks a request against its spec. Returns undefined when it passes, otherwise the refusal to send
 * (HTTP 200, documented error style, naming the first offending parameter).
 */
export function checkStrict(key: string, params: Params): Reply | undefined {
	const spec = STRICT_SPECS[key];
	if (!spec) return undefined;
	const sent = params.raw.filter(([name]) => !ALWAYS.has(name));
	const listed = new Set<string>();
	if (spec.namesListedIn) {
		for (const [name, value] of sent) {
			if (name === spec.namesListedIn)
				value.split(',').forEach((n) => n.trim() && listed.add(n.trim()));
		}
	}
	// The variant that knows the most of the names sent (the first on a tie) is the one reported against.
	let best: readonly string[] = spec.variants[0] ?? [];
	let bestKnown = -1;
	for (const variant of spec.variants) {
		const known = sent.filter(([name]) => variant.includes(name) || listed.has(name)).length;
		if (known > bestKnown) [best, bestKnown] = [variant, known];
	}
	for (const [name] of sent) {
		if (best.includes(name) || listed.has(name)) continue;
		const same = (n: string) => n.toLowerCase() === name.toLowerCase();
		const near = best.some(same)
			? best.filter(same)
			: [...new Set(spec.variants.flat().filter(same))];
		const together = sent.map(([n]) => n).filter((n) => best.includes(n) || listed.has(n));
		const hint = spec.hints?.[name]
			? ` (${spec.hints[name]})`
			: near.length && !near.includes(name)
				? ` (the docs spell it ${near.join(' or ')})`
				: near.length
					? ` (not documented together with ${[...new Set(together)].join(', ')})`
					: '';
		return reply(spec.error, `unknown parameter ${name}${hint}`, name, params);
	}
	for (const [name, value] of sent) {
		const allowed = spec.values?.[name];
		if (allowed && !allowed.includes(value)) {
			return reply(
				spec.error,
				`invalid value '${value}' for ${name} (documented: ${allowed.join(', ')})`,
				name,
				params,
			);
		}
	}
	return undefined;
}
