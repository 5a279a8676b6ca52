import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * The property search profile ("what the contact is looking for"). Wise Agent names the same
 * fields `propInfo*` when adding (webcontact, updateContact, addPropertySearchCriteria) and
 * `prop*`/`minPrice`... when updating (updatePropertySearchCriteria) and reading. The user sees
 * one set of names; each request gets its own spelling.
 */
interface SearchProfileFieldSpec {
	property: INodeProperties;
	add: string;
	update: string;
	numeric?: boolean;
}

function field(
	name: string,
	displayName: string,
	add: string,
	update: string,
	numeric = false,
	description?: string,
): SearchProfileFieldSpec {
	const property = (
		numeric
			? { displayName, name, type: 'number', default: 0, description }
			: { displayName, name, type: 'string', default: '', description }
	) as INodeProperties;
	return { property, add, update, numeric };
}

const SEARCH_PROFILE_SPECS: SearchProfileFieldSpec[] = [
	field('zip', 'Zip', 'propInfoZip', 'propZip', true),
	field(
		'propertyType',
		'Property Type',
		'propInfoPropType',
		'propType',
		false,
		'e.g. Residential, Commercial',
	),
	field(
		'area',
		'Area',
		'propInfoArea',
		'propArea',
		false,
		'Area or neighbourhood the contact is searching',
	),
	field('notes', 'Notes', 'propInfoNotes', 'propNotes'),
	field('minPrice', 'Min Price', 'propInfoMinPrice', 'minPrice', true),
	field('maxPrice', 'Max Price', 'propInfoMaxPrice', 'maxPrice', true),
	field('minBaths', 'Min Bathrooms', 'propInfoMinBaths', 'propBath', true),
	field('minBeds', 'Min Bedrooms', 'propInfoMinBeds', 'propBed', true),
	field('rentOwn', 'Rent or Own', 'propInfoRentOwn', 'propRentOwn'),
	field(
		'movingInMonths',
		'Moving In (Months)',
		'propInfoMoving',
		'propMoving',
		true,
		'Timespan in months, e.g. 3',
	),
	field('squareFeet', 'Square Feet', 'propInfoSqft', 'propSqft', true),
];

export const searchProfileProperties: INodeProperties[] = SEARCH_PROFILE_SPECS.map(
	(spec) => spec.property,
);

/** A "Property Search Profile" collection, shown on contact create/update and the search profile operations. */
export function searchProfileCollection(
	name = 'searchProfile',
	displayName = 'Property Search Profile',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Search Criteria',
		default: {},
		description: 'What the contact is looking for; Wise Agent users can search contacts by it',
		options: searchProfileProperties,
	};
}

/** Maps a profile to the request's field names, with the required `propInfo=1` marker; empty profiles send nothing. */
export function toSearchProfileFields(
	profile: IDataObject | undefined,
	spelling: 'add' | 'update',
): IDataObject {
	const fields: IDataObject = {};
	for (const spec of SEARCH_PROFILE_SPECS) {
		const value = profile?.[spec.property.name];
		if (value === undefined || value === null || value === '') continue;
		fields[spec[spelling]] = spec.numeric ? Math.round(Number(value)) : value;
	}
	return Object.keys(fields).length > 0 ? { propInfo: 1, ...fields } : {};
}
