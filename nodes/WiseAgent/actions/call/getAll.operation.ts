import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator, pageSizeOption, returnAllOrLimit } from '../../descriptions/common';
import { getContactIdParameter } from '../../helpers/parameters';
import { readBoolean } from '../../helpers/validation';
import { DEFAULT_PAGE_SIZE, getContactCalls } from '../../transport';
import { readPaging } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many calls of a contact',
		description: 'List the call list entries of a client or vendor (calls, GET with clientId)',
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
		return await getContactCalls(
			this,
			ordered ? { clientId, orderByNextContactDate: 'true' } : { clientId },
			{ pageSize, limit },
			itemIndex,
		);
	},
};
