import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { DEFAULT_PAGE_SIZE, walkTasks } from '../../transport';
import { readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tasks',
		description: 'List the account’s tasks, page by page (tasks, GET)',
	},
	scopes: ['team'],
	description: [...returnAllOrLimit()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const limit = readLimit(this, itemIndex) ?? Infinity;
		const tasks: IDataObject[] = [];
		await walkTasks(
			this,
			(page) => {
				tasks.push(...page.slice(0, limit - tasks.length));
				return tasks.length >= limit;
			},
			{ pageSize: Math.min(DEFAULT_PAGE_SIZE, limit), itemIndex },
		);
		return tasks;
	},
};
