import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pageSizeOption, returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { DEFAULT_PAGE_SIZE, getTasks } from '../../transport';
import { readPaging } from '../listOperation';
import type { WiseAgentOperation } from '../types';
import { simplifyTask } from './task.requests';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tasks',
		description: 'List the account’s tasks, page by page',
	},
	scopes: ['team'],
	description: [...returnAllOrLimit(), simplifyField, pageSizeOption(DEFAULT_PAGE_SIZE)],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { limit, pageSize } = readPaging(this, itemIndex, DEFAULT_PAGE_SIZE);
		const simplify = readSimplify(this, itemIndex);
		const tasks = await getTasks(this, { pageSize, limit }, itemIndex);
		return simplifyRecords(tasks, simplify, simplifyTask);
	},
};
