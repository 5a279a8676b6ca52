import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactLocator, numericRecordLocator } from '../../descriptions/common';
import { getNumericIdParameter } from '../../helpers/parameters';
import type { NumberRange } from '../../helpers/validation';
import { NAME_MAX, TEXT_MAX, optionalContactId, requireNumericId } from '../../helpers/validation';

/** A property picked from the account's properties or typed as its PropertyID. */
export const propertyLocator = numericRecordLocator({
	name: 'propertyId',
	displayName: 'Property',
	searchListMethod: 'searchProperties',
	searchPlaceholder: 'Search by address or MLS number…',
	idExample: '12434',
});

export function readPropertyId(context: IExecuteFunctions, itemIndex: number): string {
	return getNumericIdParameter(context, itemIndex, 'propertyId', 'Property');
}

/** Optional contact of Create/Update (ClientId); its relation is in the fields. */
export const propertyContactLocator = contactLocator({
	displayName: 'Contact',
	name: 'contactId',
	required: false,
	description: 'Client to connect to the property (optional); set Client Relation in the fields',
});

export function readOptionalContactId(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	return optionalContactId(
		context,
		itemIndex,
		'Contact',
		context.getNodeParameter('contactId', itemIndex, '', { extractValue: true }),
	);
}

export const searchIdField: INodeProperties = {
	displayName: 'Search Profile ID',
	name: 'searchId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'The search profile’s ID, from Create Search Profile or Get Many Search Profiles',
};

export function readSearchId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Search Profile ID',
		context.getNodeParameter('searchId', itemIndex),
	);
}

/**
 * Property fields of addProperty and updateProperty (the two take the same fields, with their
 * documented length limits), written once. Create asks for the street number and name as
 * required fields; Update lists them with the others ("only supplied fields will be updated").
 * Image URLs are documented for addProperty only.
 */
type PropertyApi = 'create' | 'update';

interface PropertyFieldSpec {
	name: string;
	apiName: string;
	displayName: string;
	kind?: 'string' | 'number' | 'boolean' | 'date' | 'urls';
	/** Longest text (documented limits; undocumented ones get a sane cap). */
	max?: number;
	/** Accepted numbers (kind 'number'). */
	range?: NumberRange;
	description?: string;
	only?: PropertyApi;
}

/** Prices, taxes and fees: not negative, below a trillion. */
const MONEY: NumberRange = { min: 0, max: 1_000_000_000_000 };

export const PROPERTY_FIELD_SPECS: PropertyFieldSpec[] = [
	{
		name: 'addressNum',
		apiName: 'AddressNum',
		displayName: 'Street Number',
		max: 50,
		only: 'update',
	},
	{ name: 'address', apiName: 'Address', displayName: 'Street Name', max: 250, only: 'update' },
	{ name: 'agentEmail', apiName: 'AgentEmail', displayName: 'Agent Email', max: 250 },
	{ name: 'agentId', apiName: 'AgentID', displayName: 'Agent ID', max: 50 },
	{ name: 'agentName', apiName: 'AgentName', displayName: 'Agent Name', max: 250 },
	{ name: 'agentPhone', apiName: 'AgentPhone', displayName: 'Agent Phone', max: 50 },
	{
		name: 'archive',
		apiName: 'Archive',
		displayName: 'Archived',
		kind: 'boolean',
		description: 'Whether the property is archived',
	},
	{ name: 'brokerEmail', apiName: 'BrokerEmail', displayName: 'Broker Email', max: 250 },
	{ name: 'brokerName', apiName: 'BrokerName', displayName: 'Broker Name', max: 250 },
	{ name: 'brokerPhone', apiName: 'BrokerPhone', displayName: 'Broker Phone', max: 50 },
	{ name: 'buildingFloor', apiName: 'BldgFloor', displayName: 'Building Floor', max: 50 },
	{
		name: 'buyerAgentCommission',
		apiName: 'BuyerAgent_Commission',
		displayName: 'Buyer Agent Commission',
		max: 100,
	},
	{
		name: 'buyerAgentConcession',
		apiName: 'BuyerAgent_Concession',
		displayName: 'Buyer Agent Concession',
		max: 255,
	},
	{ name: 'city', apiName: 'City', displayName: 'City', max: 100 },
	{
		name: 'clientRelation',
		apiName: 'ClientRelation',
		displayName: 'Client Relation',
		max: NAME_MAX,
		description: 'How the contact relates to the property, e.g. Owner, Buyer (Wise Agent uses N/A)',
	},
	{ name: 'country', apiName: 'Country', displayName: 'Country', max: 50 },
	{ name: 'county', apiName: 'County', displayName: 'County', max: 50 },
	{
		name: 'dateListed',
		apiName: 'DateListed',
		displayName: 'Date Listed',
		kind: 'date',
		description: 'Date the property was or will be listed',
	},
	{ name: 'description', apiName: 'Description', displayName: 'Description', max: 250 },
	{ name: 'designDesc', apiName: 'DesignDesc', displayName: 'Design', max: 250 },
	{
		name: 'diningRoomDesc',
		apiName: 'DiningRoomDesc',
		displayName: 'Dining Room Description',
		max: 250,
	},
	{ name: 'diningRooms', apiName: 'DiningRooms', displayName: 'Dining Rooms', max: 50 },
	{
		name: 'exteriorFeaturesDesc',
		apiName: 'ExteriorFeaturesDesc',
		displayName: 'Exterior Features',
		max: 250,
	},
	{ name: 'fireplaces', apiName: 'Fireplaces', displayName: 'Fireplaces', max: 250 },
	{ name: 'franchiseEmail', apiName: 'FranchiseEmail', displayName: 'Franchise Email', max: 250 },
	{ name: 'franchiseName', apiName: 'FranchiseName', displayName: 'Franchise Name', max: 250 },
	{ name: 'franchisePhone', apiName: 'FranchisePhone', displayName: 'Franchise Phone', max: 50 },
	{ name: 'garage', apiName: 'Garage', displayName: 'Garage', max: 250 },
	{
		name: 'hoaAnnual',
		apiName: 'HOAAnnual',
		displayName: 'HOA (Annual)',
		kind: 'number',
		range: MONEY,
	},
	{
		name: 'imageUrls',
		apiName: 'imageURLS_CSV',
		displayName: 'Image URLs',
		kind: 'urls',
		only: 'create',
		description: 'Public URLs of photos to add to the property',
	},
	{
		name: 'interiorFeaturesDesc',
		apiName: 'InteriorFeaturesDesc',
		displayName: 'Interior Features',
		max: 250,
	},
	{
		name: 'lastSalePrice',
		apiName: 'LastSalePrice',
		displayName: 'Last Sale Price',
		kind: 'number',
		range: MONEY,
	},
	{
		name: 'listingPrice',
		apiName: 'ListingPrice',
		displayName: 'Listing Price',
		kind: 'number',
		range: MONEY,
	},
	{
		name: 'listingStatus',
		apiName: 'ListingStatus',
		displayName: 'Listing Status',
		max: 100,
		description: 'e.g. For Sale, Recently Sold',
	},
	{
		name: 'livingRoomDesc',
		apiName: 'LivingRoomDesc',
		displayName: 'Living Room Description',
		max: 250,
	},
	{ name: 'livingRooms', apiName: 'LivingRooms', displayName: 'Living Rooms', max: 50 },
	{ name: 'lotNumber', apiName: 'LotNum', displayName: 'Lot Number', max: 50 },
	{ name: 'lotSize', apiName: 'LotSize', displayName: 'Lot Size', max: 50 },
	{ name: 'mapGrid', apiName: 'mapgrid', displayName: 'Map Grid', max: 50 },
	{ name: 'mls', apiName: 'MLS', displayName: 'MLS Number', max: 50 },
	{ name: 'mlsArea', apiName: 'mlsarea', displayName: 'MLS Area', max: 50 },
	{ name: 'notes', apiName: 'Notes', displayName: 'Notes', max: TEXT_MAX },
	{
		name: 'numBathrooms',
		apiName: 'NumBathrooms',
		displayName: 'Bathrooms',
		kind: 'number',
		range: { min: 0, max: 1000 },
	},
	{
		name: 'numBedrooms',
		apiName: 'NumBedrooms',
		displayName: 'Bedrooms',
		kind: 'number',
		range: { min: 0, max: 1000, integer: true },
	},
	{ name: 'numHalfBathrooms', apiName: 'NumHalfBathrooms', displayName: 'Half Bathrooms', max: 50 },
	{ name: 'officeEmail', apiName: 'OfficeEmail', displayName: 'Office Email', max: 250 },
	{ name: 'officeId', apiName: 'OfficeID', displayName: 'Office ID', max: 50 },
	{ name: 'officeName', apiName: 'OfficeName', displayName: 'Office Name', max: 250 },
	{ name: 'officePhone', apiName: 'OfficePhone', displayName: 'Office Phone', max: 50 },
	{ name: 'poBox', apiName: 'PoBox', displayName: 'PO Box', max: 50 },
	{
		name: 'propertyType',
		apiName: 'PropertyType',
		displayName: 'Property Type',
		max: 100,
		description: 'e.g. Business, Home, Rental',
	},
	{
		name: 'schoolDistrict',
		apiName: 'SchoolDistrict',
		displayName: 'School District',
		max: NAME_MAX,
	},
	{
		name: 'sellerAgentCommission',
		apiName: 'SellerAgent_Commission',
		displayName: 'Seller Agent Commission',
		max: 100,
	},
	{
		name: 'sellerAgentConcession',
		apiName: 'SellerAgent_Concession',
		displayName: 'Seller Agent Concession',
		max: 255,
	},
	{
		name: 'squareFeet',
		apiName: 'SquareFt',
		displayName: 'Square Feet',
		kind: 'number',
		range: { min: 0, max: 1_000_000_000 },
	},
	{ name: 'state', apiName: 'State', displayName: 'State', max: 50 },
	{ name: 'stories', apiName: 'Stories', displayName: 'Stories', max: 50 },
	{ name: 'styleDesc', apiName: 'StyleDesc', displayName: 'Style', max: 250 },
	{ name: 'subdivision', apiName: 'Subdivision', displayName: 'Subdivision', max: 255 },
	{ name: 'suite', apiName: 'AddressSuit', displayName: 'Suite', max: 50 },
	{
		name: 'taxesAnnual',
		apiName: 'TaxesAnnual',
		displayName: 'Taxes (Annual)',
		kind: 'number',
		range: MONEY,
	},
	{ name: 'tourUrl', apiName: 'TourUrl', displayName: 'Tour URL', max: 1024 },
	{ name: 'township', apiName: 'Township', displayName: 'Township', max: 50 },
	{
		name: 'yearBuilt',
		apiName: 'YearBuilt',
		displayName: 'Year Built',
		kind: 'number',
		range: { min: 1600, max: 2100, integer: true },
	},
	{ name: 'zip', apiName: 'Zip', displayName: 'Zip', max: 50 },
];

/** Street number and name as the user sees them (required on Create). */
export const STREET_NUMBER = PROPERTY_FIELD_SPECS[0];
export const STREET_NAME = PROPERTY_FIELD_SPECS[1];

function toProperty(spec: PropertyFieldSpec): INodeProperties {
	const base = { displayName: spec.displayName, name: spec.name, description: spec.description };
	const limit = spec.max ? `Up to ${spec.max} characters` : undefined;
	switch (spec.kind) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'number': {
			const { min, max } = spec.range!;
			const range = `From ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
			return { ...base, type: 'number', default: 0, description: spec.description ?? range };
		}
		case 'date':
			return { ...base, type: 'dateTime', default: '' };
		case 'urls':
			return {
				...base,
				type: 'string',
				typeOptions: { multipleValues: true },
				default: [],
				placeholder: 'https://example.com/photo.jpg',
			};
		default:
			return { ...base, type: 'string', default: '', description: spec.description ?? limit };
	}
}

/** The optional property fields for one request type, sorted by display name. */
export function propertyFieldProperties(api: PropertyApi): INodeProperties[] {
	return PROPERTY_FIELD_SPECS.filter((spec) => !spec.only || spec.only === api)
		.filter((spec) => api === 'update' || (spec !== STREET_NUMBER && spec !== STREET_NAME))
		.map(toProperty)
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The image URLs input of Add Photos (same field as on Create). */
export const imageUrlsProperty = (): INodeProperties => ({
	...toProperty(PROPERTY_FIELD_SPECS.find((spec) => spec.kind === 'urls')!),
	required: true,
});
