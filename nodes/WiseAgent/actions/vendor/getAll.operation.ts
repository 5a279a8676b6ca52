import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { recordsFrom } from '../../helpers/records';
import { simplifyRecords } from '../../helpers/simplify';
import { checkEmail, invalidInput, toList } from '../../helpers/validation';
import { DEFAULT_PAGE_SIZE, wiseAgentApiRequestAllItems } from '../../transport';
import type { WiseAgentOperation } from '../types';

/** getVendors' documented default page size when `page` is sent. */

/** getVendors applies only ONE of email, phone, types and nameQuery (in that order). */
function vendorFilterQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	switch (context.getNodeParameter('searchBy', itemIndex, 'none') as string) {
		case 'email': {
			const email = String(context.getNodeParameter('email', itemIndex, '')).trim();
			if (!email) throw invalidInput(context, itemIndex, 'Email', 'is required');
			checkEmail(context, itemIndex, 'Email', email);
			return { email };
		}
		case 'phone': {
			const phone = String(context.getNodeParameter('phone', itemIndex, '')).replace(/\D/g, '');
			if (!phone) throw invalidInput(context, itemIndex, 'Phone', 'needs at least one digit');
			return { phone };
		}
		case 'types': {
			const types = toList(context.getNodeParameter('types', itemIndex, ''));
			if (!types.length) throw invalidInput(context, itemIndex, 'Types', 'give at least one type');
			return { types: types.join(',') };
		}
		case 'name': {
			const nameQuery = String(context.getNodeParameter('nameQuery', itemIndex, '')).trim();
			if (!nameQuery) throw invalidInput(context, itemIndex, 'Name or Company', 'is required');
			return { nameQuery };
		}
		default:
			return {};
	}
}

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many vendors',
		description: 'List vendors, or search them by email, phone, type or name (getVendors)',
	},
	scopes: ['contacts'],
	description: [
		...returnAllOrLimit(),
		{
			displayName: 'Search By',
			name: 'searchBy',
			type: 'options',
			options: [
				{ name: 'All Vendors', value: 'none' },
				{ name: 'Email', value: 'email' },
				{ name: 'Name or Company', value: 'name' },
				{ name: 'Phone', value: 'phone' },
				{ name: 'Types', value: 'types' },
			],
			default: 'none',
			description: 'Wise Agent applies one of these searches per request',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: { show: { searchBy: ['email'] } },
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			required: true,
			placeholder: '4808360345',
			description: 'Phone number; anything but digits is removed before searching',
			displayOptions: { show: { searchBy: ['phone'] } },
		},
		{
			displayName: 'Types',
			name: 'types',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Cooperating-Agent, Lender',
			description: 'Comma-separated vendor types; vendors of any of them are returned',
			displayOptions: { show: { searchBy: ['types'] } },
		},
		{
			displayName: 'Name or Company',
			name: 'nameQuery',
			type: 'string',
			default: '',
			required: true,
			description: 'Matched against company, contact name and alternate contact name',
			displayOptions: { show: { searchBy: ['name'] } },
		},
		simplifyField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const query = vendorFilterQuery(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const vendors = await wiseAgentApiRequestAllItems.call(
			this,
			{ method: 'GET', requestType: 'getVendors', query, itemIndex },
			{ pageSize: DEFAULT_PAGE_SIZE, limit, extract: (body) => recordsFrom(body) },
		);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords(vendors, simplify);
	},
};
