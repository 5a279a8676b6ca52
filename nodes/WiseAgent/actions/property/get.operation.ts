import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { invalidInput, withoutEmpty } from '../../helpers/validation';
import { getProperty, notFoundError } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { propertyLocator, readPropertyId } from './property.fields';

/** getProperty's lookup fields besides propertyID: user-facing name → query name. */
const LOOKUP_FIELDS: Array<[string, string, string]> = [
	['mls', 'MLS', 'MLS Number'],
	['postalCode', 'PostalCode', 'Postal Code'],
	['state', 'State', 'State'],
	['street', 'Street', 'Street Name'],
	['streetNum', 'StreetNum', 'Street Number'],
];

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a property',
		description: 'Retrieve a property by its ID, or find it by address or MLS number (getProperty)',
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
			options: LOOKUP_FIELDS.map(([name, , displayName]) => ({
				displayName,
				name,
				type: 'string' as const,
				default: '',
			})),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const findBy = this.getNodeParameter('findBy', itemIndex, 'id') as string;
		let query: IDataObject;
		if (findBy === 'id') {
			query = { propertyID: readPropertyId(this, itemIndex) };
		} else {
			const values = getCollection(this, itemIndex, 'addressFields');
			query = {};
			for (const [name, apiName] of LOOKUP_FIELDS) {
				query[apiName] = typeof values[name] === 'string' ? values[name].trim() : values[name];
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
		const property = await getProperty(this, query, itemIndex);
		if (!property) throw notFoundError(this, 'the property', itemIndex);
		return property;
	},
};
