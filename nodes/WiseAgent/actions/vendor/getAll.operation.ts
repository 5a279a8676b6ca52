import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pageSizeOption, returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { simplifyRecords } from '../../helpers/simplify';
import {
	NAME_MAX,
	readEmail,
	readList,
	requireOption,
	requirePhoneDigits,
	requireText,
} from '../../helpers/validation';
import { DEFAULT_PAGE_SIZE, getVendors } from '../../transport';
import { readPaging } from '../listOperation';
import { readSimplify } from '../../helpers/parameters';
import type { WiseAgentOperation } from '../types';
import { simplifyVendor } from './vendor.requests';

const SEARCH_BY = ['none', 'email', 'name', 'phone', 'types'] as const;

/** getVendors applies only ONE of email, phone, types and nameQuery (in that order). */
function vendorFilterQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const searchBy = requireOption(
		context,
		itemIndex,
		'Search By',
		context.getNodeParameter('searchBy', itemIndex, 'none'),
		SEARCH_BY,
	);
	switch (searchBy) {
		case 'email':
			return {
				email: readEmail(
					context,
					itemIndex,
					'Email',
					context.getNodeParameter('email', itemIndex, ''),
					'required',
				),
			};
		case 'phone':
			return {
				phone: requirePhoneDigits(
					context,
					itemIndex,
					'Phone',
					context.getNodeParameter('phone', itemIndex, ''),
				),
			};
		case 'types': {
			const types = readList(
				context,
				itemIndex,
				'Types',
				context.getNodeParameter('types', itemIndex, ''),
				'required',
			);
			return { types: types.join(',') };
		}
		case 'name':
			return {
				nameQuery: requireText(
					context,
					itemIndex,
					'Name or Company',
					context.getNodeParameter('nameQuery', itemIndex, ''),
					NAME_MAX,
				),
			};
		default:
			return {};
	}
}

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many vendors',
		description: 'List vendors, or search them by email, phone, type or name',
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
			description:
				'Phone number; spaces and + - . ( ) are removed before searching (Wise Agent matches digits); letters are rejected.',
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
		pageSizeOption(DEFAULT_PAGE_SIZE),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const query = vendorFilterQuery(this, itemIndex);
		const { limit, pageSize } = readPaging(this, itemIndex, DEFAULT_PAGE_SIZE);
		const simplify = readSimplify(this, itemIndex);
		const vendors = await getVendors(this, query, { pageSize, limit }, itemIndex);
		return simplifyRecords(vendors, simplify, (record) => simplifyVendor(record));
	},
};
