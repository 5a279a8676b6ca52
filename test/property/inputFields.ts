import fc from 'fast-check';
import type { INodeProperties } from 'n8n-workflow';

import { resources } from '../../nodes/WiseAgent/actions/resources';
import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';

/**
 * Shared by the property-based input tests: every input field of every operation, walked from
 * the node's description (the resources registry), valid values to run each operation with,
 * and the kinds of bad input.
 */

/** An expression parameter whose value comes from the item, so any JS value reaches the node. */
export const FROM_ITEM = '={{ $json.v }}';

// ---------------------------------------------------------------------------------------------
// The fields, from the registry.

/** How an accepted value must show up in the request. */
export type SendModel =
	| 'text' // the trimmed text
	| 'upper' // contact IDs: the trimmed text, V upper-cased
	| 'vendor' // vendor IDs: V + the digits
	| 'digits' // phone searches: the digits
	| 'list' // comma-separated text or an array: entries trimmed, joined by the API's separator
	| 'number' // the same number
	| 'boolean' // true/false (or their text): sent in the API's spelling
	| 'option' // one of the option values
	| 'date' // converted: only real dates in the documented forms may be accepted
	| 'control'; // steers the operation (limit, search by…), not sent as such

export interface Field {
	key: string;
	resource: string;
	operation: string;
	/** Where the value sits in the node parameters. */
	path: Array<string | number>;
	property: INodeProperties;
	labels: string[];
	model: SendModel;
	/** Top level and not required: empty means "not sent". */
	optionalTopLevel: boolean;
	/** Documented exceptions where an empty value is sent (it clears the field). */
	emptyIsSent: boolean;
	separator: string;
	/** Selector values that make the field visible (searchBy: 'email'…). */
	selectors: Record<string, unknown>;
}

const CONTROL_FIELDS = new Set([
	'limit',
	'returnAll',
	'simplify',
	'searchBy',
	'findBy',
	'updatedSinceParameter',
	'allDay',
	'clearValue',
	'batchItems',
	'includeCompleted',
	'includeDeleted',
	'reassign',
	'categoryAll',
	'orderByNextContactDate',
	'showArchived',
	'vendor',
]);
const LIST_FIELDS = new Set([
	'categories',
	'sources',
	'addCategories',
	'removeCategories',
	'additionalContactIds',
	'names',
	'types',
	'imageUrls',
]);

export function labelsOf(displayName: string): string[] {
	return [
		...new Set([
			displayName,
			displayName.replace(/ Name or ID$/, ''),
			displayName.replace(/ or IDs$/, ''),
		]),
	];
}

function modelOf(
	resource: string,
	property: INodeProperties,
	inFixedCollection: boolean,
): SendModel {
	const { name, type } = property;
	if (inFixedCollection) return 'text';
	if (CONTROL_FIELDS.has(name)) return 'control';
	if (LIST_FIELDS.has(name) || type === 'multiOptions') return 'list';
	if (type === 'resourceLocator') return name === 'contactId' ? 'upper' : 'text';
	if (name === 'vendorId') return 'vendor';
	if (name === 'phone' && (property.displayOptions?.show?.searchBy ?? []).length) return 'digits';
	if (type === 'number') return 'number';
	if (type === 'boolean') return 'boolean';
	if (type === 'dateTime') return 'date';
	if (type === 'options' && property.options && !property.typeOptions?.loadOptionsMethod) {
		return 'option';
	}
	if (resource === 'contact' && name === 'outsideTeamEmail') return 'text';
	return 'text';
}

export function collectFields(): Field[] {
	const fields: Field[] = [];
	for (const [resource, definition] of Object.entries(resources)) {
		for (const operation of Object.values(definition.operations)) {
			const op = String(operation.option.value);
			const add = (
				property: INodeProperties,
				path: Array<string | number>,
				labels: string[],
				extra: Partial<Field> = {},
				inFixedCollection = false,
			) => {
				const show = { ...(property.displayOptions?.show ?? {}) };
				const selectors = Object.fromEntries(
					Object.entries(show).map(([key, values]) => [key, (values as unknown[])[0]]),
				);
				fields.push({
					key: `${resource}.${op}:${path.join('.')}`,
					resource,
					operation: op,
					path,
					property,
					labels,
					model: modelOf(resource, property, inFixedCollection),
					optionalTopLevel: false,
					emptyIsSent: false,
					separator: resource === 'contact' && ['create', 'upsert'].includes(op) ? ';' : ',',
					selectors,
					...extra,
				});
			};
			for (const property of operation.description) {
				if (property.type === 'notice') continue;
				// n8n does not evaluate expressions in these: an expression cannot fill them.
				if (property.noDataExpression) continue;
				if (property.type === 'collection') {
					for (const option of property.options as INodeProperties[]) {
						if (option.type === 'fixedCollection') {
							for (const group of option.options as Array<{
								name: string;
								values: INodeProperties[];
							}>) {
								for (const leaf of group.values) {
									add(
										leaf,
										[property.name, option.name, group.name, 0, leaf.name],
										[`${option.displayName} ${leaf.displayName}`],
										{},
										true,
									);
								}
							}
							continue;
						}
						const contentBlankClears =
							resource === 'content' &&
							op === 'update' &&
							['category', 'subject'].includes(option.name);
						add(option, [property.name, option.name], labelsOf(option.displayName), {
							emptyIsSent: contentBlankClears,
							selectors: Object.fromEntries(
								Object.entries(property.displayOptions?.show ?? {}).map(([key, values]) => [
									key,
									(values as unknown[])[0],
								]),
							),
						});
					}
					continue;
				}
				add(property, [property.name], labelsOf(property.displayName), {
					optionalTopLevel: !property.required,
					// Update Categories: "leave empty to remove them all".
					emptyIsSent:
						resource === 'note' && op === 'updateCategories' && property.name === 'categories',
				});
			}
		}
	}
	return fields;
}

// ---------------------------------------------------------------------------------------------
// Valid values: a baseline run of every operation, and item 0 of every mutated run.

export function validValueFor(property: INodeProperties): unknown {
	const name = property.name;
	if (/email/i.test(name)) return 'a@example.com';
	if (/url/i.test(name) || name === 'page' || name === 'website') {
		return name === 'imageUrls' ? ['https://example.com/a.jpg'] : 'https://example.com/x';
	}
	if (name === 'zip') return '85212';
	if (name === 'phone') return '4805550199';
	// Create or Update's top-level match phone: the one its baseline matches by.
	if (name === 'mobilePhone') return '4805550101';
	if (name === 'vendorId') return 'V42';
	if (name === 'additionalContactIds') return '43';
	if (name === 'names') return 'Buyer';
	if (name === 'types') return 'Lender';
	if (name === 'yearBuilt') return 1999;
	if (name === 'limit') return 5;
	if (name === 'source') return 'API';
	if (name === 'category') return 'Buyer';
	if (/(^|[a-z])Id$/.test(name) || name === 'searchId' || name === 'insideTeamId') return '42';
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'list', value: '42' };
		case 'number':
			return 2;
		case 'boolean':
			return false;
		case 'dateTime':
			return '2024-05-14T10:00:00';
		case 'multiOptions':
			return ['Buyer'];
		case 'options':
			return property.typeOptions?.loadOptionsMethod
				? 'Buyer'
				: (property.options as Array<{ value: unknown }>)[0].value;
		default:
			return 'Sample';
	}
}

/** What each operation needs besides its required fields to run with valid input. */
const OVERRIDES: Record<string, Record<string, unknown>> = {
	'contact.addAddress': { zip: '85001' },
	'contact.updateCustomField': { key: 'K', value: 'v' },
	'contact.update': { updateFields: { city: 'Tempe' } },
	'contact.upsert': { email: 'a@example.com', mobilePhone: '4805550101' },
	'note.update': { updateFields: { note: 'x' } },
	'task.update': { updateFields: { description: 'x' } },
	'call.update': { updateFields: { reason: 'x' } },
	'property.update': { updateFields: { city: 'Mesa' } },
	'property.get': { addressFields: { streetNum: '1' } },
	'property.createSearchProfile': { searchProfile: { minBeds: 2 } },
	'property.updateSearchProfile': { searchProfile: { minBeds: 2 } },
	'content.update': { updateFields: { name: 'N' } },
	'webhook.update': { updateFields: { status: 'Active' } },
	'transaction.attachFile': { transactionId: '42', url: 'https://example.com/file.pdf' },
	'calendar.getEvents': { startDate: '2024-05-14T00:00:00', endDate: '2024-05-15T00:00:00' },
};

export function baselineParameters(resource: string, operation: string): Record<string, unknown> {
	const parameters: Record<string, unknown> = { resource, operation };
	const description = resources[resource].operations[operation].description;
	for (const property of description) {
		// Every required field, shown or not: a hidden one is ignored by the operation.
		if (property.required) parameters[property.name] = validValueFor(property);
	}
	return { ...parameters, ...structuredClone(OVERRIDES[`${resource}.${operation}`] ?? {}) };
}

export function setAt(
	target: Record<string, unknown>,
	path: Array<string | number>,
	value: unknown,
) {
	let node = target as Record<string | number, unknown>;
	for (let i = 0; i < path.length - 1; i++) {
		const key = path[i];
		if (typeof node[key] !== 'object' || node[key] === null) {
			node[key] = typeof path[i + 1] === 'number' ? [] : {};
		}
		node = node[key] as Record<string | number, unknown>;
	}
	node[path[path.length - 1]] = value;
}

const NODE_PROPERTIES = new WiseAgent().description.properties;

/**
 * With a selector (Search By…) set by an expression, n8n cannot tell which fields it shows, so it
 * checks every required field that depends on a selector of that name, in any operation.
 */
function fieldsShownBy(selector: string): INodeProperties[] {
	return NODE_PROPERTIES.filter(
		(property) => property.required && property.displayOptions?.show?.[selector] !== undefined,
	);
}

export function parametersFor(field: Field): Record<string, unknown> {
	const parameters = baselineParameters(field.resource, field.operation);
	Object.assign(parameters, field.selectors);
	for (const dependent of fieldsShownBy(field.property.name)) {
		parameters[dependent.name] ??= validValueFor(dependent);
	}
	if (field.path.length === 5) {
		// Extra Form Fields: one entry, the other half valid.
		setAt(parameters, field.path.slice(0, 4), { name: 'bedrooms', value: '3' });
	}
	setAt(
		parameters,
		field.path,
		field.property.type === 'resourceLocator'
			? { __rl: true, mode: 'list', value: FROM_ITEM }
			: FROM_ITEM,
	);
	return parameters;
}

export function validItemValue(field: Field): unknown {
	const value = validValueFor(field.property);
	if (field.path.length === 5) return field.property.name === 'name' ? 'bedrooms' : '3';
	if (field.property.type === 'resourceLocator') return '42';
	// A selector's valid value is the one that shows the mutated field's siblings.
	return field.selectors[field.property.name] ?? value;
}

// ---------------------------------------------------------------------------------------------
// The kinds of bad input.

const letters = fc.string({
	unit: fc.constantFrom(...'abcxyzVQ'.split('')),
	minLength: 1,
	maxLength: 4,
});
const digits = fc.string({
	unit: fc.constantFrom(...'0123456789'.split('')),
	minLength: 1,
	maxLength: 6,
});

/** Years, months and days that make no real date in the accepted range. */
const impossibleDate = fc
	.record({
		year: fc.oneof(
			fc.integer({ min: 1, max: 1899 }),
			fc.integer({ min: 2101, max: 9999 }),
			fc.integer({ min: 1900, max: 2100 }),
		),
		month: fc.integer({ min: 0, max: 13 }),
		day: fc.integer({ min: 0, max: 32 }),
		us: fc.boolean(),
		time: fc.constantFrom('', 'T10:00:00', ' 10:00', 'T25:00', 'T10:61'),
	})
	.filter(({ year, month, day, time }) => {
		const date = new Date(Date.UTC(2000, month - 1, day));
		date.setUTCFullYear(year);
		const real =
			month >= 1 && month <= 12 && date.getUTCDate() === day && date.getUTCMonth() === month - 1;
		return !real || year < 1900 || year > 2100 || /25|61/.test(time);
	})
	.map(({ year, month, day, us, time }) => {
		const pad = (n: number, width = 2) => String(n).padStart(width, '0');
		return us
			? `${pad(month)}/${pad(day)}/${pad(year, 4)}${time.replace('T', ' ')}`
			: `${pad(year, 4)}-${pad(month)}-${pad(day)}${time}`;
	});

export const KINDS: Record<string, fc.Arbitrary<unknown>> = {
	empty: fc.constant(''),
	whitespace: fc.string({
		unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000'),
		minLength: 1,
		maxLength: 6,
	}),
	'letters in ids': fc.oneof(
		fc.tuple(digits, letters, digits).map((parts) => parts.join('')),
		fc.tuple(letters, digits).map((parts) => parts.join('')),
		fc.constantFrom('V', 'VV12', '12V', 'C123', '0', '000', '-5', '1.5', '1e3', '9'.repeat(30)),
	),
	huge: fc
		.tuple(fc.integer({ min: 4001, max: 1_000_000 }), fc.constantFrom('x', '€', '😀', '9'))
		.map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length))),
	unicode: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
	'NUL/CR/LF': fc
		.tuple(letters, fc.constantFrom('\u0000', '\r', '\n', '\r\n', '\u0007', '\u001b'), letters)
		.map((parts) => parts.join('')),
	injection: fc
		.tuple(
			fc.constantFrom('', '42', 'Buyer', 'a@example.com'),
			fc.constantFrom(
				'&requestType=deleteProperty',
				'&requestType=deleteProperty&propertyID=1',
				'%26requestType%3DdeleteProperty',
				'%26',
				'&',
				'=',
				'?requestType=webhooks',
				'#x',
				'+',
				'%0d%0a',
			),
		)
		.map((parts) => parts.join('')),
	'numbers/objects/arrays': fc.oneof(
		fc.double(),
		fc.integer(),
		fc.constantFrom(NaN, Infinity, -Infinity, 0, -1, 1e20, null, true, false),
		fc.object({ maxDepth: 1 }),
		fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
		fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
		fc.constant({}),
		fc.constant([]),
	),
	'impossible dates': fc.oneof(
		impossibleDate,
		fc.constantFrom(
			'Feb 30 2024',
			'5',
			'0',
			'2024-02-30',
			'02/30/2024',
			'next tuesday',
			'2024-05-14T10:00:00+15:00',
		),
	),
};

export function show(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…(${value.length})` : value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}
