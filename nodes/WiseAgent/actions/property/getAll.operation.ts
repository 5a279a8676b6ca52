import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pageSizeOption, returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { getProperties, PROPERTIES_PAGE_SIZE } from '../../transport';
import { readBoolean } from '../../helpers/validation';
import { readPaging } from '../listOperation';
import type { WiseAgentOperation } from '../types';
import { simplifyProperty } from './property.requests';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many properties',
		description: 'List the account’s properties, most recent first',
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
		simplifyField,
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
		const simplify = readSimplify(this, itemIndex);
		const properties = await getProperties(
			this,
			{ showArchived: String(archived) },
			{ pageSize, limit },
			itemIndex,
		);
		return simplifyRecords(properties, simplify, simplifyProperty);
	},
};
