import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pageSizeOption, returnAllOrLimit } from '../../descriptions/common';
import { DEFAULT_PAGE_SIZE, getTasks } from '../../transport';
import { readPaging } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tasks',
		description: 'List the account’s tasks, page by page (tasks, GET)',
	},
	scopes: ['team'],
	description: [...returnAllOrLimit(), pageSizeOption(DEFAULT_PAGE_SIZE)],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { limit, pageSize } = readPaging(this, itemIndex, DEFAULT_PAGE_SIZE);
		return await getTasks(this, { pageSize, limit }, itemIndex);
	},
};
