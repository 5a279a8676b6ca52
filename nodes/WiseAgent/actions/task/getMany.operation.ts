import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { TASKS_PAGE_SIZE, walkTasks } from './taskFields';

export const getMany: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tasks',
		description: 'List the account’s tasks, page by page (tasks, GET)',
	},
	scopes: ['team'],
	description: forOperation('task', 'getAll', [...returnAllOrLimit()]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const tasks: IDataObject[] = [];
		await walkTasks(this, itemIndex, Math.min(TASKS_PAGE_SIZE, limit), (page) => {
			tasks.push(...page.slice(0, limit - tasks.length));
			return tasks.length >= limit;
		});
		return tasks;
	},
};
