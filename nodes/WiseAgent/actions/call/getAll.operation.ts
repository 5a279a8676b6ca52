import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	contactLocator,
	pageSizeOption,
	returnAllOrLimit,
	simplifyField,
} from '../../descriptions/common';
import { getContactIdParameter, readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { readBoolean } from '../../helpers/validation';
import { DEFAULT_PAGE_SIZE, getContactCalls } from '../../transport';
import { readPaging } from '../listOperation';
import type { WiseAgentOperation } from '../types';
import { simplifyCall } from './call.requests';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many calls of a contact',
		description: 'List the call list entries of a client or vendor',
	},
	scopes: ['contacts'],
	description: [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		...returnAllOrLimit(),
		{
			displayName: 'Order by Next Contact Date',
			name: 'orderByNextContactDate',
			type: 'boolean',
			default: false,
			description:
				'Whether to list by next contact date, newest first (otherwise by date created, oldest first)',
		},
		simplifyField,
		pageSizeOption(DEFAULT_PAGE_SIZE),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const clientId = getContactIdParameter(this, itemIndex);
		const { limit, pageSize } = readPaging(this, itemIndex, DEFAULT_PAGE_SIZE);
		const ordered = readBoolean(
			this,
			itemIndex,
			'Order by Next Contact Date',
			this.getNodeParameter('orderByNextContactDate', itemIndex, false),
		);
		const simplify = readSimplify(this, itemIndex);
		const calls = await getContactCalls(
			this,
			ordered ? { clientId, orderByNextContactDate: 'true' } : { clientId },
			{ pageSize, limit },
			itemIndex,
		);
		return simplifyRecords(calls, simplify, simplifyCall);
	},
};
