import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CONTACT_PAGE_URL } from '../../descriptions/common';
import { toSearchProfileFields } from '../../descriptions/searchProfileFields';
import { apiDateTimeToIso } from '../../helpers/apiDates';
import { isRecord } from '../../helpers/records';
import { decodedList, idOf, numberOf, textOf } from '../../helpers/simplify';
import { formatUtcDateTime } from '../../helpers/dates';
import { invalidInput, toList, withoutEmpty } from '../../helpers/validation';
import { contactIdOf, countContacts, getContacts, wiseAgentApiRequest } from '../../transport';
import type { CreateContactInput } from './contact.fields';
import { toContactApiFields } from './contact.fields';

/**
 * A contact in its compact form (Simplify on; also the `contact` of Create or Update's output):
 * friendly names, phones and address grouped, categories as names, dates in ISO 8601 UTC.
 * Everything else (spouse, birthday, custom data, website…) stays available with Simplify off.
 */
export function simplifyContact(record: IDataObject): IDataObject {
	const id = textOf(record.ClientID);
	const street = [textOf(record.AddressNumber), textOf(record.AddressStreet)].filter(Boolean);
	return {
		id,
		firstName: textOf(record.CFirst),
		lastName: textOf(record.CLast),
		email: textOf(record.CEmail),
		phones: {
			mobile: textOf(record.MobilePhone),
			home: textOf(record.HomePhone),
			work: textOf(record.WorkPhone),
		},
		company: textOf(record.Company),
		status: textOf(record.Status),
		rank: textOf(record.Rank),
		source: textOf(record.Source),
		categories: decodedList(record, 'Categories').map(String),
		assignedTo: {
			teamMemberIds: decodedList(record, 'InsideTeamAssignment')
				.map((entry) => numberOf(isRecord(entry) ? entry.InsideTeamId : entry))
				.filter((teamMemberId) => teamMemberId !== null),
			outsideTeam: decodedList(record, 'OutsideTeamAssignment')
				.filter(isRecord)
				.map((member) => ({ name: textOf(member.TeamMember), email: textOf(member.Email) })),
		},
		address: {
			street: street.length ? street.join(' ') : null,
			suite: textOf(record.SuiteNo),
			city: textOf(record.City),
			state: textOf(record.State),
			zip: textOf(record.Zip),
			county: textOf(record.County),
			country: textOf(record.Country),
			poBox: textOf(record.POBox),
		},
		createdAt: apiDateTimeToIso(record.DateAddedUTC, 'utc'),
		// DtUpdated is the same moment on the account's Arizona clock, for records without the UTC one.
		updatedAt:
			apiDateTimeToIso(record.DateUpdatedUTC, 'utc') ??
			apiDateTimeToIso(record.DtUpdated, 'arizona'),
		// The contact's page in the Wise Agent web app (documented; also what the contact picker's By URL takes).
		url: idOf(id) === null ? null : `${CONTACT_PAGE_URL}${id}`,
	};
}

/**
 * Request bodies and calls shared by Create, Update and Create or Update, so the three agree
 * on field names and checks.
 */

/** `webcontact` fields. Categories are semicolon-delimited on create (documented). */
export function webcontactFields(input: CreateContactInput): IDataObject {
	const extra = input.additionalFields;
	const fields: IDataObject = {
		CFirst: input.firstName,
		CLast: input.lastName,
		Source: input.source,
		...toContactApiFields(extra, 'webcontact'),
		...toSearchProfileFields(input.searchProfile, 'add'),
	};
	const categories = toList(extra.categories);
	if (categories.length) fields.Categories = categories.join(';');
	if (extra.callType) fields.calltype = extra.callType;
	if (extra.price !== undefined && extra.price !== '') fields.Price = extra.price;
	// Names were checked with the input (contact.fields.ts): valid, unique, none the node sets.
	const extras = extraFormFields(extra);
	for (const { name, value } of extras) fields[name] = value;
	// Documented: the fields named here go into the contact's extra details.
	if (extras.length) fields[EXTRA_FIELDS_LIST] = extras.map((entry) => entry.name).join(',');
	return fields;
}

const EXTRA_FIELDS_LIST = 'CommaDelimitedFormFields';

function extraFormFields(extra: IDataObject): Array<{ name: string; value: string }> {
	const entries = (extra.extraFormFields as IDataObject | undefined)?.field;
	if (!Array.isArray(entries)) return [];
	return entries
		.filter(isRecord)
		.map((entry) => ({ name: String(entry.name ?? '').trim(), value: String(entry.value ?? '') }))
		.filter((entry) => entry.name !== '');
}

/** `updateContact` fields from user-facing values; categories are added/removed as CSV. */
export function updateContactFields(
	values: IDataObject,
	searchProfile: IDataObject,
	categories: { add?: unknown; remove?: unknown; reassign?: boolean },
): IDataObject {
	const fields: IDataObject = {
		...toContactApiFields(values, 'updateContact'),
		...toSearchProfileFields(searchProfile, 'add'),
	};
	const add = toList(categories.add);
	const remove = toList(categories.remove);
	if (add.length) fields.AddCategories = add.join(',');
	if (remove.length) fields.RemoveCategories = remove.join(',');
	if (categories.reassign && fields.InsideTeamId !== undefined) fields.Reassignment = 'true';
	return withoutEmpty(fields);
}

export async function sendWebcontact(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): Promise<IDataObject> {
	// The docs say the listed fields' "querystring value" is read: they go in the query string
	// as well as in the form, so either way of reading them finds them.
	const listed = String(fields[EXTRA_FIELDS_LIST] ?? '')
		.split(',')
		.filter(Boolean);
	const body = await wiseAgentApiRequest.call(context, {
		method: 'POST',
		requestType: 'webcontact',
		query: Object.fromEntries(listed.map((name) => [name, fields[name]])),
		form: fields,
		itemIndex,
	});
	const data = isRecord(body) && isRecord(body.data) ? body.data : isRecord(body) ? body : {};
	return { ...data, ClientID: data.ClientID };
}

export async function sendUpdateContact(
	context: IExecuteFunctions,
	itemIndex: number,
	clientId: string,
	fields: IDataObject,
): Promise<IDataObject> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'POST',
		requestType: 'updateContact',
		form: { clientID: clientId, ...fields },
		itemIndex,
	});
	const message = isRecord(body) ? (body.Success ?? body.success) : undefined;
	return { ClientID: clientId, success: true, message };
}

// ---------------------------------------------------------------- Create or Update: the match

export const MATCH_BY_VALUES = ['emailThenPhone', 'email', 'phone'] as const;
export type MatchBy = (typeof MATCH_BY_VALUES)[number];

export interface UpsertMatchInput {
	matchBy: MatchBy;
	/** A phone match whose contact has another email: create a new contact, or fail the item. */
	onPhoneConflict: 'create' | 'fail';
	email: string;
	phones: unknown[];
}

/** getContacts results looked at per lookup: more than this many are never resolved to one contact. */
const MATCH_LOOKUP_LIMIT = 300;
const CONTACT_PHONE_FIELDS = ['MobilePhone', 'HomePhone', 'WorkPhone'];

const sameEmail = (a: unknown, b: string) =>
	String(a ?? '')
		.trim()
		.toLowerCase() === b.trim().toLowerCase();
const digitsOnly = (value: unknown) => String(value ?? '').replace(/\D/g, '');

async function lookUp(
	context: IExecuteFunctions,
	itemIndex: number,
	query: IDataObject,
	what: string,
): Promise<IDataObject[]> {
	const found = await getContacts(context, query, { limit: MATCH_LOOKUP_LIMIT }, itemIndex);
	if (found.length >= MATCH_LOOKUP_LIMIT) {
		throw ambiguousMatch(context, itemIndex, `${MATCH_LOOKUP_LIMIT} or more`, what);
	}
	return found.filter((contact) => contact.ClientID !== undefined && contact.ClientID !== '');
}

function ambiguousMatch(
	context: IExecuteFunctions,
	itemIndex: number,
	count: number | string,
	what: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${count} contacts match ${what}`, {
		itemIndex,
		description:
			'Create or Update changes a contact only when exactly one matches. Merge the duplicates in Wise Agent, or update the one you mean with Contact → Update.',
	});
}

function distinctById(contacts: IDataObject[]): IDataObject[] {
	return [...new Map(contacts.map((contact) => [String(contact.ClientID), contact])).values()];
}

/**
 * The keys under which Create or Update items must not run at the same time (the router's
 * serialKey): items whose lookups could find, or whose creates could make, the same contact.
 * They follow findUpsertTarget's comparisons: the email in any case, whenever one is set (it is
 * looked up unless Match By is Phone, and webcontact itself keeps one contact per email in every
 * mode), and the digits of each phone when Match By looks at phones.
 */
export function upsertMatchKeys(input: Pick<UpsertMatchInput, 'matchBy' | 'email' | 'phones'>) {
	const keys: string[] = [];
	const email = input.email.trim().toLowerCase();
	if (email) keys.push(`email:${email}`);
	if (input.matchBy !== 'email') {
		for (const phone of new Set(input.phones.map(digitsOnly).filter(Boolean))) {
			keys.push(`phone:${phone}`);
		}
	}
	return keys;
}

/**
 * The one existing contact that Create or Update may change, or undefined to create one.
 * The API's email and phone filters are not documented as exact, so every candidate is checked
 * here: an email match must carry that email (case-insensitive); a phone match must carry that
 * phone and no other email than the input's. Two or more candidates fail the item.
 */
export async function findUpsertTarget(
	context: IExecuteFunctions,
	itemIndex: number,
	input: UpsertMatchInput,
): Promise<{ clientId: string; matchedBy: 'email' | 'phone' } | undefined> {
	const phones = [...new Set(input.phones.map(digitsOnly).filter(Boolean))];
	const byEmail = input.matchBy !== 'phone';
	const byPhone = input.matchBy !== 'email';
	if (byEmail && input.matchBy === 'email' && !input.email) {
		throw invalidInput(context, itemIndex, 'Email', 'is required when Match By is Email');
	}
	if (input.matchBy === 'phone' && phones.length === 0) {
		throw invalidInput(
			context,
			itemIndex,
			'Mobile Phone',
			'a phone number (Mobile, Home or Work Phone) is required when Match By is Phone',
		);
	}
	if (!input.email && phones.length === 0) {
		throw invalidInput(
			context,
			itemIndex,
			'Email',
			'Create or Update needs an Email or a Mobile Phone (or a Home or Work Phone under Additional Fields) to find an existing contact',
		);
	}

	if (byEmail && input.email) {
		const found = await lookUp(context, itemIndex, { email: input.email }, `email ${input.email}`);
		const matches = found.filter((contact) => sameEmail(contact.CEmail, input.email));
		if (matches.length > 1) {
			throw ambiguousMatch(context, itemIndex, matches.length, `email ${input.email}`);
		}
		if (matches.length === 1) return { clientId: String(matches[0].ClientID), matchedBy: 'email' };
	}
	if (!byPhone || phones.length === 0) return undefined;

	const found: IDataObject[] = [];
	for (const phone of phones) {
		const candidates = await lookUp(context, itemIndex, { phone }, `phone ${phone}`);
		found.push(
			...candidates.filter((contact) => {
				const known = CONTACT_PHONE_FIELDS.filter((field) => digitsOnly(contact[field]) !== '');
				// A record without phone fields cannot be checked: the API's filter is trusted.
				return known.length === 0 || known.some((field) => digitsOnly(contact[field]) === phone);
			}),
		);
	}
	const phoneMatches = distinctById(found);
	const usable = phoneMatches.filter(
		(contact) =>
			!input.email ||
			String(contact.CEmail ?? '').trim() === '' ||
			sameEmail(contact.CEmail, input.email),
	);
	const phoneList = `phone ${phones.join(' or ')}`;
	if (usable.length > 1) throw ambiguousMatch(context, itemIndex, usable.length, phoneList);
	if (usable.length === 1) return { clientId: String(usable[0].ClientID), matchedBy: 'phone' };
	if (phoneMatches.length > 0 && input.onPhoneConflict === 'fail') {
		throw new NodeOperationError(
			context.getNode(),
			`The ${phoneList} belongs to a contact with another email`,
			{
				itemIndex,
				description: `Contact ${phoneMatches.map((contact) => String(contact.ClientID)).join(', ')} has that phone but not the email ${input.email}; it was left untouched.`,
			},
		);
	}
	return undefined;
}

const MINUTE = 60_000;
/** Below this many contacts, reading each one costs about as much as a count and a list. */
export const READ_BACK_LIST_MIN = 10;
/** How much further back than n8n's clock the list looks: the two clocks may differ. */
const READ_BACK_CLOCK_MARGIN_MS = 2 * MINUTE;
/** Listed records per written contact at most; more and the list is not cheaper. */
const READ_BACK_LIST_RATIO = 20;
const READ_BACK_LIST_MAX = 10_000;

/**
 * The written contacts as Wise Agent has them now, read in one list when that costs fewer
 * requests: the contacts updated since the first write (getContactsCount, then getContacts by
 * DateUpdatedUTC; the filter has whole minutes and may be exclusive, so the window starts a
 * minute early, and earlier still by the clock margin). A contact the list does not bring
 * (another clock, a contact Wise Agent did not mark updated, a list that moved while read) is
 * missing from the map: the caller reads it alone. Any failure of the list leaves the map empty.
 */
export async function listWrittenContacts(
	context: IExecuteFunctions,
	written: Array<{ clientId: string; writtenAt: number }>,
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const ids = new Set(written.map(({ clientId }) => clientId).filter(Boolean));
	if (ids.size < READ_BACK_LIST_MIN) return found;
	const firstWrite = Math.min(...written.map(({ writtenAt }) => writtenAt));
	const since = Math.floor((firstWrite - READ_BACK_CLOCK_MARGIN_MS) / MINUTE) * MINUTE - MINUTE;
	const query = { DateUpdatedUTC: formatUtcDateTime(new Date(since)) };
	try {
		const total = await countContacts(context, query);
		if (total === 0 || total > Math.min(ids.size * READ_BACK_LIST_RATIO, READ_BACK_LIST_MAX))
			return found;
		for (const record of await getContacts(context, query, { total, limit: total })) {
			const id = contactIdOf(record);
			if (ids.has(id)) found.set(id, record);
		}
	} catch {
		// Each contact is then read alone, and an item whose read fails gets its own error.
		found.clear();
	}
	return found;
}
