import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NumberRange } from '../helpers/validation';
import {
	NAME_MAX,
	TEXT_MAX,
	addedText,
	invalidInput,
	readNumber,
	readUsZip,
} from '../helpers/validation';

/**
 * The property search profile ("what the contact is looking for"). Wise Agent names the same
 * fields `propInfo*` when adding (webcontact, updateContact, addPropertySearchCriteria) and
 * `prop*`/`minPrice`... when updating (updatePropertySearchCriteria) and reading. The user sees
 * one set of names; each request gets its own spelling.
 *
 * The docs mark Zip and the counts as *int. A ZIP code is text all the same: a number loses the
 * leading zero of 02134, and ZIP+4 is no number at all. So Zip is a text field, checked as a US
 * ZIP code and sent as typed (Wise Agent answers `"propZip": "85212"`, as text). The counts are
 * whole numbers in a sane range; nothing is rounded.
 */
type Kind = { text: number } | { zip: true } | { number: NumberRange };

interface SearchProfileFieldSpec {
	property: INodeProperties;
	add: string;
	update: string;
	kind: Kind;
}

/** SQL Server's int: the *int fields cannot hold more. */
const INT_MAX = 2_147_483_647;
const PRICE: NumberRange = { min: 0, max: INT_MAX, integer: true };

function field(
	name: string,
	displayName: string,
	add: string,
	update: string,
	kind: Kind,
	description?: string,
): SearchProfileFieldSpec {
	const property = (
		'number' in kind
			? { displayName, name, type: 'number', default: 0, description }
			: { displayName, name, type: 'string', default: '', description }
	) as INodeProperties;
	return { property, add, update, kind };
}

const SEARCH_PROFILE_SPECS: SearchProfileFieldSpec[] = [
	field(
		'zip',
		'Zip',
		'propInfoZip',
		'propZip',
		{ zip: true },
		'US ZIP code, e.g. 02134 or 02134-1234 (sent as typed, leading zero kept)',
	),
	field(
		'propertyType',
		'Property Type',
		'propInfoPropType',
		'propType',
		{ text: 100 },
		'e.g. Residential, Commercial',
	),
	field(
		'area',
		'Area',
		'propInfoArea',
		'propArea',
		{ text: NAME_MAX },
		'Area or neighbourhood the contact is searching',
	),
	field('notes', 'Notes', 'propInfoNotes', 'propNotes', { text: TEXT_MAX }),
	field('minPrice', 'Min Price', 'propInfoMinPrice', 'minPrice', { number: PRICE }),
	field('maxPrice', 'Max Price', 'propInfoMaxPrice', 'maxPrice', { number: PRICE }),
	field('minBaths', 'Min Bathrooms', 'propInfoMinBaths', 'propBath', {
		number: { min: 0, max: 100, integer: true },
	}),
	field('minBeds', 'Min Bedrooms', 'propInfoMinBeds', 'propBed', {
		number: { min: 0, max: 100, integer: true },
	}),
	field('rentOwn', 'Rent or Own', 'propInfoRentOwn', 'propRentOwn', { text: 50 }),
	field(
		'movingInMonths',
		'Moving In (Months)',
		'propInfoMoving',
		'propMoving',
		{ number: { min: 0, max: 1200, integer: true } },
		'Timespan in months, e.g. 3',
	),
	field('squareFeet', 'Square Feet', 'propInfoSqft', 'propSqft', {
		number: { min: 0, max: 100_000_000, integer: true },
	}),
];

/** The request field names of the add spelling, `propInfo` included. */
export const SEARCH_PROFILE_ADD_NAMES = [
	'propInfo',
	...SEARCH_PROFILE_SPECS.map((spec) => spec.add),
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

/**
 * Checks every criterion the user added (see the rules in helpers/validation.ts): the profile
 * with checked values, under the user-facing names. Nothing is sent yet.
 */
export function checkSearchProfile(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: IDataObject | undefined,
): IDataObject {
	const values: IDataObject = {};
	for (const spec of SEARCH_PROFILE_SPECS) {
		const label = spec.property.displayName;
		const value = profile?.[spec.property.name];
		const checked =
			'zip' in spec.kind
				? readUsZip(context, itemIndex, label, value, 'added')
				: 'text' in spec.kind
					? addedText(context, itemIndex, label, value, spec.kind.text)
					: readNumber(context, itemIndex, label, value, 'added', spec.kind.number);
		if (checked !== undefined) values[spec.property.name] = checked;
	}
	if (
		typeof values.minPrice === 'number' &&
		typeof values.maxPrice === 'number' &&
		values.minPrice > values.maxPrice
	) {
		throw invalidInput(context, itemIndex, 'Min Price', 'must not be more than Max Price');
	}
	return values;
}

/** checkSearchProfile, then the request's fields (toSearchProfileFields). */
export function readSearchProfile(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: IDataObject | undefined,
	spelling: 'add' | 'update',
): IDataObject {
	return toSearchProfileFields(checkSearchProfile(context, itemIndex, profile), spelling);
}

/**
 * Maps a profile to the request's field names, values as they are, with the required
 * `propInfo=1` marker; empty profiles send nothing. Check the values first (readSearchProfile).
 */
export function toSearchProfileFields(
	profile: IDataObject | undefined,
	spelling: 'add' | 'update',
): IDataObject {
	const fields: IDataObject = {};
	for (const spec of SEARCH_PROFILE_SPECS) {
		const value = profile?.[spec.property.name];
		if (value === undefined || value === null || value === '') continue;
		fields[spec[spelling]] = value;
	}
	return Object.keys(fields).length > 0 ? { propInfo: 1, ...fields } : {};
}
