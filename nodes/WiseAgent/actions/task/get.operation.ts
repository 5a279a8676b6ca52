import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { findTasks, TASK_LOOKUP_MAX_TASKS, taskNotFoundError } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readTaskId, taskLocator } from './task.fields';
import { simplifyTask } from './task.requests';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a task',
		description: `Retrieve one task by its ID. The API has no single-task read, so this searches the task list (up to ${TASK_LOOKUP_MAX_TASKS} tasks).`,
	},
	scopes: ['team'],
	description: [
		{
			displayName: `Wise Agent cannot read one task directly: this operation pages through the task list (at most ${TASK_LOOKUP_MAX_TASKS} tasks) until it finds the ID.`,
			name: 'getTaskNotice',
			type: 'notice',
			default: '',
		},
		taskLocator,
		simplifyField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const taskId = readTaskId(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const task = (await findTasks(this, [taskId], { itemIndex })).found.get(taskId);
		if (!task) throw taskNotFoundError(this, taskId, itemIndex);
		return simplifyRecords([task], simplify, simplifyTask)[0];
	},
};
