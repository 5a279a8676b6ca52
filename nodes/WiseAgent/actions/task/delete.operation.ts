import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readTaskId, taskLocator } from './task.fields';
import { TASK_DELETE_REQUEST_TYPE } from './task.requests';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a task',
		description: 'Delete a task by its ID (tasks, DELETE)',
	},
	scopes: ['team'],
	description: [taskLocator],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const taskId = readTaskId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: TASK_DELETE_REQUEST_TYPE,
			form: { TaskID: taskId },
			itemIndex,
		});
		return successResult(body, { TaskID: taskId, deleted: true });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
