import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pageSizeOption, returnAllOrLimit } from '../../descriptions/common';
import { getProperties, PROPERTIES_PAGE_SIZE } from '../../transport';
import { readBoolean } from '../../helpers/validation';
import { readPaging } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many properties',
		description: 'List the account’s properties, most recent first (getProperties)',
	},
	scopes: ['properties'],
	description: [
		...returnAllOrLimit(),
		{
			displayName: 'Archived Only',
			name: 'showArchived',
			type: 'boolean',
			default: false,
			description: 'Whether to list only archived properties (otherwise only active ones)',
		},
		pageSizeOption(PROPERTIES_PAGE_SIZE),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { limit, pageSize } = readPaging(this, itemIndex, PROPERTIES_PAGE_SIZE);
		const archived = readBoolean(
			this,
			itemIndex,
			'Archived Only',
			this.getNodeParameter('showArchived', itemIndex, false),
		);
		return await getProperties(
			this,
			{ showArchived: String(archived) },
			{ pageSize, limit },
			itemIndex,
		);
	},
};
