import { formatDisplay, isoUtc, parseDocDate } from '../dates';
import type { Store } from '../store';
import { CONTACT_TEXT_FIELDS, RANK_VALUES, STATUS_VALUES } from '../types';
import type { ClientAddress, Contact, Vendor } from '../types';
import {
	type Params,
	type Reply,
	type RequestContext,
	type Route,
	digitsOnly,
	errors,
	ok,
	paginate,
	parseContactRef,
	parseId,
	splitList,
} from './common';
import { addSearchCriteriaFromPropInfo } from './properties';

const CONTACTS = { all: ['contacts'] };

/** The documented contact record: note the JSON-inside-a-string fields. */
export function serializeContact(store: Store, c: Contact): Record<string, unknown> {
	const outside = c.outsideTeamEmails.map((email) => {
		const member = store.data.outsideTeam.find(
			(m) => m.Email.toLowerCase() === email.toLowerCase(),
		);
		return { TeamMember: member?.TeamMember ?? '', Email: email };
	});
	return {
		ClientID: c.ClientID,
		CFirst: c.CFirst,
		CLast: c.CLast,
		Title: c.Title,
		Categories: JSON.stringify(c.categories.map((name) => ({ name }))),
		InsideTeamAssignment: JSON.stringify(c.insideTeamIds.map((InsideTeamId) => ({ InsideTeamId }))),
		OutsideTeamAssignment: JSON.stringify(outside),
		HomePhone: c.HomePhone,
		MobilePhone: c.MobilePhone,
		WorkPhone: c.WorkPhone,
		SpouseFirst: c.SpouseFirst,
		SpouseLast: c.SpouseLast,
		CEmail: c.CEmail,
		Company: c.Company,
		AddressStreet: c.AddressStreet,
		Source: c.Source,
		AddressNumber: c.AddressNumber,
		SuiteNo: c.SuiteNo,
		County: c.County,
		City: c.City,
		State: c.State,
		Zip: c.Zip,
		POBox: c.POBox,
		Country: c.Country,
		Rank: c.Rank,
		Status: c.Status,
		DtUpdated: formatDisplay(c.updatedMs, 'arizona'),
		DateUpdatedUTC: isoUtc(c.updatedMs),
		DateAddedUTC: isoUtc(c.addedMs),
		LastContactDate: c.LastContactDate,
		DateMet: c.DateMet,
		Birthday: c.Birthday,
		Anniversary: c.Anniversary,
		HomeSaleAnniversary: c.HomeSaleAnniversary,
		CustomData: JSON.stringify(c.customData.map(({ Key, Value }) => ({ Key, Value }))),
		Website: c.Website,
		SpouseWebsite: c.SpouseWebsite,
		PreferredPhone: c.PreferredPhone,
		SpousePreferredPhone: c.SpousePreferredPhone,
	};
}

/** Vendor record: the documented four fields plus the ones getVendors filters on (sandbox choice). */
export function serializeVendor(v: Vendor): Record<string, unknown> {
	return {
		ClientID: `V${v.VendorID}`,
		Company: v.Company,
		ContactName: v.ContactName,
		AlternateContact: v.AlternateContact,
		Address: v.Address,
		Type: v.Type,
		Email: v.Email,
		Phone: v.Phone,
	};
}

export function blankContact(id: number, now: number): Contact {
	const text = Object.fromEntries(CONTACT_TEXT_FIELDS.map((f) => [f, ''])) as Record<
		(typeof CONTACT_TEXT_FIELDS)[number],
		string
	>;
	return {
		...text,
		ClientID: id,
		Fax: '',
		Subdivision: '',
		BuildingFloor: '',
		Website: '',
		SpouseWebsite: '',
		PreferredPhone: '',
		SpousePreferredPhone: '',
		Rank: 'Unranked',
		Status: null,
		categories: [],
		insideTeamIds: [],
		outsideTeamEmails: [],
		customData: [],
		addedMs: now,
		updatedMs: now,
		LastContactDate: null,
		DateMet: null,
		Birthday: null,
		Anniversary: null,
		HomeSaleAnniversary: null,
		extraDetails: {},
	};
}

/** Reads a documented date filter; `false` means present but unparseable. */
function dateFilter(
	params: Params,
	name: string,
	clock: 'arizona' | 'utc',
): number | undefined | false {
	const text = params.get(name);
	if (!text) return undefined;
	return parseDocDate(text, clock) ?? false;
}

/**
 * getContacts / getContactsCount filtering. The exclusive filters apply in documented order
 * (email > phone > categories > nameQuery); email and phone disable the date filters;
 * `sources` (OR) always applies.
 */
function filterContacts(ctx: RequestContext): Contact[] | Reply {
	const { params, store } = ctx;
	const email = params.get('email');
	const phone = params.get('phone');
	const categories = splitList(params.get('categories'));
	const nameQuery = params.get('nameQuery')?.toLowerCase();
	const sources = splitList(params.get('sources')).map((s) => s.toLowerCase());
	let since: number[] = [];
	if (!email && !phone) {
		const az = dateFilter(params, 'dtupdated', 'arizona');
		const utc = dateFilter(params, 'DateUpdatedUTC', 'utc');
		if (az === false)
			return errors.capital(
				'Invalid Field dtupdated - expected MM/DD/YYYY HH:mm or YYYY-MM-DD HH:mm',
			);
		if (utc === false)
			return errors.capital(
				'Invalid Field DateUpdatedUTC - expected MM/DD/YYYY HH:mm or YYYY-MM-DD HH:mm',
			);
		since = [az, utc].filter((d): d is number => d !== undefined);
	}
	const all = store.orderedContacts();
	if (!email && !phone && !categories.length && !nameQuery && !sources.length && !since.length)
		return all;

	let matches: (c: Contact) => boolean;
	if (email) {
		const wanted = email.toLowerCase();
		matches = (c) => c.CEmail.toLowerCase() === wanted;
	} else if (phone) {
		const wanted = digitsOnly(phone);
		matches = (c) =>
			[c.HomePhone, c.MobilePhone, c.WorkPhone].some((p) => p !== '' && digitsOnly(p) === wanted);
	} else if (categories.length) {
		const wanted = categories.map((n) => n.toLowerCase());
		const andMode = params.bool('categoryAll');
		matches = (c) => {
			const has = c.categories.map((n) => n.toLowerCase());
			return andMode ? wanted.every((w) => has.includes(w)) : wanted.some((w) => has.includes(w));
		};
	} else if (nameQuery) {
		matches = (c) =>
			c.CFirst.toLowerCase().includes(nameQuery) ||
			c.CLast.toLowerCase().includes(nameQuery) ||
			c.Company.toLowerCase().includes(nameQuery) ||
			`${c.CFirst} ${c.CLast}`.toLowerCase().includes(nameQuery);
	} else {
		matches = () => true;
	}
	return all.filter(
		(c) =>
			matches(c) &&
			since.every((t) => c.updatedMs >= t) &&
			(!sources.length || sources.includes(c.Source.toLowerCase())),
	);
}

/** Paging only when `page` is sent (documented default page_size 100); without it every match comes back (sandbox choice). */
function pageIfAsked<T>(list: T[], params: Params): T[] {
	return params.has('page') ? paginate(list, params, 100) : list;
}

export function findContact(ctx: RequestContext, name = 'ClientID'): Contact | Reply {
	const raw = ctx.params.get(name);
	if (!raw) return errors.capital('Missing ClientID');
	const id = parseId(raw);
	const contact = id === undefined ? undefined : ctx.store.data.contacts.get(id);
	return contact ?? errors.capital(`Invalid Field ClientID - ${raw} not found`);
}

export const isReply = (value: unknown): value is Reply =>
	typeof value === 'object' && value !== null && 'body' in value && !('ClientID' in value);

const getContacts: Route = {
	method: 'GET',
	requestType: 'getContacts',
	scopes: CONTACTS,
	handle(ctx) {
		const found = filterContacts(ctx);
		if (!Array.isArray(found)) return found;
		return ok(pageIfAsked(found, ctx.params).map((c) => serializeContact(ctx.store, c)));
	},
};

const getContactsCount: Route = {
	method: 'GET',
	requestType: 'getContactsCount',
	scopes: CONTACTS,
	handle(ctx) {
		const found = filterContacts(ctx);
		return Array.isArray(found) ? ok({ count: found.length }) : found;
	},
};

const getSingleContact: Route = {
	method: 'GET',
	requestType: 'getSingleContact',
	scopes: CONTACTS,
	handle(ctx) {
		const raw = ctx.params.get('clientID');
		if (!raw) return errors.capital('Missing ClientID');
		const ref = parseContactRef(raw);
		if (ref?.vendor) {
			const vendor = ctx.store.data.vendors.get(ref.id);
			if (vendor) return ok([serializeVendor(vendor)]);
		} else if (ref) {
			const contact = ctx.store.data.contacts.get(ref.id);
			if (contact) return ok([serializeContact(ctx.store, contact)]);
		}
		return errors.capital(`Invalid Field ClientID - ${raw} not found`);
	},
};

const getVendors: Route = {
	method: 'GET',
	requestType: 'getVendors',
	scopes: CONTACTS,
	handle(ctx) {
		const { params } = ctx;
		const email = params.get('email')?.toLowerCase();
		const phone = params.get('phone');
		const types = splitList(params.get('types')).map((t) => t.toLowerCase());
		const nameQuery = params.get('nameQuery')?.toLowerCase();
		let matches: (v: Vendor) => boolean = () => true;
		if (email) matches = (v) => v.Email.toLowerCase() === email;
		else if (phone) matches = (v) => digitsOnly(v.Phone) === digitsOnly(phone);
		else if (types.length) matches = (v) => types.includes(v.Type.toLowerCase());
		else if (nameQuery)
			matches = (v) =>
				[v.Company, v.ContactName, v.AlternateContact].some((s) =>
					s.toLowerCase().includes(nameQuery),
				);
		const found = [...ctx.store.data.vendors.values()].filter(matches);
		return ok(pageIfAsked(found, params).map(serializeVendor));
	},
};

const getClientAddresses: Route = {
	method: 'GET',
	requestType: 'getClientAddresses',
	scopes: CONTACTS,
	handle(ctx) {
		const contact = findContact(ctx);
		if (isReply(contact)) return contact;
		return ok(
			[...ctx.store.data.clientAddresses.values()].filter((a) => a.ClientID === contact.ClientID),
		);
	},
};

/** webcontact field → contact field (HomePhome is the docs' spelling, HomePhone accepted too). */
const WEBCONTACT_FIELDS: Array<[string[], keyof Contact]> = [
	[['CFirst'], 'CFirst'],
	[['CLast'], 'CLast'],
	[['CEmail'], 'CEmail'],
	[['HomePhome', 'HomePhone'], 'HomePhone'],
	[['Fax'], 'Fax'],
	[['MobilePhone'], 'MobilePhone'],
	[['WorkPhone'], 'WorkPhone'],
	[['Company'], 'Company'],
	[['AddressNumber'], 'AddressNumber'],
	[['AddressStreet'], 'AddressStreet'],
	[['SuiteNo'], 'SuiteNo'],
	[['City'], 'City'],
	[['State'], 'State'],
	[['zip'], 'Zip'],
	[['country'], 'Country'],
	[['Website'], 'Website'],
	[['Source'], 'Source'],
];

const PHONE_FIELDS: Array<[string[], 'HomePhone' | 'MobilePhone' | 'WorkPhone']> = [
	[['HomePhome', 'HomePhone'], 'HomePhone'],
	[['MobilePhone'], 'MobilePhone'],
	[['WorkPhone'], 'WorkPhone'],
];

const webcontact: Route = {
	method: 'POST',
	requestType: 'webcontact',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store, now } = ctx;
		const missing = ['CFirst', 'CLast', 'Source'].filter((f) => !params.get(f));
		if (missing.length) {
			// Not documented; mirrors the success envelope (sandbox choice).
			return ok({
				success: 'false',
				data: { Message: `Missing required field(s): ${missing.join(', ')}` },
			});
		}
		const email = params.get('CEmail');
		const existing = email ? store.contactByEmail(email) : undefined;
		if (existing) {
			// Documented: an existing contact is not updated, but phone numbers (and emails) are added.
			let changed = false;
			for (const [names, field] of PHONE_FIELDS) {
				const value = params.first(...names);
				if (value && !existing[field]) {
					existing[field] = value;
					changed = true;
				}
			}
			if (changed) {
				store.touchContact(existing, now);
				ctx.emit({ type: 'contactUpdate', ids: [existing.ClientID] });
			}
			return ok({
				success: 'true',
				data: {
					ClientID: existing.ClientID,
					NewContact: false,
					Message: "Use 'updateContact' request to update contacts.",
				},
			});
		}

		const contact = blankContact(store.nextId('contact'), now);
		for (const [names, field] of WEBCONTACT_FIELDS) {
			const value = params.first(...names);
			if (value !== undefined) (contact as Record<string, unknown>)[field] = value;
		}
		const rank = params.get('Rank');
		if (rank && RANK_VALUES.includes(rank)) contact.Rank = rank;
		const status = params.get('ContactStatus');
		if (status && STATUS_VALUES.includes(status)) contact.Status = status;
		for (const name of splitList(params.get('Categories'), ';')) {
			contact.categories.push(store.ensureCategory(name).name);
		}
		const teamId = parseId(params.get('InsideTeamId'));
		if (teamId !== undefined && store.data.team.some((m) => m.InsideTeamId === teamId))
			contact.insideTeamIds.push(teamId);
		for (const field of splitList(params.get('CommaDelimitedFormFields'))) {
			contact.extraDetails[field] = params.get(field) ?? '';
		}
		const price = params.get('Price');
		if (price) contact.extraDetails.Price = price;

		const data: Record<string, unknown> = { ClientID: contact.ClientID, NewContact: true };
		const outsideEmail = params.get('OutsideTeamAssignment');
		const outside = outsideEmail
			? store.data.outsideTeam.find((m) => m.Email.toLowerCase() === outsideEmail.toLowerCase())
			: undefined;
		if (outside) {
			contact.outsideTeamEmails.push(outside.Email);
			// The docs print a different ClientID here (the lead's copy in the outside member's account);
			// the sandbox keeps one account, so it repeats the new ClientID (sandbox choice).
			data.OutsideTeamAssignment = {
				...outside,
				leadStatus: 'accepted',
				ClientID: contact.ClientID,
			};
		}
		store.addContact(contact);
		addSearchCriteriaFromPropInfo(store, params, contact.ClientID);

		// calltype: 1 = phone, 2 = email; "defaults to 2 if phone not present" (used for the call list).
		const hasPhone = Boolean(contact.HomePhone || contact.MobilePhone || contact.WorkPhone);
		const callType = params.get('calltype') ?? (hasPhone ? '1' : '2');
		const callId = store.nextId('call');
		store.data.calls.set(callId, {
			CallId: callId,
			ClientId: String(contact.ClientID),
			completed: false,
			flagImportant: false,
			Reason: 'New web contact',
			insideTeamId: contact.insideTeamIds[0] ?? null,
			AssignedTo:
				store.data.team.find((m) => m.InsideTeamId === contact.insideTeamIds[0])?.Name ?? '',
			addedMs: now,
			nextContactMs: now,
			CallType: callType === '1' ? 'Phone' : 'Email',
			completedMs: null,
		});
		ctx.emit({ type: 'contactCreate', ids: [contact.ClientID] });
		return ok({ success: 'true', data });
	},
};

/** updateContact text fields, by documented parameter name (`Clast` as documented; names are case-insensitive). */
const UPDATE_FIELDS: Array<[string, keyof Contact]> = [
	['CFirst', 'CFirst'],
	['Clast', 'CLast'],
	['CEmail', 'CEmail'],
	['HomePhone', 'HomePhone'],
	['MobilePhone', 'MobilePhone'],
	['WorkPhone', 'WorkPhone'],
	['Company', 'Company'],
	['SuiteNo', 'SuiteNo'],
	['City', 'City'],
	['State', 'State'],
	['Zip', 'Zip'],
	['County', 'County'],
	['Country', 'Country'],
	['AddressNumber', 'AddressNumber'],
	['AddressStreet', 'AddressStreet'],
	['Subdivision', 'Subdivision'],
	['BuildingFloor', 'BuildingFloor'],
	['Rank', 'Rank'],
];

const updateContact: Route = {
	method: 'POST',
	requestType: 'updateContact',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store } = ctx;
		const raw = params.get('clientID');
		if (!raw) return ok({ Error: 'Missing ClientID' }, true);
		const id = parseId(raw);
		const contact = id === undefined ? undefined : store.data.contacts.get(id);
		const invalid = (field: string) =>
			ok({ Error: `Invalid Field ${field} - ${raw} not updated` }, true);
		if (!contact) return invalid('clientID');

		// Validate everything first: a failed update changes nothing.
		const rank = params.get('Rank');
		if (rank !== undefined && !RANK_VALUES.includes(rank)) return invalid('Rank');
		const status = params.get('ContactStatus');
		if (status !== undefined && !STATUS_VALUES.includes(status)) return invalid('ContactStatus');
		const teamRaw = params.get('InsideTeamId');
		const teamId = parseId(teamRaw);
		if (
			teamRaw !== undefined &&
			(teamId === undefined || !store.data.team.some((m) => m.InsideTeamId === teamId))
		) {
			return invalid('InsideTeamId');
		}
		const outsideEmail = params.get('OutsideTeamAssignment');
		const outside = outsideEmail
			? store.data.outsideTeam.find((m) => m.Email.toLowerCase() === outsideEmail.toLowerCase())
			: undefined;
		if (outsideEmail && !outside) return invalid('OutsideTeamAssignment');

		// Which kinds of change were asked for decides the webhook sub-type.
		const aspects = new Set<'category' | 'status' | 'other'>();
		for (const [name, field] of UPDATE_FIELDS) {
			const value = params.get(name);
			if (value === undefined) continue;
			(contact as Record<string, unknown>)[field] = value;
			aspects.add('other');
		}
		if (params.get('CEmail') !== undefined) store.reindexContact(contact);
		if (status !== undefined) {
			contact.Status = status;
			aspects.add('status');
		}
		if (teamId !== undefined) {
			contact.insideTeamIds = params.bool('Reassignment')
				? [teamId]
				: [...new Set([...contact.insideTeamIds, teamId])];
			aspects.add('other');
		}
		if (outside) {
			if (!contact.outsideTeamEmails.includes(outside.Email))
				contact.outsideTeamEmails.push(outside.Email);
			aspects.add('other');
		}
		const remove = splitList(params.get('RemoveCategories')).map((n) => n.toLowerCase());
		const add = splitList(params.get('AddCategories'));
		if (remove.length || add.length) {
			contact.categories = contact.categories.filter((n) => !remove.includes(n.toLowerCase()));
			for (const name of add) {
				const cat = store.ensureCategory(name);
				if (!contact.categories.includes(cat.name)) contact.categories.push(cat.name);
			}
			aspects.add('category');
		}
		if (addSearchCriteriaFromPropInfo(store, params, contact.ClientID)) aspects.add('other');
		store.touchContact(contact, ctx.now);
		ctx.emit({
			type: 'contactUpdate',
			subtype: contactUpdateSubtype(aspects),
			ids: [contact.ClientID],
		});
		return ok({ Success: `${contact.ClientID} updated` }, true);
	},
};

/** Documented: contactUpdate deliveries carry a more specific EventType when only one kind of field changed. */
export function contactUpdateSubtype(aspects: Set<string>): string | undefined {
	if (aspects.size !== 1) return undefined;
	const [only] = aspects;
	return (
		{
			category: 'contactUpdateCategory',
			status: 'contactUpdateStatus',
			source: 'contactUpdateSource',
		} as Record<string, string>
	)[only];
}

/**
 * addClientAddress is documented twice: `ClientID`/`AddressNum`/`Address` returning `ClientAddressID`, and
 * `clientid`/`addressNum`/`address` (City+State required without zip, type defaults to 'other')
 * returning `clientAddressID`. The spelling of the client id parameter picks the variant.
 */
const addClientAddress: Route = {
	method: 'POST',
	requestType: 'addClientAddress',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store } = ctx;
		const lowerVariant = params.spelling('ClientID') === 'clientid';
		const contact = findContact(ctx);
		if (isReply(contact))
			return errors.successFalse(String((contact.body as { Error: string }).Error));
		if (!params.get('AddressNum') || !params.get('Address')) {
			return errors.successFalse('AddressNum and Address are required');
		}
		if (lowerVariant && !params.get('zip') && !(params.get('city') && params.get('state'))) {
			return errors.successFalse('City and State are required when Zip is not supplied');
		}
		const address: ClientAddress = {
			ClientAddressID: store.nextId('clientAddress'),
			ClientID: contact.ClientID,
			AddressType: params.get('AddressType') || 'other',
			AddressNum: params.get('AddressNum') ?? '',
			Address: params.get('Address') ?? '',
			SuiteNo: params.get('SuiteNo') ?? '',
			POBox: params.get('POBox') ?? '',
			BldgFloor: params.get('BldgFloor') ?? '',
			City: params.get('City') ?? '',
			State: params.get('State') ?? '',
			Zip: params.get('Zip') ?? '',
			County: params.get('County') ?? '',
			Country: params.get('Country') ?? '',
			MLS: params.get('MLS') ?? '',
			Subdivision: params.get('Subdivision') ?? null,
			Township: params.get('Township') ?? null,
		};
		store.data.clientAddresses.set(address.ClientAddressID, address);
		store.touchContact(contact, ctx.now);
		ctx.emit({ type: 'contactUpdate', ids: [contact.ClientID] });
		return lowerVariant
			? ok({ success: true, clientAddressID: address.ClientAddressID }, true)
			: ok({ success: true, ClientAddressID: address.ClientAddressID });
	},
};

const addClientCustom: Route = {
	method: 'POST',
	requestType: 'addClientCustom',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store } = ctx;
		const contact = findContact(ctx);
		const key = params.get('Key');
		if (isReply(contact) || !key)
			return errors.successFalse('There was an error while inserting the data');
		if (contact.customData.some((d) => d.Key.toLowerCase() === key.toLowerCase())) {
			return errors.successFalse(
				`Duplicate Key '${key}' cannot be inserted for ClientID ${contact.ClientID}`,
			);
		}
		const datum = {
			ClientCustomID: store.nextId('custom'),
			Key: key,
			Value: params.get('Value') ?? '',
		};
		contact.customData.push(datum);
		store.touchContact(contact, ctx.now);
		ctx.emit({ type: 'contactUpdate', ids: [contact.ClientID] });
		return ok({ success: true, ClientCustomID: datum.ClientCustomID });
	},
};

/** Documented under DELETE although it edits: by ClientCustomID (Key and Value) or by Key (Value). */
const editClientCustomData: Route = {
	method: 'DELETE',
	requestType: 'editClientCustomData',
	scopes: CONTACTS,
	handle(ctx) {
		const { params } = ctx;
		const contact = findContact(ctx);
		if (isReply(contact))
			return errors.successFalse(String((contact.body as { Error: string }).Error));
		const customId = parseId(params.get('ClientCustomID'));
		const key = params.get('Key');
		if (customId === undefined && !key)
			return errors.successFalse("'Key' is required if 'ClientCustomID' is not supplied");
		const datum =
			customId !== undefined
				? contact.customData.find((d) => d.ClientCustomID === customId)
				: contact.customData.find((d) => d.Key.toLowerCase() === key!.toLowerCase());
		if (!datum) {
			return errors.successFalse(
				customId !== undefined
					? `ClientCustomID ${customId} not found for ClientID ${contact.ClientID}`
					: `Key '${key}' not found for ClientID ${contact.ClientID}`,
			);
		}
		if (customId !== undefined && key) {
			if (
				contact.customData.some((d) => d !== datum && d.Key.toLowerCase() === key.toLowerCase())
			) {
				return errors.successFalse(
					`Duplicate Key '${key}' cannot be inserted for ClientID ${contact.ClientID}`,
				);
			}
			datum.Key = key;
		}
		const value = params.get('Value');
		if (value !== undefined) datum.Value = value;
		ctx.store.touchContact(contact, ctx.now);
		ctx.emit({ type: 'contactUpdate', ids: [contact.ClientID] });
		return ok({ success: true, ClientCustomID: datum.ClientCustomID });
	},
};

export const contactRoutes: Route[] = [
	getContacts,
	getContactsCount,
	getSingleContact,
	getVendors,
	getClientAddresses,
	webcontact,
	updateContact,
	addClientAddress,
	addClientCustom,
	editClientCustomData,
];
