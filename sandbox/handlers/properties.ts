import { formatDisplayDate, parseDocDate } from '../dates';
import type { Store } from '../store';
import type { Property, SearchCriteria } from '../types';
import {
	type Params,
	type Reply,
	type RequestContext,
	type Route,
	errors,
	findTooLong,
	intParam,
	ok,
	paginate,
	parseId,
	splitList,
} from './common';

const PROPERTIES = { all: ['properties'] };

/** Documented character limits of addProperty / updateProperty. */
const LIMITS: Record<string, number> = {
	AddressNum: 50,
	Address: 250,
	AddressSuit: 50,
	BldgFloor: 50,
	City: 100,
	State: 50,
	Zip: 50,
	Country: 50,
	County: 50,
	Subdivision: 255,
	LotNum: 50,
	PoBox: 50,
	MLS: 50,
	mlsarea: 50,
	mapgrid: 50,
	TourUrl: 1024,
	NumHalfBathrooms: 50,
	DiningRooms: 50,
	DiningRoomDesc: 250,
	LivingRooms: 50,
	LivingRoomDesc: 250,
	InteriorFeaturesDesc: 250,
	ExteriorFeaturesDesc: 250,
	StyleDesc: 250,
	DesignDesc: 250,
	Fireplaces: 250,
	Stories: 50,
	Garage: 250,
	AgentName: 250,
	AgentPhone: 50,
	AgentEmail: 250,
	AgentID: 50,
	BrokerName: 250,
	BrokerEmail: 250,
	BrokerPhone: 50,
	OfficeName: 250,
	OfficeEmail: 250,
	OfficePhone: 50,
	OfficeID: 50,
	FranchiseName: 250,
	FranchiseEmail: 250,
	FranchisePhone: 50,
	Description: 250,
	Township: 50,
	BuyerAgent_Commission: 100,
	BuyerAgent_Concession: 255,
	SellerAgent_Commission: 100,
	SellerAgent_Concession: 255,
};
/** Documented fields without a limit. */
const UNLIMITED = [
	'Notes',
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
];
const PROPERTY_FIELDS = [...Object.keys(LIMITS), ...UNLIMITED];

/** Details keys in documented order (the printed example is cut off after SchoolDistrict). */
const DETAIL_FIELDS = [
	'YearBuilt',
	'TaxesAnnual',
	'HOAAnnual',
	'NumBedrooms',
	'NumBathrooms',
	'NumHalfBathrooms',
	'SquareFt',
	'LotSize',
	'DateListed',
	'PropertyType',
	'ListingStatus',
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
	'SchoolDistrict',
];

function toInt(text: string | undefined): number {
	const n = parseInt((text ?? '').replace(/[$,]/g, ''), 10);
	return Number.isFinite(n) ? n : 0;
}

function dateListed(text: string | undefined): string {
	if (!text) return '';
	const ms = parseDocDate(text, 'utc');
	if (ms === undefined) return text;
	const [m, d, y] = formatDisplayDate(ms, 'utc').split('/');
	return `${m.padStart(2, '0')}/${d.padStart(2, '0')}/${y}`;
}

export function serializeProperty(p: Property): Record<string, unknown> {
	const f = (name: string) => p.fields[name] ?? '';
	const details: Record<string, unknown> = {
		ListingPrice: toInt(f('ListingPrice')),
		LastSalePrice: toInt(f('LastSalePrice')),
	};
	for (const name of DETAIL_FIELDS) details[name] = f(name);
	details.DateListed = dateListed(f('DateListed'));
	details.AgentID = f('AgentID') || '0';
	details.OfficeID = f('OfficeID') || '0';
	return {
		PropertyID: String(p.PropertyID),
		StreetNum: f('AddressNum'),
		Street: f('Address'),
		City: f('City'),
		State: f('State'),
		PostalCode: f('Zip'),
		Subdivision: f('Subdivision'),
		County: f('County'),
		POBox: f('PoBox'),
		Country: f('Country'),
		Suite: f('AddressSuit'),
		LotNum: f('LotNum'),
		MLS: f('MLS'),
		primaryPhoto: p.photos[0] ?? '',
		Details: details,
	};
}

function findProperty(ctx: RequestContext): Property | Reply {
	const raw = ctx.params.get('propertyID');
	const id = parseId(raw);
	const property = id === undefined ? undefined : ctx.store.data.properties.get(id);
	return property ?? errors.status('Property Not Found.');
}

const isProperty = (value: Property | Reply): value is Property => 'PropertyID' in value;

/** Copies supplied documented fields; returns the limit error, if any, before changing anything. */
function applyPropertyFields(params: Params, target: Record<string, string>): string | undefined {
	const tooLong = findTooLong(params, LIMITS);
	if (tooLong) return tooLong;
	for (const name of PROPERTY_FIELDS) {
		const value = params.get(name);
		if (value !== undefined) target[name] = value;
	}
	return undefined;
}

function connectClient(ctx: RequestContext, property: Property): Reply | undefined {
	const rawClient = ctx.params.get('ClientId');
	if (!rawClient) return undefined;
	const clientId = parseId(rawClient);
	const contact = clientId === undefined ? undefined : ctx.store.data.contacts.get(clientId);
	if (!contact) return errors.status('Client Not Found.');
	const relation = ctx.params.get('ClientRelation') || 'N/A';
	const existing = property.connections.find((c) => c.clientId === contact.ClientID);
	if (existing) existing.relation = relation;
	else property.connections.push({ clientId: contact.ClientID, relation });
	ctx.store.touchContact(contact, ctx.now);
	return undefined;
}

const getProperty: Route = {
	method: 'GET',
	requestType: 'getProperty',
	scopes: PROPERTIES,
	handle(ctx) {
		const { params, store } = ctx;
		const rawId = params.get('propertyID');
		if (rawId) {
			const id = parseId(rawId);
			const property = id === undefined ? undefined : store.data.properties.get(id);
			return property
				? ok(serializeProperty(property))
				: errors.status(`Property ID ${rawId} Does not exist`);
		}
		// "if propertyID is not supplied, then at least one of the remaining fields must be supplied."
		const criteria: Array<[string, string]> = [
			['StreetNum', 'AddressNum'],
			['Street', 'Address'],
			['State', 'State'],
			['PostalCode', 'Zip'],
			['MLS', 'MLS'],
		];
		const wanted = criteria
			.map(([param, field]) => [field, params.get(param)?.toLowerCase()] as const)
			.filter((pair): pair is readonly [string, string] => Boolean(pair[1]));
		if (!wanted.length)
			return errors.status(
				'propertyID or at least one of StreetNum, Street, State, PostalCode, MLS must be supplied',
			);
		for (const property of store.data.properties.values()) {
			if (
				wanted.every(([field, value]) => (property.fields[field] ?? '').toLowerCase() === value)
			) {
				return ok(serializeProperty(property));
			}
		}
		return errors.status('Property not found');
	},
};

const getProperties: Route = {
	method: 'GET',
	requestType: 'getProperties',
	scopes: PROPERTIES,
	handle(ctx) {
		const archived = ctx.params.bool('showArchived');
		// "ordered by most recent": newest first.
		const list = [...ctx.store.data.properties.values()]
			.filter((p) => p.archived === archived)
			.sort((a, b) => b.createdMs - a.createdMs || b.PropertyID - a.PropertyID);
		return ok(paginate(list, ctx.params, 50).map(serializeProperty));
	},
};

function serializeCriteria(c: SearchCriteria, withId: boolean): Record<string, unknown> {
	const { SearchID, clientId: _client, ...rest } = c;
	void _client;
	return withId ? { SearchID: String(SearchID), ...rest } : rest;
}

const getPropertySearchCriteria: Route = {
	method: 'GET',
	requestType: 'getPropertySearchCriteria',
	scopes: PROPERTIES,
	handle(ctx) {
		const id = parseId(ctx.params.get('SearchID'));
		const criteria = id === undefined ? undefined : ctx.store.data.searchCriteria.get(id);
		// Documented: "If no PropertySearchCriteria was found for this searchID, an empty object will be returned".
		return ok(criteria ? serializeCriteria(criteria, false) : {});
	},
};

const getPropertySearchCriteriaList: Route = {
	method: 'GET',
	requestType: 'getPropertySearchCriteriaList',
	scopes: PROPERTIES,
	handle(ctx) {
		const clientId = parseId(ctx.params.get('clientID'));
		const list = [...ctx.store.data.searchCriteria.values()].filter((c) => c.clientId === clientId);
		return ok({ propertySearchCriteria: list.map((c) => serializeCriteria(c, true)) });
	},
};

/** Search-profile fields as named by webcontact/updateContact/addPropertySearchCriteria (propInfo*). */
const PROP_INFO_FIELDS: Array<[string, keyof SearchCriteria, 'int' | 'text']> = [
	['propInfoCity', 'propCity', 'text'],
	['propInfoZip', 'propZip', 'text'],
	['propInfoPropType', 'propType', 'text'],
	['propInfoArea', 'propArea', 'text'],
	['propInfoNotes', 'propNotes', 'text'],
	['propInfoMinPrice', 'minPrice', 'int'],
	['propInfoMaxPrice', 'maxPrice', 'int'],
	['propInfoMinBaths', 'propBath', 'int'],
	['propInfoMinBeds', 'propBed', 'int'],
	['propInfoRentOwn', 'propRentOwn', 'text'],
	['propInfoMoving', 'propMoving', 'int'],
	['propInfoSqft', 'propSqft', 'int'],
];

/** Same profile as named by updatePropertySearchCriteria (propZip, minPrice, propBath, ...). */
const UPDATE_CRITERIA_FIELDS: Array<[string, keyof SearchCriteria, 'int' | 'text']> =
	PROP_INFO_FIELDS.map(([, field, kind]) => [field, field, kind]);

function applyCriteria(
	params: Params,
	fields: typeof PROP_INFO_FIELDS,
	target: SearchCriteria,
): void {
	for (const [param, field, kind] of fields) {
		const value = params.get(param);
		if (value === undefined) continue;
		(target as unknown as Record<string, unknown>)[field] =
			kind === 'int' ? intParam(value, 0) : value;
	}
}

/** Records a Property Search Profile when `propInfo=1` is sent; returns the new SearchID. */
export function addSearchCriteriaFromPropInfo(
	store: Store,
	params: Params,
	clientId: number,
): number | undefined {
	if (params.get('propInfo') !== '1') return undefined;
	const criteria: SearchCriteria = {
		SearchID: store.nextId('search'),
		clientId,
		propCity: '',
		propZip: '',
		propType: '',
		propArea: '',
		propNotes: '',
		minPrice: 0,
		maxPrice: 0,
		propBath: 0,
		propBed: 0,
		propRentOwn: '',
		propMoving: 0,
		propSqft: 0,
	};
	applyCriteria(params, PROP_INFO_FIELDS, criteria);
	store.data.searchCriteria.set(criteria.SearchID, criteria);
	return criteria.SearchID;
}

const addPropertySearchCriteria: Route = {
	method: 'POST',
	requestType: 'addPropertySearchCriteria',
	scopes: PROPERTIES,
	handle(ctx) {
		const { params, store } = ctx;
		const clientId = parseId(params.get('clientid'));
		const contact = clientId === undefined ? undefined : store.data.contacts.get(clientId);
		if (!contact) return errors.lower('clientid not found');
		if (params.get('propInfo') !== '1') return errors.lower('propInfo=1 is required');
		const searchId = addSearchCriteriaFromPropInfo(store, params, contact.ClientID)!;
		store.touchContact(contact, ctx.now);
		// Printed as `"{"success": ...},{"clientid": ..., "searchID": ...}"`: two objects side by side,
		// read as a two-element array.
		return ok(
			[
				{ success: 'property search profile added' },
				{ clientid: String(contact.ClientID), searchID: String(searchId) },
			],
			true,
		);
	},
};

const updatePropertySearchCriteria: Route = {
	method: 'PUT',
	requestType: 'updatePropertySearchCriteria',
	scopes: PROPERTIES,
	handle(ctx) {
		const { params, store } = ctx;
		const id = parseId(params.get('searchID'));
		const criteria = id === undefined ? undefined : store.data.searchCriteria.get(id);
		if (!criteria) return ok({ error: 'SearchID not found' }, true);
		if (params.get('propInfo') !== '1') return ok({ error: 'propInfo=1 is required' }, true);
		applyCriteria(params, UPDATE_CRITERIA_FIELDS, criteria);
		const contact = store.data.contacts.get(criteria.clientId);
		if (contact) store.touchContact(contact, ctx.now);
		return ok({ success: true }, true);
	},
};

const addProperty: Route = {
	method: 'POST',
	requestType: 'addProperty',
	scopes: PROPERTIES,
	handle(ctx) {
		const { params, store, now } = ctx;
		if (!params.get('AddressNum') || !params.get('Address'))
			return errors.status('Address and AddressNum must be provided');
		const property: Property = {
			PropertyID: store.nextId('property'),
			fields: {},
			archived: params.bool('Archive'),
			photos: splitList(params.get('imageURLS_CSV')),
			connections: [],
			createdMs: now,
			updatedMs: now,
		};
		const tooLong = applyPropertyFields(params, property.fields);
		if (tooLong) return errors.status(tooLong);
		const connectError = connectClient(ctx, property);
		if (connectError) return connectError;
		store.data.properties.set(property.PropertyID, property);
		ctx.emit({ type: 'propertyCreate', ids: [property.PropertyID] });
		return ok({ status: 'success', data: { propertyId: String(property.PropertyID) } });
	},
};

const updateProperty: Route = {
	method: 'PUT',
	requestType: 'updateProperty',
	scopes: PROPERTIES,
	handle(ctx) {
		const found = findProperty(ctx);
		if (!isProperty(found)) return errors.status('Property not found');
		// "Only supplied fields will be updated": AddressNum/Address are not re-required here.
		const staged = { ...found.fields };
		const tooLong = applyPropertyFields(ctx.params, staged);
		if (tooLong) return errors.status(tooLong);
		const connectError = connectClient(ctx, found);
		if (connectError) return connectError;
		found.fields = staged;
		if (ctx.params.has('Archive')) found.archived = ctx.params.bool('Archive');
		found.updatedMs = Math.max(ctx.now, found.updatedMs + 1);
		ctx.emit({ type: 'propertyUpdate', ids: [found.PropertyID] });
		return ok({ status: 'success', data: { propertyId: String(found.PropertyID) } });
	},
};

const deleteProperty: Route = {
	method: 'DELETE',
	requestType: 'deleteProperty',
	scopes: PROPERTIES,
	handle(ctx) {
		const id = parseId(ctx.params.get('propertyID'));
		if (id === undefined || !ctx.store.data.properties.delete(id))
			return errors.lower('propertyID was not found');
		ctx.emit({ type: 'propertyDelete', ids: [id] });
		// Success body undocumented; same envelope as the other property mutations (sandbox choice).
		return ok({ status: 'success', data: { propertyId: String(id) } });
	},
};

const addPropertyPhoto: Route = {
	method: 'POST',
	requestType: 'addPropertyPhoto',
	scopes: PROPERTIES,
	handle(ctx) {
		const found = findProperty(ctx);
		if (!isProperty(found)) return found;
		const urls = splitList(ctx.params.get('imageURLS_CSV'));
		if (!urls.length) return errors.status('imageURLS_CSV is required');
		found.photos.push(...urls);
		found.updatedMs = Math.max(ctx.now, found.updatedMs + 1);
		ctx.emit({ type: 'propertyUpdate', ids: [found.PropertyID] });
		return ok({ status: 'success', data: { message: 'Property Photos added.' } });
	},
};

const addPropertyConnection: Route = {
	method: 'POST',
	requestType: 'addPropertyConnection',
	scopes: { all: ['properties', 'contacts'] },
	handle(ctx) {
		const found = findProperty(ctx);
		if (!isProperty(found)) return found;
		const clientId = parseId(ctx.params.get('ClientID'));
		const contact = clientId === undefined ? undefined : ctx.store.data.contacts.get(clientId);
		if (!contact) return errors.status('Client Not Found.');
		const relation = ctx.params.get('ClientRelation') || 'N/A';
		found.connections.push({ clientId: contact.ClientID, relation });
		found.updatedMs = Math.max(ctx.now, found.updatedMs + 1);
		ctx.store.touchContact(contact, ctx.now);
		ctx.emit({ type: 'propertyUpdate', ids: [found.PropertyID] });
		return ok({ status: 'success', data: { message: 'Client property relationship created.' } });
	},
};

export const propertyRoutes: Route[] = [
	getProperty,
	getProperties,
	getPropertySearchCriteria,
	getPropertySearchCriteriaList,
	addPropertySearchCriteria,
	updatePropertySearchCriteria,
	addProperty,
	updateProperty,
	deleteProperty,
	addPropertyPhoto,
	addPropertyConnection,
];
