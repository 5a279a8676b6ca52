import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, requireText, withoutEmpty } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

/** User-facing name → addClientAddress field (the docs' first, PascalCase variant). */
const OPTIONAL_ADDRESS_FIELDS: Array<[string, string, string]> = [
	['addressType', 'AddressType', 'Address Type'],
	['suiteNo', 'SuiteNo', 'Suite / Apartment'],
	['poBox', 'POBox', 'PO Box'],
	['buildingFloor', 'BldgFloor', 'Building Floor'],
	['subdivision', 'Subdivision', 'Subdivision'],
	['county', 'County', 'County'],
	['country', 'Country', 'Country'],
	['mls', 'MLS', 'MLS Number'],
	['township', 'Township', 'Township'],
];

export const addAddress: WiseAgentOperation = {
	option: {
		name: 'Add Address',
		value: 'addAddress',
		action: 'Add an address to a contact',
		description: 'Add an extra address, e.g. a liked or searched property (addClientAddress)',
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
		},
		{
			displayName: 'Street Name',
			name: 'street',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'E. 56th St.',
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
			options: OPTIONAL_ADDRESS_FIELDS.map(([name, , displayName]) => ({
				displayName,
				name,
				type: 'string' as const,
				default: '',
				...(name === 'addressType'
					? { placeholder: 'Liked, Searched, Business… (default: other)' }
					: {}),
			})),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const zip = String(this.getNodeParameter('zip', itemIndex, '')).trim();
		const city = String(this.getNodeParameter('city', itemIndex, '')).trim();
		const state = String(this.getNodeParameter('state', itemIndex, '')).trim();
		if (!zip && (!city || !state)) {
			throw invalidInput(this, itemIndex, 'Zip', 'give a Zip, or both City and State');
		}
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const form: IDataObject = {
			ClientID: clientId,
			AddressNum: requireText(
				this,
				itemIndex,
				'Street Number',
				this.getNodeParameter('addressNumber', itemIndex),
			),
			Address: requireText(
				this,
				itemIndex,
				'Street Name',
				this.getNodeParameter('street', itemIndex),
			),
			Zip: zip,
			City: city,
			State: state,
		};
		for (const [name, apiName] of OPTIONAL_ADDRESS_FIELDS) form[apiName] = additional[name];
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addClientAddress',
			form: withoutEmpty(form),
			itemIndex,
		});
		return successResult(body, { ClientID: clientId });
	},
};
