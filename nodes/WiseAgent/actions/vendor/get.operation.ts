import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { singleRecordFrom } from '../../helpers/records';
import { simplifyRecords } from '../../helpers/simplify';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { requireVendorId } from './vendorId';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a vendor',
		description: 'Retrieve one vendor by its ID (getSingleContact with a V-prefixed ID)',
	},
	scopes: ['contacts'],
	description: forOperation('vendor', 'get', [
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
	]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const vendorId = requireVendorId(
			this,
			itemIndex,
			'Vendor ID',
			this.getNodeParameter('vendorId', itemIndex),
		);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getSingleContact',
			query: { clientID: vendorId },
			itemIndex,
		});
		const vendor = singleRecordFrom(body);
		if (!vendor || Object.keys(vendor).length === 0) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Vendor ${vendorId} not found` },
				{
					message: `Wise Agent: vendor ${vendorId} was not found`,
					httpCode: '404',
					itemIndex,
				},
			);
		}
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords([vendor], simplify)[0];
	},
};
