import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { simplifyRecords } from '../../helpers/simplify';
import { getContact, notFoundError } from '../../transport';
import { readSimplify } from '../../helpers/parameters';
import type { WiseAgentOperation } from '../types';
import { requireVendorId } from './vendor.fields';
import { simplifyVendor } from './vendor.requests';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a vendor',
		description: 'Retrieve one vendor by its ID',
	},
	scopes: ['contacts'],
	description: [
		{
			displayName: 'Vendor ID',
			name: 'vendorId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. V26855',
			description: 'The vendor’s ID, with or without its V prefix',
		},
		simplifyField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const vendorId = requireVendorId(
			this,
			itemIndex,
			'Vendor ID',
			this.getNodeParameter('vendorId', itemIndex),
		);
		const simplify = readSimplify(this, itemIndex);
		const vendor = await getContact(this, vendorId, itemIndex);
		if (!vendor) throw notFoundError(this, `vendor ${vendorId}`, itemIndex);
		return simplifyRecords([vendor], simplify, (record) => simplifyVendor(record, vendorId))[0];
	},
};
