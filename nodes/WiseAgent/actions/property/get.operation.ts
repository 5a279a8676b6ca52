import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { getCollection, readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { addedText, invalidInput, requireOption, withoutEmpty } from '../../helpers/validation';
import { getProperty, notFoundError } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { propertyLocator, readPropertyId } from './property.fields';
import { simplifyProperty } from './property.requests';

/**
 * getProperty's lookup fields besides propertyID: user-facing name → query name, display name,
 * and the limit addProperty documents for the same field.
 */
const LOOKUP_FIELDS: Array<[string, string, string, number]> = [
	['mls', 'MLS', 'MLS Number', 50],
	['postalCode', 'PostalCode', 'Postal Code', 50],
	['state', 'State', 'State', 50],
	['street', 'Street', 'Street Name', 250],
	['streetNum', 'StreetNum', 'Street Number', 50],
];

const FIND_BY = ['id', 'address'] as const;

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a property',
		description: 'Retrieve a property by its ID, or find it by address or MLS number',
	},
	scopes: ['properties'],
	description: [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: [
				{ name: 'ID', value: 'id' },
				{ name: 'Address or MLS Number', value: 'address' },
			],
			default: 'id',
		},
		{ ...propertyLocator, displayOptions: { show: { findBy: ['id'] } } },
		{
			displayName: 'Address Fields',
			name: 'addressFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'At least one is required',
			displayOptions: { show: { findBy: ['address'] } },
			options: LOOKUP_FIELDS.map(([name, , displayName, max]) => ({
				displayName,
				name,
				type: 'string' as const,
				default: '',
				description: `At most ${max} characters`,
			})),
		},
		simplifyField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const findBy = requireOption(
			this,
			itemIndex,
			'Find By',
			this.getNodeParameter('findBy', itemIndex, 'id'),
			FIND_BY,
		);
		let query: IDataObject;
		if (findBy === 'id') {
			query = { propertyID: readPropertyId(this, itemIndex) };
		} else {
			const values = getCollection(this, itemIndex, 'addressFields');
			query = {};
			for (const [name, apiName, displayName, max] of LOOKUP_FIELDS) {
				query[apiName] = addedText(this, itemIndex, displayName, values[name], max);
			}
			query = withoutEmpty(query);
			if (Object.keys(query).length === 0) {
				throw invalidInput(
					this,
					itemIndex,
					'Address Fields',
					'give at least one of street number, street, state, postal code or MLS number',
				);
			}
		}
		const simplify = readSimplify(this, itemIndex);
		const property = await getProperty(this, query, itemIndex);
		if (!property) throw notFoundError(this, 'the property', itemIndex);
		return simplifyRecords([property], simplify, simplifyProperty)[0];
	},
};
