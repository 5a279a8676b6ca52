import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getCollection, getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import {
	NAME_MAX,
	addedText,
	invalidInput,
	optionalText,
	requireText,
	withoutEmpty,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

/**
 * User-facing name → addClientAddress field (the docs' first, PascalCase variant), display name
 * and length limit (undocumented here: addProperty's documented limits for the same parts).
 */
const OPTIONAL_ADDRESS_FIELDS: Array<[string, string, string, number]> = [
	['addressType', 'AddressType', 'Address Type', 50],
	['suiteNo', 'SuiteNo', 'Suite / Apartment', 50],
	['poBox', 'POBox', 'PO Box', 50],
	['buildingFloor', 'BldgFloor', 'Building Floor', 50],
	['subdivision', 'Subdivision', 'Subdivision', NAME_MAX],
	['county', 'County', 'County', 50],
	['country', 'Country', 'Country', 50],
	['mls', 'MLS', 'MLS Number', 50],
	['township', 'Township', 'Township', 50],
];

export const addAddress: WiseAgentOperation = {
	option: {
		name: 'Add Address',
		value: 'addAddress',
		action: 'Add an address to a contact',
		description: 'Add an extra address, e.g. a liked or searched property',
	},
	scopes: ['contacts'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Street Number',
			name: 'addressNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: '16631',
			description: 'At most 50 characters',
		},
		{
			displayName: 'Street Name',
			name: 'street',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'E. 56th St.',
			description: 'At most 250 characters',
		},
		{
			displayName: 'Zip',
			name: 'zip',
			type: 'string',
			default: '',
			description: 'Required unless City and State are given',
		},
		{
			displayName: 'City',
			name: 'city',
			type: 'string',
			default: '',
			description: 'Required (with State) when there is no Zip',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			description: 'Required (with City) when there is no Zip',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: OPTIONAL_ADDRESS_FIELDS.map(([name, , displayName, max]) => ({
				displayName,
				name,
				type: 'string' as const,
				default: '',
				description: `At most ${max} characters`,
				...(name === 'addressType'
					? { placeholder: 'Liked, Searched, Business… (default: other)' }
					: {}),
			})),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const form: IDataObject = {
			ClientID: clientId,
			AddressNum: requireText(
				this,
				itemIndex,
				'Street Number',
				this.getNodeParameter('addressNumber', itemIndex),
				50,
			),
			Address: requireText(
				this,
				itemIndex,
				'Street Name',
				this.getNodeParameter('street', itemIndex),
				250,
			),
			Zip: optionalText(this, itemIndex, 'Zip', this.getNodeParameter('zip', itemIndex, ''), 20),
			City: optionalText(
				this,
				itemIndex,
				'City',
				this.getNodeParameter('city', itemIndex, ''),
				100,
			),
			State: optionalText(
				this,
				itemIndex,
				'State',
				this.getNodeParameter('state', itemIndex, ''),
				50,
			),
		};
		if (!form.Zip && (!form.City || !form.State)) {
			throw invalidInput(this, itemIndex, 'Zip', 'give a Zip, or both City and State');
		}
		const additional = getCollection(this, itemIndex, 'additionalFields');
		for (const [name, apiName, displayName, max] of OPTIONAL_ADDRESS_FIELDS) {
			form[apiName] = addedText(this, itemIndex, displayName, additional[name], max);
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addClientAddress',
			form: withoutEmpty(form),
			itemIndex,
		});
		return successResult(body, { ClientID: clientId });
	},
};
