import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readTaskId, taskLocator } from './task.fields';

export const complete: WiseAgentOperation = {
	option: {
		name: 'Complete',
		value: 'complete',
		action: 'Complete a task',
		description: 'Mark a task as done',
	},
	scopes: ['team'],
	description: [taskLocator],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const taskId = readTaskId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'tasks',
			form: { TaskID: taskId, Completed: 'yes' },
			itemIndex,
		});
		return successResult(body, { TaskID: taskId, Completed: true });
	},
};
